"""Payments' interface for the checkout and the operators: start a payment, refund it, read it.

    payment, url = payment_start(purpose_reference=checkout.reference, amount=total, ...)
    return redirect(url)                      # the gateway's hosted page

What happens next arrives as provider events (marketplace.payments.webhooks), and the rest of the
marketplace hears of it through marketplace.payments.signals (payment_succeeded, payment_failed,
payment_refunded, payment_disputed), never by polling the payment.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from ewtp.money import Money
from ewtp.outbox.services import outbox_enqueue
from marketplace.payments.amounts import amount_check
from marketplace.payments.errors import (
    PaymentAmountInvalidError,
    PaymentExpiredError,
    PaymentIdempotencyConflictError,
    PaymentNotFoundError,
    PaymentNotRefundableError,
    PaymentProviderError,
    PaymentProviderUnreachableError,
    RefundExceedsRemainingError,
)
from marketplace.payments.gateways import gateway_get
from marketplace.payments.models import REFUNDABLE_STATUSES, Payment, Refund

log = logging.getLogger(__name__)


def payment_amount_validate(*, amount: Money) -> None:
    """Raise PaymentAmountInvalidError (details: {"amount": why}) unless `amount` can be charged exactly:
    more than zero, rounded to the currency's exponent, and in whole steps the provider takes (KWD, BHD,
    JOD, OMR, TND in steps of 0.010). The checkout calls it at review, to list the problem before paying."""
    amount_check(amount)


def payment_start(
    *,
    purpose_reference: str,
    amount: Money,
    customer_email: str,
    description: str,
    success_url: str,
    cancel_url: str,
    transfer_group: str,
    idempotency_key: str,
) -> tuple[Payment, str]:
    """Create a payment of `amount` for `purpose_reference` and its hosted page; returns the payment and the
    URL to send the buyer to.

    Idempotent by `idempotency_key`: the same key returns the same payment and URL and creates nothing (the
    pay button pressed twice); the same key with another amount, currency or purpose raises
    PaymentIdempotencyConflictError; an expired payment raises PaymentExpiredError (start a new one with a
    new key). `amount` must pass `payment_amount_validate`. The gateway is called outside any lock, with its
    own idempotency key, so a crash between the two steps is repaired by calling again with the same key.
    """
    amount_check(amount)
    gateway = gateway_get()
    values = {
        "purpose_reference": purpose_reference,
        "amount_minor": amount.minor_units,
        "currency": amount.currency,
    }
    payment = Payment.objects.filter(idempotency_key=idempotency_key).first()
    if payment is None:
        try:
            with transaction.atomic():
                payment = Payment.objects.create(
                    gateway=gateway.name,
                    customer_email=customer_email,
                    description=description,
                    success_url=success_url,
                    cancel_url=cancel_url,
                    transfer_group=transfer_group,
                    idempotency_key=idempotency_key,
                    **values,
                )
        except IntegrityError:
            # Another request with the same key won the race: answer as it did.
            payment = Payment.objects.get(idempotency_key=idempotency_key)
    if any(getattr(payment, field) != value for field, value in values.items()):
        raise PaymentIdempotencyConflictError(
            "This payment key was already used for another amount or purpose.",
            details={"idempotency_key": idempotency_key},
        )
    if payment.status == Payment.Status.EXPIRED:
        raise PaymentExpiredError("The payment page has expired.", details={"payment": payment.reference})
    if not payment.checkout_url:
        hosted = gateway_get(payment.gateway).checkout_start(payment=payment)
        Payment.objects.filter(pk=payment.pk).update(
            provider_session_id=hosted.session_id, checkout_url=hosted.url, updated_at=timezone.now()
        )
        payment.provider_session_id, payment.checkout_url = hosted.session_id, hosted.url
        log.info("payment.started", extra={"payment": payment.reference, "gateway": payment.gateway})
    return payment, payment.checkout_url


def payment_get(*, reference: str) -> Payment:
    """The payment with this reference, or PaymentNotFoundError."""
    payment = Payment.objects.filter(reference=reference).first()
    if payment is None:
        raise PaymentNotFoundError("No such payment.", details={"reference": reference})
    return payment


def payment_refundable_remaining(*, payment: Payment) -> Money:
    """What can still be refunded: paid, less what the provider reports refunded and what is being refunded
    (refunds asked for that its charge.refunded has not counted yet); zero unless it can be refunded."""
    if payment.status not in REFUNDABLE_STATUSES:
        return Money.zero(payment.currency)
    in_flight = payment.refunds.filter(
        status__in=[Refund.Status.PENDING, Refund.Status.SUCCEEDED], counted=False
    ).values_list("amount_minor", flat=True)
    pending = sum(in_flight)
    remaining = payment.amount_minor - payment.amount_refunded_minor - pending
    return Money.from_minor_units(max(remaining, 0), payment.currency)


def refund_request(
    *,
    payment: Payment,
    amount: Money,
    reason: str,
    order_reference: str,
    idempotency_key: str,
    requested_by=None,
) -> Refund:
    """Refund `amount` (all or part) of a payment that succeeded; returns the pending Refund.

    The refund is recorded and its submission to the gateway put in the outbox in one transaction (the
    caller's, when there is one), so it is never lost; the `payments.refund_submit` task then asks the
    provider (with the refund's own idempotency key), and the provider's charge.refunded event moves the
    payment and sends payment_refunded. Refuses, naming `amount`, more than what is left to refund (what
    was paid, less what is refunded or pending) and an amount in another currency or not chargeable.
    Idempotent by `idempotency_key`: the same key returns the same refund.
    """
    from marketplace.payments.tasks import refund_submit as refund_submit_task

    existing = Refund.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return _refund_same_or_conflict(existing, payment=payment, amount=amount)
    if amount.currency != payment.currency:
        raise PaymentAmountInvalidError(
            f"The refund must be in {payment.currency}, the payment's currency.",
            details={"amount": f"Use {payment.currency}."},
        )
    with transaction.atomic():
        # The lock serialises refunds of one payment, so two at once cannot exceed what was paid.
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status not in REFUNDABLE_STATUSES:
            raise PaymentNotRefundableError(
                f"A payment that is {payment.get_status_display().lower()} cannot be refunded.",
                details={"payment": payment.reference},
            )
        amount_check(amount)
        remaining = payment_refundable_remaining(payment=payment)
        if amount > remaining:
            message = f"At most {remaining.format()} is left to refund."
            raise RefundExceedsRemainingError(message, details={"amount": message})
        try:
            with transaction.atomic():
                refund = Refund.objects.create(
                    payment=payment,
                    amount_minor=amount.minor_units,
                    currency=amount.currency,
                    reason=reason,
                    order_reference=order_reference,
                    idempotency_key=idempotency_key,
                    requested_by=requested_by,
                )
        except IntegrityError:
            existing = Refund.objects.get(idempotency_key=idempotency_key)
            return _refund_same_or_conflict(existing, payment=payment, amount=amount)
        outbox_enqueue(refund_submit_task, refund_id=refund.pk)
    log.info("refund.requested", extra={"payment": payment.reference, "refund": refund.reference})
    return refund


def _refund_same_or_conflict(refund: Refund, *, payment: Payment, amount: Money) -> Refund:
    if refund.payment_id != payment.pk or refund.amount != amount:
        raise PaymentIdempotencyConflictError(
            "This refund key was already used for another payment or amount.",
            details={"idempotency_key": refund.idempotency_key},
        )
    return refund


def refund_submit(*, refund_id: int) -> Refund:
    """Ask the gateway for a pending refund that has not been submitted yet; a rerun is a no-op.

    The refund row stays locked during the provider call, so two runs of the task cannot both call it; the
    refund's idempotency key makes even that harmless.
    """
    with transaction.atomic():
        refund = Refund.objects.select_for_update().select_related("payment").get(pk=refund_id)
        if refund.provider_refund_id or refund.status != Refund.Status.PENDING:
            return refund
        try:
            result = gateway_get(refund.payment.gateway).refund_create(refund=refund)
        except PaymentProviderUnreachableError:
            raise  # transient: the task retries with the same idempotency key
        except (PaymentProviderError, PaymentNotRefundableError) as exc:
            # Refused for good: the amount is free to refund again, and operators see why in the admin.
            refund.status, refund.failure_message = Refund.Status.FAILED, exc.message
            refund.save(update_fields=["status", "failure_message", "updated_at"])
            log.warning("refund.refused", extra={"refund": refund.reference, "error": exc.message})
            return refund
        refund.provider_refund_id = result.provider_refund_id
        refund.submitted_at = timezone.now()
        if result.status == Refund.Status.FAILED:
            refund.status, refund.failure_message = Refund.Status.FAILED, result.failure_message
        elif result.status == Refund.Status.SUCCEEDED:
            refund.status = Refund.Status.SUCCEEDED
        refund.save()
    log.info("refund.submitted", extra={"refund": refund.reference, "status": refund.status})
    return refund
