"""Refunds of an order, full or partial: by its seller before it is dispatched, by operators at any time
after payment. Each goes to the payment gateway through payments' refund_request (a Refund record with its
gateway id and state); the order keeps the running total and its history.

A refund form carries what the order had refunded when it was shown (`refunded_before`): a form sent twice,
or after another refund, no longer matches and is refused, so nothing is refunded twice by accident. The
same figure makes the gateway's idempotency key.
"""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from ewtp.money import Money
from logistics.dispatch.cancellation import shipment_cancel
from logistics.dispatch.errors import ShipmentNotCancellableError
from marketplace.orders.errors import RefundInvalidError
from marketplace.orders.fulfilment import order_email_queue
from marketplace.orders.history_reasons import reason_partial_refund
from marketplace.orders.models import Order, OrderEmail, OrderEvent, OrderStatus
from marketplace.orders.order_models import PAID_STATES
from marketplace.orders.status import order_transition
from marketplace.payments.services import payment_get, refund_request

SELLER_REFUNDABLE = {OrderStatus.PAID}
OPERATOR_REFUNDABLE = {*PAID_STATES, OrderStatus.DISPUTED}

logger = logging.getLogger(__name__)


def refund_amount_clean(value: object, *, currency: str) -> Money | None:
    """A posted amount as Money in the order's currency; blank means the whole remaining amount (None)."""
    text = str(value or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        amount = Money(Decimal(text), currency)
    except (InvalidOperation, ValueError):
        raise RefundInvalidError(
            _("Enter an amount such as 12.50."), details={"amount": _("Not an amount.")}
        ) from None
    if amount.amount <= 0 or not amount.is_rounded:
        raise RefundInvalidError(
            _("Enter an amount above zero with at most %(decimals)s decimals.")
            % {"decimals": amount.exponent},
            details={"amount": _("Above zero, in the order's currency.")},
        )
    return amount


def refunded_marker(order: Order) -> str:
    """What the refund form carries as `refunded_before`: the refunded total, plainly ("10", "0")."""
    return format(order.refunded_amount.normalize(), "f")


def _decimal_or_none(value: object) -> Decimal | None:
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        return None


def _shipment_withdraw(order: Order, *, reason: str) -> None:
    """A wholly refunded order's parcel is not sent: its offer withdrawn and the partner told. One a partner
    has already picked up goes on its way (the seller arranges a return), and the refund stands."""
    if order.shipment_id is None:
        return
    try:
        shipment_cancel(shipment_id=order.shipment_id, reason=f"Order refunded: {reason}")
    except ShipmentNotCancellableError:
        logger.info("orders.refunded_shipment_already_picked_up", extra={"order": order.reference})


@transaction.atomic
def order_refund(
    *, order: Order, amount: Money | None, reason: str, refunded_before: object, by, as_operator: bool
) -> Order:
    """Refund `amount` of `order` (None: all that is left). A seller may refund only a paid order not yet
    dispatched. Raises RefundInvalidError naming the field, or payments' errors for what it refuses."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    allowed = OPERATOR_REFUNDABLE if as_operator else SELLER_REFUNDABLE
    if order.status not in allowed:
        message = (
            _("Order %(reference)s is %(status)s: it can be refunded only once it has been paid.")
            if as_operator
            else _("Order %(reference)s is %(status)s: it can be refunded only before it is dispatched.")
        )
        raise RefundInvalidError(
            message % {"reference": order.reference, "status": OrderStatus(order.status).label.lower()},
            details={"status": order.status},
        )
    if _decimal_or_none(refunded_before) != order.refunded_amount:
        raise RefundInvalidError(
            _("This order's refunds changed since the page was shown: check it and try again."),
            details={"refunded_before": _("Out of date.")},
        )
    reason = (reason or "").strip()
    if not reason:
        raise RefundInvalidError(_("Give a reason: the buyer reads it."), details={"reason": _("Required.")})
    remaining = order.refundable
    amount = remaining if amount is None else amount
    if amount.currency != order.currency or amount > remaining or amount.amount <= 0:
        raise RefundInvalidError(
            _("At most %(amount)s can be refunded.") % {"amount": remaining.format()},
            details={"amount": _("At most %(amount)s.") % {"amount": remaining.amount}},
        )
    refund = refund_request(
        payment=payment_get(reference=order.checkout.paid_payment_reference), amount=amount, reason=reason,
        order_reference=order.reference, requested_by=by,
        idempotency_key=f"orders:refund:{order.reference}:{refunded_marker(order)}:{amount.amount}",
    )  # fmt: skip
    refunded = order.refunded_amount + amount.amount
    actor_label = "operator" if as_operator else "seller"
    if amount == remaining:
        order = order_transition(
            order=order, action="refund", actor=by, actor_label=actor_label, reason=reason,
            external_reference=refund.reference, refunded_amount=refunded,
        )  # fmt: skip
        _shipment_withdraw(order, reason=reason)
    else:
        order.refunded_amount = refunded
        order.save(update_fields=["refunded_amount"])
        history = reason_partial_refund(amount=amount, reason=reason)
        OrderEvent.objects.create(
            order=order, action="refund_partial", from_status=order.status, to_status=order.status, actor=by,
            actor_label=actor_label, reason=history.text, reason_params=history.params,
            external_reference=refund.reference,
        )  # fmt: skip
    order_email_queue(order, OrderEmail.Kind.BUYER_REFUND, key=refund.reference)
    return order
