"""Where a shipment is: first with the platform, then offered to a partner, then the tracking vocabulary
of shared/DESIGN.md, which partners push (or we pull) as events."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ShipmentStatus(models.TextChoices):
    # Dispatch: the platform looks for a partner, then waits for its answer.
    AWAITING_PARTNER = "awaiting_partner", _("Awaiting a logistics partner")
    OFFERED = "offered", _("Offered to a partner")
    # Tracking, once a partner has accepted it.
    PRE_TRANSIT = "pre_transit", _("Label created")
    IN_TRANSIT = "in_transit", _("In transit")
    CUSTOMS_HOLD = "customs_hold", _("Held in customs")
    OUT_FOR_DELIVERY = "out_for_delivery", _("Out for delivery")
    AVAILABLE_FOR_PICKUP = "available_for_pickup", _("Available for pickup")
    DELIVERED = "delivered", _("Delivered")
    DELIVERY_FAILED = "delivery_failed", _("Delivery failed")
    RETURN_TO_SENDER = "return_to_sender", _("Returned to sender")
    EXCEPTION = "exception", _("Exception")
    CANCELLED = "cancelled", _("Cancelled")


# The statuses a partner's tracking events may carry (dispatch states are the platform's own).
TRACKING_STATUSES = frozenset(ShipmentStatus.values) - {
    ShipmentStatus.AWAITING_PARTNER,
    ShipmentStatus.OFFERED,
}
# Never reopened by a later (or late) event.
TERMINAL_STATUSES = frozenset(
    {ShipmentStatus.DELIVERED, ShipmentStatus.RETURN_TO_SENDER, ShipmentStatus.CANCELLED}
)


class OfferStatus(models.TextChoices):
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    EXPIRED = "expired", _("Expired without an answer")
    WITHDRAWN = "withdrawn", _("Withdrawn")
