"""What orders do when payments reports a change (marketplace.payments.signals; receivers.py connects them).

Payments sends each signal inside the transaction that applies the provider's event, with the payment
locked, once per change; it may send one again after a rolled-back retry. So every function here locks the
checkout and checks its state first: a second call for the same payment changes nothing.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.translation import gettext_noop

from ewtp.money import Money
from marketplace.orders.cart_models import CartItem
from marketplace.orders.checkout_models import Checkout
from marketplace.orders.fulfilment import order_email_queue, order_fulfil
from marketplace.orders.models import Order, OrderEmail, OrderEvent, OrderStatus
from marketplace.orders.order_models import PAID_STATES
from marketplace.orders.status import order_pay, order_transition
from marketplace.orders.stock import reservations_settle, stock_take
from marketplace.payments.services import refund_request

logger = logging.getLogger(__name__)


def _checkout_locked(payment) -> Checkout | None:
    checkout = Checkout.objects.select_for_update().filter(reference=payment.purpose_reference).first()
    if checkout is None:
        logger.info("orders.payment_unrelated", extra={"payment": payment.reference})
    return checkout


def _refund_whole(payment, *, reason: str, key: str) -> None:
    refund_request(
        payment=payment, amount=payment.amount, reason=reason, order_reference="",
        idempotency_key=f"orders:{key}:{payment.reference}",
    )  # fmt: skip


@transaction.atomic
def checkout_payment_succeeded(*, payment) -> None:
    """The checkout's payment succeeded: each pending order takes its stock and is paid and fulfilled, or,
    when the stock went meanwhile, is marked a shortfall and refunded. A second payment for a checkout
    already paid, or one whose amount is not the pending orders' total, is refunded whole."""
    checkout = _checkout_locked(payment)
    if checkout is None:
        return
    if checkout.status == Checkout.Status.COMPLETED:
        if checkout.paid_payment_reference != payment.reference:
            logger.warning("orders.payment_duplicate", extra={"checkout": checkout.reference})
            _refund_whole(
                payment,
                reason=gettext_noop("Duplicate payment for a checkout already paid."),
                key="duplicate",
            )
        return
    orders = list(
        Order.objects.select_related("seller__user")
        .filter(checkout=checkout, status=OrderStatus.PENDING_PAYMENT, review_version=checkout.review_version)
        .order_by("pk")
    )
    expected = Money.sum((order.due_at_checkout for order in orders), payment.amount.currency)
    if not orders or payment.amount != expected:
        logger.warning(
            "orders.payment_amount_mismatch",
            extra={"checkout": checkout.reference, "paid": str(payment.amount), "expected": str(expected)},
        )
        _refund_whole(
            payment,
            reason=gettext_noop("The payment does not match the order (priced again)."),
            key="mismatch",
        )
        return
    taken: list[int] = []
    for order in orders:
        lines = [(line["listing_id"], line["quantity"]) for line in order.snapshot["lines"]]
        with transaction.atomic():  # a savepoint: a shortfall leaves no stock taken for that order
            took = stock_take(checkout=checkout, lines=lines)
        if took:
            taken.extend(listing_id for listing_id, _ in lines)
            order_pay(order=order, payment_reference=payment.reference)
            order_fulfil(order=order)
        else:
            _shortfall(order, payment)
    reservations_settle(checkout=checkout, taken=taken)
    CartItem.objects.filter(cart_id=checkout.cart_id, listing_id__in=taken).delete()
    checkout.status, checkout.paid_payment_reference = Checkout.Status.COMPLETED, payment.reference
    checkout.payment_error = ""
    checkout.save(update_fields=["status", "paid_payment_reference", "payment_error", "updated_at"])


def _shortfall(order: Order, payment) -> None:
    """Paid after its reservation lapsed and the stock went: refunded whole, both sides told."""
    refund = refund_request(
        payment=payment, amount=order.due_at_checkout,
        reason=gettext_noop("Out of stock when the payment arrived."),
        order_reference=order.reference, idempotency_key=f"orders:shortfall:{order.reference}",
    )  # fmt: skip
    order_transition(
        order=order, action="refund_shortfall", actor_label="system",
        reason=gettext_noop("Out of stock when the payment arrived: refunded automatically."),
        external_reference=refund.reference, stock_shortfall=True,
        refunded_amount=order.due_at_checkout_amount,
    )  # fmt: skip
    order_email_queue(order, OrderEmail.Kind.BUYER_SHORTFALL)
    order_email_queue(order, OrderEmail.Kind.SELLER_SHORTFALL)


@transaction.atomic
def checkout_payment_failed(*, payment, message: str) -> None:
    """A declined card or an expired payment page: the orders stay pending payment, the buyer sees the
    message on the review and can try again (the same hosted page after a decline; a new payment after
    the page expired)."""
    checkout = _checkout_locked(payment)
    if checkout is None or checkout.status != Checkout.Status.OPEN:
        return
    if payment.status == payment.Status.EXPIRED and checkout.payment_reference == payment.reference:
        checkout.attempt += 1
        checkout.payment_key = checkout.payment_reference = checkout.payment_redirect_url = ""
    checkout.payment_error = (message or "The payment did not go through.")[:300]
    checkout.save(
        update_fields=["attempt", "payment_key", "payment_reference", "payment_redirect_url", "payment_error"]
    )


@transaction.atomic
def checkout_payment_refunded(*, payment, refund) -> None:
    """A refund went through at the provider: the buyer is told (once per refund). A refund made outside
    the platform (refund None, at the provider's dashboard) is noted on the orders' history."""
    checkout = _checkout_locked(payment)
    if checkout is None:
        return
    if refund is None:
        for order in Order.objects.filter(checkout=checkout, status__in=PAID_STATES):
            OrderEvent.objects.get_or_create(
                order=order, action="refund_external", external_reference=f"{payment.reference}:"
                f"{payment.amount_refunded_minor}",
                defaults={"from_status": order.status, "to_status": order.status, "actor_label": "payments",
                          "reason": gettext_noop("Refunded at the payment provider.")},
            )  # fmt: skip
        return
    order = Order.objects.filter(checkout=checkout, reference=refund.order_reference).first()
    if order is not None:
        order_email_queue(order, OrderEmail.Kind.BUYER_REFUND, key=refund.reference)


@transaction.atomic
def checkout_payment_disputed(*, payment) -> None:
    """The buyer's bank opened a dispute: every order of the payment that was paid is marked disputed."""
    checkout = _checkout_locked(payment)
    if checkout is None:
        return
    for order in Order.objects.filter(checkout=checkout, status__in=PAID_STATES):
        order_transition(
            order=order, action="dispute", actor_label="payments",
            reason=gettext_noop("The buyer's bank opened a dispute."),
            external_reference=payment.reference,
        )  # fmt: skip
