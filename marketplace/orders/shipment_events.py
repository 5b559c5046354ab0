"""Orders follow their shipments: what orders do when logistics reports a shipment's new status
(logistics.dispatch.signals.shipment_status_changed, connected in OrdersConfig.ready; logistics never
imports orders), and completing delivered orders once the return window has passed.

    pre_transit (the partner accepted)                      -> dispatched, unless the seller already said so
    in_transit, customs_hold, out_for_delivery, pickup      -> in_transit
    delivered                                               -> delivered, then completed after
                                                               ORDERS_RETURN_WINDOW_DAYS (beat task below)

An order never moves back, and an order that was refunded, cancelled or disputed stays as it is. The buyer
is e-mailed, through the outbox and once each, when the parcel ships, is held in customs (once per hold),
is out for delivery and is delivered. The signal comes inside the transaction that applies the tracking
events, once per status the shipment takes; a rerun of a rolled-back apply finds the order already moved
and each e-mail already queued under the same key.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from enum import StrEnum

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from logistics.dispatch.signals import shipment_status_changed
from logistics.dispatch.statuses import ShipmentStatus
from logistics.tracking.selectors import shipments_delivered_before
from marketplace.orders.errors import IllegalTransitionError
from marketplace.orders.fulfilment import order_email_queue
from marketplace.orders.history_reasons import reason_return_window_closed, reason_shipment
from marketplace.orders.models import Order, OrderStatus
from marketplace.orders.status import order_transition

logger = logging.getLogger(__name__)
S = ShipmentStatus


class ShipmentEmail(StrEnum):
    """The buyer's e-mails about the parcel (OrderEmail kinds; templates/orders/emails/<kind>.txt)."""

    SHIPPED = "buyer_shipped"
    CUSTOMS_HOLD = "buyer_customs_hold"
    OUT_FOR_DELIVERY = "buyer_out_for_delivery"
    DELIVERED = "buyer_delivered"


# Where each shipment status puts the order (statuses not listed leave it be: operators look at those).
ORDER_TARGETS = {
    S.PRE_TRANSIT: OrderStatus.DISPATCHED,
    S.IN_TRANSIT: OrderStatus.IN_TRANSIT,
    S.CUSTOMS_HOLD: OrderStatus.IN_TRANSIT,
    S.OUT_FOR_DELIVERY: OrderStatus.IN_TRANSIT,
    S.AVAILABLE_FOR_PICKUP: OrderStatus.IN_TRANSIT,
    S.DELIVERED: OrderStatus.DELIVERED,
}
EMAILS = {
    S.IN_TRANSIT: ShipmentEmail.SHIPPED,
    S.CUSTOMS_HOLD: ShipmentEmail.CUSTOMS_HOLD,
    S.OUT_FOR_DELIVERY: ShipmentEmail.OUT_FOR_DELIVERY,
    S.DELIVERED: ShipmentEmail.DELIVERED,
}
# The order's way forward; an order anywhere else (refunded, cancelled, disputed, completed) is not moved.
FORWARD = [OrderStatus.PAID, OrderStatus.DISPATCHED, OrderStatus.IN_TRANSIT, OrderStatus.DELIVERED]
# The order states in which the buyer still waits for the parcel, and so hears about it.
FOLLOWING = {OrderStatus.DISPATCHED, OrderStatus.IN_TRANSIT, OrderStatus.DELIVERED}


@receiver(shipment_status_changed, dispatch_uid="orders.shipment_status_changed")
def on_shipment_status_changed(sender, *, shipment, previous, status, **kwargs):
    order_follow_shipment(shipment=shipment, status=status)


def _actions(current: str, target: str) -> list[str]:
    """The transitions that take the order from `current` forward to `target` (none to go back)."""
    if current not in FORWARD or FORWARD.index(current) >= FORWARD.index(target):
        return []
    actions = []
    if current == OrderStatus.PAID:
        actions.append("dispatch")
    if target == OrderStatus.IN_TRANSIT:
        actions.append("transit")
    elif target == OrderStatus.DELIVERED:
        actions.append("deliver")  # from dispatched as from in transit: a parcel may skip the scans between
    return actions


@transaction.atomic
def order_follow_shipment(*, shipment, status: str) -> None:
    """Move the shipment's order on to match `status` and queue the buyer's e-mail about it."""
    # The order's reference is the shipment's (unique, indexed); the id check keeps strangers' shipments out.
    order = (
        Order.objects.select_for_update()
        .filter(reference=shipment.reference, shipment_id=shipment.pk)
        .first()
    )
    if order is None:
        return
    target = ORDER_TARGETS.get(status)
    for action in _actions(order.status, target) if target else []:
        order_transition(
            order=order, action=action, actor_label="tracking", reason=reason_shipment(status=status),
            external_reference=f"shipment:{shipment.pk}",
        )  # fmt: skip
    kind = EMAILS.get(status)
    if kind is not None and order.status in FOLLOWING:
        # A parcel can be held more than once: one e-mail per hold, told apart by the hold's event time.
        key = (
            shipment.status_at.isoformat()
            if kind == ShipmentEmail.CUSTOMS_HOLD and shipment.status_at
            else ""
        )
        order_email_queue(order, kind, key=key)


def orders_delivered_complete(*, now: datetime | None = None) -> int:
    """Complete the delivered orders whose shipment was delivered more than ORDERS_RETURN_WINDOW_DAYS ago
    (by the delivery event's time); returns how many. A rerun finds nothing to do."""
    days = settings.ORDERS_RETURN_WINDOW_DAYS
    moment = (now or timezone.now()) - timedelta(days=days)
    orders = Order.objects.filter(
        status=OrderStatus.DELIVERED, shipment_id__in=shipments_delivered_before(moment=moment)
    ).order_by("pk")
    completed = 0
    for order in orders.iterator():
        try:
            order_transition(
                order=order, action="complete", actor_label="system",
                reason=reason_return_window_closed(days=days),
            )  # fmt: skip
        except IllegalTransitionError:  # refunded or disputed since it was read: it stays as it is
            logger.info("orders.complete_skipped", extra={"order": order.reference})
            continue
        completed += 1
    return completed


@shared_task(name="orders.deliveries_complete", queue="default", acks_late=True)
def deliveries_complete() -> int:
    """Beat (hourly): complete delivered orders past the return window; idempotent."""
    return orders_delivered_complete()
