"""Order-history reasons with a value inside (the shipment's status, the return window's days, the amount of a
partial refund): OrderEvent.reason keeps the English sentence, OrderEvent.reason_params its code and values,
and the history is worded in the reader's language where it is shown (ewtp/stored_messages.py)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_noop

from ewtp.fx.templatetags.money import money
from ewtp.money import Money
from ewtp.stored_messages import Message, MessageCatalogue, StoredMessage
from logistics.dispatch.statuses import ShipmentStatus


def _status_label(status: str) -> str:
    try:
        return str(ShipmentStatus(status).label)
    except ValueError:  # a status since retired: its code, rather than nothing
        return status


HISTORY_REASONS = MessageCatalogue(
    {
        "shipment": Message(
            gettext_noop("Shipment: %(status)s."),
            lambda params: {"status": _status_label(params["status"])},
        ),
        "return_window_closed": Message(
            gettext_noop("Delivered more than %(days)s days ago: the return window has closed."),
            lambda params: {"days": number_format(params["days"])},
        ),
        "partial_refund": Message(
            gettext_noop("%(amount)s refunded: %(reason)s"),
            lambda params: {
                "amount": money(Money(Decimal(params["amount"]), params["currency"])),
                "reason": params["reason"],  # the seller's or operator's own words, as they wrote them
            },
        ),
    }
)


def reason_shipment(*, status: str) -> StoredMessage:
    """The order moved because its shipment did: "Shipment: In transit." """
    return HISTORY_REASONS.write("shipment", status=str(status))


def reason_return_window_closed(*, days: int) -> StoredMessage:
    """The order was completed once its return window closed: "Delivered more than 14 days ago: ..." """
    return HISTORY_REASONS.write("return_window_closed", days=int(days))


def reason_partial_refund(*, amount: Money, reason: str) -> StoredMessage:
    """Part of the order was refunded: "€10.00 refunded: <the refunder's own reason>" """
    return HISTORY_REASONS.write(
        "partial_refund", amount=format(amount.amount, "f"), currency=amount.currency, reason=reason
    )


def history_reason_shown(*, reason: str, params: dict | None) -> str:
    """An OrderEvent's reason in the active language, its values shown for that language."""
    return HISTORY_REASONS.shown(text=reason, params=params)
