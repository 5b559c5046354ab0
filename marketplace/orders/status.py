"""Moving orders through their states (order_models.py draws the machine). Every move goes through
order_transition: the row locked, the move checked by django-fsm-2, saved and recorded as an OrderEvent
with time, actor and reason. An illegal move raises IllegalTransitionError and changes nothing."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django_fsm import TransitionNotAllowed

from ewtp.stored_messages import StoredMessage
from marketplace.orders.errors import IllegalTransitionError
from marketplace.orders.models import Order, OrderEvent, OrderStatus
from marketplace.orders.signals import order_status_changed

ACTIONS = (
    "pay",
    "cancel",
    "refund_shortfall",
    "dispatch",
    "transit",
    "deliver",
    "complete",
    "refund",
    "dispute",
)
# Inside "Order X is <status> and cannot be <action>.": a context of their own, apart from the statuses.
ACTION_WORDS = {
    "pay": pgettext_lazy("order action", "marked paid"),
    "cancel": pgettext_lazy("order action", "cancelled"),
    "refund_shortfall": pgettext_lazy("order action", "refunded for lack of stock"),
    "dispatch": pgettext_lazy("order action", "dispatched"),
    "transit": pgettext_lazy("order action", "marked in transit"),
    "deliver": pgettext_lazy("order action", "marked delivered"),
    "complete": pgettext_lazy("order action", "completed"),
    "refund": pgettext_lazy("order action", "refunded"),
    "dispute": pgettext_lazy("order action", "marked disputed"),
}


@transaction.atomic
def order_transition(
    *,
    order: Order,
    action: str,
    actor=None,
    actor_label: str,
    reason: str | StoredMessage = "",
    external_reference: str = "",
    **changes,
) -> Order:
    """Apply `action` (one of ACTIONS) to `order`, with any bookkeeping `changes` (paid_at, ...), and record
    it with its reason (a gettext_noop msgid, or a StoredMessage for one with a value inside). Returns the
    order as saved; `order` itself is refreshed too."""
    if action not in ACTIONS:
        raise IllegalTransitionError(f"Unknown order action {action!r}.", details={"action": action})
    locked = Order.objects.select_for_update().get(pk=order.pk)
    current = locked.status
    try:
        getattr(locked, action)()
    except TransitionNotAllowed:
        raise IllegalTransitionError(
            gettext("Order %(reference)s is %(status)s and cannot be %(action)s.")
            % {
                "reference": locked.reference,
                "status": OrderStatus(current).label.lower(),
                "action": ACTION_WORDS[action],
            },
            details={"status": current, "action": action},
        ) from None
    for field, value in changes.items():
        setattr(locked, field, value)
    locked.save(update_fields=["status", *changes])
    text, params = (reason.text, reason.params) if isinstance(reason, StoredMessage) else (reason, {})
    OrderEvent.objects.create(
        order=locked, action=action, from_status=current, to_status=locked.status, actor=actor,
        actor_label=actor_label, reason=text, reason_params=params, external_reference=external_reference,
    )  # fmt: skip
    order_status_changed.send(
        sender=Order, order=locked, previous=current, action=action, external_reference=external_reference
    )
    order.refresh_from_db()
    return locked


def order_pay(*, order: Order, payment_reference: str) -> Order:
    return order_transition(
        order=order, action="pay", actor_label="payments", reason="Payment succeeded.",
        external_reference=payment_reference, paid_at=timezone.now(),
    )  # fmt: skip
