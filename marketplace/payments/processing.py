"""Processing stored provider events: each moves its payment at most once, whatever the order of arrival.

Rules (the payment row is locked with select_for_update while an event is applied, and the event's own row
first, so a duplicate run waits and then sees it processed):
- a payment that succeeded never goes back to failed, expired or requires_action: a late failure is noted
  and changes nothing;
- an event that proves a success (a refund or a dispute on its charge) arriving before the success itself
  marks the payment succeeded first, so payment_succeeded is always sent before payment_refunded;
- the refunded total is the provider's cumulative figure and only ever goes up (a reordered, older
  charge.refunded changes nothing);
- the amount and currency of every event must match the payment, else the event is recorded with the error
  and nothing changes;
- an event whose payment is not known yet raises WebhookEventUnmatchedError, which the task retries.
Signals are sent inside this transaction (see marketplace.payments.signals).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ewtp.money import Money
from marketplace.payments import signals
from marketplace.payments.amounts import provider_amount, provider_minor_units
from marketplace.payments.errors import WebhookEventMismatchError, WebhookEventUnmatchedError
from marketplace.payments.models import Payment, Refund, WebhookEvent

log = logging.getLogger(__name__)

DECLINED_MESSAGE = "The payment was declined."
ASYNC_FAILED_MESSAGE = "The payment did not go through."
EXPIRED_MESSAGE = "The payment page expired before the payment was made."


def webhook_event_process(*, event_id: int) -> str:
    """Apply the stored event `event_id` to its payment once; returns what happened (for the logs).

    Unknown event types are acknowledged (marked processed) and logged. A mismatch of amount or currency
    is recorded on the event and changes nothing. Any other error is recorded and raised (the task retries
    the transient ones).
    """
    event = WebhookEvent.objects.get(pk=event_id)
    if event.processed_at is not None:
        return "duplicate"
    handler = HANDLERS.get(event.type)
    if handler is None:
        WebhookEvent.objects.filter(pk=event_id).update(processed_at=timezone.now(), error="")
        log.info("webhook.ignored", extra={"event_id": event.event_id, "type": event.type})
        return "ignored"
    try:
        with transaction.atomic():
            event = WebhookEvent.objects.select_for_update().get(pk=event_id)
            if event.processed_at is not None:
                return "duplicate"
            data = event.payload["data"]["object"]
            payment = _payment_locked(data)
            outcome = handler(payment, data)
            event.payment, event.processed_at, event.error = payment, timezone.now(), ""
            event.save(update_fields=["payment", "processed_at", "error"])
    except WebhookEventMismatchError as exc:
        WebhookEvent.objects.filter(pk=event_id).update(processed_at=timezone.now(), error=exc.message)
        log.warning("webhook.mismatch", extra={"event_id": event.event_id, "error": exc.message})
        return "mismatch"
    except Exception as exc:
        WebhookEvent.objects.filter(pk=event_id).update(error=f"{exc.__class__.__name__}: {exc}"[:2000])
        raise
    log.info("webhook.processed", extra={"event_id": event.event_id, "type": event.type, "outcome": outcome})
    return outcome


# -- finding and checking the payment ------------------------------------------------------------------


def _payment_locked(data: dict) -> Payment:
    """The payment an event object is about, locked: by our reference in its metadata when it carries one,
    else by the provider ids recorded on the payment."""
    metadata = data.get("metadata") or {}
    kind = data.get("object")
    conditions = []
    if metadata.get("payment_reference") and kind != "dispute":
        conditions.append(Q(reference=metadata["payment_reference"]))
    if kind == "checkout.session":
        if data.get("client_reference_id"):
            conditions.append(Q(reference=data["client_reference_id"]))
        conditions.append(Q(provider_session_id=data.get("id") or "-"))
    elif kind == "payment_intent":
        conditions.append(Q(provider_payment_intent_id=data.get("id") or "-"))
    elif kind == "charge":
        if data.get("payment_intent"):
            conditions.append(Q(provider_payment_intent_id=data["payment_intent"]))
        conditions.append(Q(provider_charge_id=data.get("id") or "-"))
    elif kind in ("dispute", "refund"):
        if data.get("payment_intent"):
            conditions.append(Q(provider_payment_intent_id=data["payment_intent"]))
        if data.get("charge"):
            conditions.append(Q(provider_charge_id=data["charge"]))
    for condition in conditions:
        payment = Payment.objects.select_for_update().filter(condition).first()
        if payment is not None:
            return payment
    raise WebhookEventUnmatchedError(
        f"No payment known yet for this {kind or 'object'} ({data.get('id', '?')}).",
        details={"object": str(data.get("id", ""))},
    )


def _currency_check(payment: Payment, data: dict) -> None:
    currency = str(data.get("currency") or "").upper()
    if currency != payment.currency:
        raise WebhookEventMismatchError(
            f"The event is in {currency or 'no currency'}, the payment in {payment.currency}.",
            details={"currency": currency},
        )


def _amount_check(payment: Payment, data: dict, field: str, *, at_most: bool = False) -> None:
    _currency_check(payment, data)
    expected = provider_amount(payment.amount)
    sent = data.get(field)
    if not isinstance(sent, int) or (sent > expected if at_most else sent != expected):
        raise WebhookEventMismatchError(
            f"The event's {field} is {sent}, the payment's {expected} ({payment.currency}).",
            details={field: str(sent)},
        )


# -- state changes -------------------------------------------------------------------------------------


def _ids_record(payment: Payment, *, intent: str | None = None, charge: str | None = None) -> None:
    payment.provider_payment_intent_id = payment.provider_payment_intent_id or intent or ""
    payment.provider_charge_id = payment.provider_charge_id or charge or ""


def _succeed(payment: Payment) -> str:
    if payment.has_succeeded:
        payment.save()
        return "unchanged"
    payment.status, payment.succeeded_at, payment.failure_message = (
        Payment.Status.SUCCEEDED,
        timezone.now(),
        "",
    )
    payment.save()
    signals.payment_succeeded.send(sender=Payment, payment=payment)
    return "succeeded"


def _fail(payment: Payment, *, status: str, message: str) -> str:
    if payment.has_succeeded or payment.status == Payment.Status.EXPIRED:
        payment.save()
        log.info("payment.late_failure_ignored", extra={"payment": payment.reference, "status": status})
        return "unchanged"
    previous = payment.status
    payment.status, payment.failure_message = status, message
    payment.save()
    if previous != status:
        signals.payment_failed.send(sender=Payment, payment=payment, message=message)
        return status
    return "unchanged"


# -- handlers, one per event type ----------------------------------------------------------------------


def _session_completed(payment: Payment, session: dict) -> str:
    _amount_check(payment, session, "amount_total")
    payment.provider_session_id = payment.provider_session_id or session.get("id", "")
    _ids_record(payment, intent=session.get("payment_intent"))
    if session.get("payment_status") != "paid":
        payment.save()  # an asynchronous method (a bank debit): wait for async_payment_succeeded
        return "awaiting_async_payment"
    return _succeed(payment)


def _session_async_succeeded(payment: Payment, session: dict) -> str:
    _amount_check(payment, session, "amount_total")
    _ids_record(payment, intent=session.get("payment_intent"))
    return _succeed(payment)


def _session_async_failed(payment: Payment, session: dict) -> str:
    _amount_check(payment, session, "amount_total")
    return _fail(payment, status=Payment.Status.FAILED, message=ASYNC_FAILED_MESSAGE)


def _session_expired(payment: Payment, session: dict) -> str:
    _amount_check(payment, session, "amount_total")
    return _fail(payment, status=Payment.Status.EXPIRED, message=EXPIRED_MESSAGE)


def _intent_failed(payment: Payment, intent: dict) -> str:
    _amount_check(payment, intent, "amount")
    _ids_record(payment, intent=intent.get("id"))
    message = (intent.get("last_payment_error") or {}).get("message") or DECLINED_MESSAGE
    return _fail(payment, status=Payment.Status.FAILED, message=message)


def _intent_requires_action(payment: Payment, intent: dict) -> str:
    _amount_check(payment, intent, "amount")
    _ids_record(payment, intent=intent.get("id"))
    if payment.status not in (Payment.Status.CREATED, Payment.Status.FAILED):
        payment.save()
        return "unchanged"
    payment.status = Payment.Status.REQUIRES_ACTION
    payment.save()
    return "requires_action"


def _charge_refunded(payment: Payment, charge: dict) -> str:
    _amount_check(payment, charge, "amount")
    _amount_check(payment, charge, "amount_refunded", at_most=True)
    _ids_record(payment, intent=charge.get("payment_intent"), charge=charge.get("id"))
    _succeed(payment)  # a refunded charge was paid: this event may come before checkout.session.completed
    total = provider_minor_units(charge["amount_refunded"], payment.currency)
    listed = (charge.get("refunds") or {}).get("data") or []
    if total <= payment.amount_refunded_minor:
        payment.save()
        return "unchanged"
    increase = total - payment.amount_refunded_minor
    payment.amount_refunded_minor = total
    if payment.status != Payment.Status.DISPUTED:
        fully = total >= payment.amount_minor
        payment.status = Payment.Status.REFUNDED if fully else Payment.Status.PARTIALLY_REFUNDED
    payment.save()
    explained = _refunds_explaining(payment, increase=increase, listed=listed)
    for refund in explained:
        signals.payment_refunded.send(sender=Payment, payment=payment, refund=refund, amount=refund.amount)
    rest = increase - sum(refund.amount_minor for refund in explained)
    if rest > 0:  # refunded at the provider's dashboard
        amount = Money.from_minor_units(rest, payment.currency)
        signals.payment_refunded.send(sender=Payment, payment=payment, refund=None, amount=amount)
    return payment.status


def _refunds_explaining(payment: Payment, *, increase: int, listed: list[dict]) -> list[Refund]:
    """Our refunds that this increase of the refunded total is, marked counted and succeeded.

    By the refunds the charge lists (ids or our reference in their metadata) when it lists them; else (Stripe
    leaves the list out since API 2022-11-15) the oldest uncounted refund of exactly that amount, or all
    uncounted refunds when together they are exactly the increase (two refunds reported by one event).
    """
    uncounted = list(
        payment.refunds.filter(
            counted=False, status__in=[Refund.Status.PENDING, Refund.Status.SUCCEEDED]
        ).order_by("created_at", "pk")
    )
    if listed:
        succeeded = [r for r in listed if r.get("status") == "succeeded"]
        done = {r.get("id") for r in succeeded}
        done |= {(r.get("metadata") or {}).get("refund_reference") for r in succeeded}
        chosen, total = [], 0
        for refund in uncounted:
            listed_done = refund.provider_refund_id in done or refund.reference in done
            if listed_done and total + refund.amount_minor <= increase:
                chosen.append(refund)
                total += refund.amount_minor
    else:
        exact = [refund for refund in uncounted if refund.amount_minor == increase]
        if exact:
            chosen = exact[:1]
        elif uncounted and sum(refund.amount_minor for refund in uncounted) == increase:
            chosen = uncounted
        else:
            chosen = []
    for refund in chosen:
        refund.counted, refund.status = True, Refund.Status.SUCCEEDED
        refund.save(update_fields=["counted", "status", "updated_at"])
    return chosen


def _refund_updated(payment: Payment, refund_data: dict) -> str:
    """A refund that failed or was cancelled at the provider gives its amount back to what may be refunded."""
    _currency_check(payment, refund_data)
    if refund_data.get("status") not in ("failed", "canceled"):
        payment.save()
        return "unchanged"
    reference = (refund_data.get("metadata") or {}).get("refund_reference") or "-"
    refund = (
        payment.refunds.filter(Q(provider_refund_id=refund_data.get("id") or "-") | Q(reference=reference))
        .exclude(status=Refund.Status.FAILED)
        .first()
    )
    if refund is None or refund.counted:
        log.warning("refund.failed_after_counted", extra={"payment": payment.reference})
        return "unchanged"
    refund.status = Refund.Status.FAILED
    refund.failure_message = refund_data.get("failure_reason") or "The provider could not refund."
    refund.save(update_fields=["status", "failure_message", "updated_at"])
    return "refund_failed"


def _dispute_created(payment: Payment, dispute: dict) -> str:
    _amount_check(payment, dispute, "amount", at_most=True)
    _ids_record(payment, intent=dispute.get("payment_intent"), charge=dispute.get("charge"))
    _succeed(payment)  # a disputed charge was paid
    if payment.status == Payment.Status.DISPUTED:
        payment.save()
        return "unchanged"
    payment.status = Payment.Status.DISPUTED
    payment.save()
    signals.payment_disputed.send(sender=Payment, payment=payment)
    return "disputed"


HANDLERS: dict[str, Callable[[Payment, dict], str]] = {
    "checkout.session.completed": _session_completed,
    "checkout.session.async_payment_succeeded": _session_async_succeeded,
    "checkout.session.async_payment_failed": _session_async_failed,
    "checkout.session.expired": _session_expired,
    "payment_intent.payment_failed": _intent_failed,
    "payment_intent.requires_action": _intent_requires_action,
    "charge.refunded": _charge_refunded,
    "charge.refund.updated": _refund_updated,
    "refund.updated": _refund_updated,
    "refund.failed": _refund_updated,
    "charge.dispute.created": _dispute_created,
}
