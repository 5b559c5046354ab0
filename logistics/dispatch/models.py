"""Shipments: what goes in the parcels (lines), the parcels, and a snapshot of sender and receiver.

The owner is a plain `seller_id`: logistics does not import marketplace models; the marketplace creates
shipments through `shipment_create` and keeps the id.
"""

from django.db import models

from logistics.dispatch.statuses import OfferStatus, ShipmentStatus
from logistics.incoterms import Incoterm


class Party(models.Model):
    """Sender or receiver as they were when the shipment was made (a snapshot, never synced)."""

    name = models.CharField(max_length=120)
    business = models.CharField(max_length=160, blank=True)
    street = models.CharField(max_length=200)
    postcode = models.CharField(max_length=20, blank=True)
    city = models.CharField(max_length=100)
    country = models.CharField(max_length=2)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    eori = models.CharField(max_length=17, blank=True, help_text="Country prefix + up to 15 characters.")
    vat_number = models.CharField(max_length=20, blank=True)
    ioss_number = models.CharField(max_length=12, blank=True, help_text="IM + 10 digits.")

    class Meta:
        verbose_name_plural = "parties"

    def __str__(self):
        return f"{self.business or self.name}, {self.city} ({self.country})"


class ShipmentCategory(models.TextChoices):
    SALE_OF_GOODS = "sale_of_goods", "Sale of goods"
    GIFT = "gift", "Gift"
    COMMERCIAL_SAMPLE = "commercial_sample", "Commercial sample"
    DOCUMENTS = "documents", "Documents"
    RETURNED_GOODS = "returned_goods", "Returned goods"
    OTHER = "other", "Other"


# Items in these categories are commercial: the forms require an HS code and an origin for each.
COMMERCIAL_CATEGORIES = frozenset(
    {ShipmentCategory.SALE_OF_GOODS, ShipmentCategory.COMMERCIAL_SAMPLE, ShipmentCategory.RETURNED_GOODS}
)


class Shipment(models.Model):
    seller_id = models.PositiveBigIntegerField(db_index=True)
    reference = models.CharField(max_length=40, unique=True, help_text="The order's reference, for example.")
    sender = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    receiver = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    incoterm = models.CharField(max_length=3, choices=Incoterm.choices, default=Incoterm.DAP)
    category = models.CharField(max_length=20, choices=ShipmentCategory.choices)
    category_explanation = models.CharField(max_length=200, blank=True, help_text="Required for 'Other'.")
    invoice_number = models.CharField(max_length=40, blank=True, help_text="The seller's sales invoice.")
    currency = models.CharField(max_length=3, help_text="Currency of every line value and of the charges.")
    freight = models.DecimalField(max_digits=12, decimal_places=4, default=0)
    insurance = models.DecimalField(max_digits=12, decimal_places=4, default=0)
    comments = models.TextField(blank=True)
    licence_number = models.CharField(max_length=60, blank=True)
    certificate_number = models.CharField(max_length=60, blank=True)
    office_of_posting = models.CharField(max_length=120, blank=True)
    # -- dispatch and tracking (logistics.dispatch assigns the partner; logistics.tracking moves the status)
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, null=True, blank=True, related_name="shipments"
    )
    service_level = models.CharField(max_length=20, blank=True)
    tracking_number = models.CharField(max_length=60, blank=True, db_index=True)
    status = models.CharField(
        max_length=24, choices=ShipmentStatus.choices, default=ShipmentStatus.AWAITING_PARTNER, db_index=True
    )
    status_reason = models.CharField(max_length=300, blank=True, help_text="Why, e.g. a customs hold.")
    # The event time of the event that set `status` (not when it arrived): later events win, late ones don't.
    status_at = models.DateTimeField(null=True, blank=True)
    estimated_delivery = models.DateField(null=True, blank=True)
    # What checkout estimated for duties and taxes on delivery, and what customs actually assessed.
    duties_estimated_amount = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    duties_estimated_currency = models.CharField(max_length=3, blank=True)
    duties_assessed_amount = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    duties_assessed_currency = models.CharField(max_length=3, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["partner", "status", "updated_at"], name="shipment_partner_feed")]

    def __str__(self):
        return self.reference


class DispatchOffer(models.Model):
    """One offer of a shipment to one partner, and its answer: every attempt is kept."""

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="offers")
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="offers")
    status = models.CharField(max_length=10, choices=OfferStatus.choices, default=OfferStatus.OFFERED)
    reason = models.CharField(max_length=300, blank=True)
    offered_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Why this partner: the lane's card, its price and promise, and the score that ranked it (scoring.py).
    # transit_days_max also judges the partner's on-time record once the shipment is delivered.
    rate_card = models.ForeignKey(
        "partners.RateCard", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    price_amount = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    price_currency = models.CharField(max_length=3, blank=True)
    transit_days_max = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.DecimalField(max_digits=6, decimal_places=4, null=True, blank=True)

    class Meta:
        ordering = ["shipment", "offered_at", "id"]
        constraints = [
            # At most one open offer per shipment: a shipment is with one partner at a time.
            models.UniqueConstraint(
                fields=["shipment"], condition=models.Q(status="offered"), name="dispatch_one_open_offer"
            )
        ]

    def __str__(self):
        return f"{self.shipment} to {self.partner} ({self.status})"


class ShipmentLine(models.Model):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField()
    description = models.CharField(max_length=300)
    quantity = models.PositiveIntegerField()
    unit = models.CharField(max_length=10, default="pcs")
    unit_value = models.DecimalField(max_digits=12, decimal_places=4)
    hs_code = models.CharField(max_length=10, blank=True)
    origin_country = models.CharField(max_length=2, blank=True)
    net_weight_kg = models.DecimalField(
        max_digits=9, decimal_places=3, null=True, blank=True, help_text="For the whole line."
    )

    class Meta:
        ordering = ["shipment", "position"]
        constraints = [
            models.UniqueConstraint(fields=["shipment", "position"], name="shipment_line_position_unique")
        ]

    def __str__(self):
        return f"{self.quantity} x {self.description}"


class Parcel(models.Model):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="parcels")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, default="box")
    gross_weight_kg = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    length_cm = models.DecimalField(max_digits=7, decimal_places=1)
    width_cm = models.DecimalField(max_digits=7, decimal_places=1)
    height_cm = models.DecimalField(max_digits=7, decimal_places=1)

    class Meta:
        ordering = ["shipment", "position"]
        constraints = [
            models.UniqueConstraint(fields=["shipment", "position"], name="parcel_position_unique")
        ]

    def __str__(self):
        return f"{self.kind} {self.position} of {self.shipment}"


# Outbound webhooks and operator alerts live in their own modules; imported here so Django finds them.
from logistics.dispatch.alerts_models import OperatorAlert  # noqa: E402
from logistics.dispatch.webhooks_models import WebhookAttempt, WebhookDelivery  # noqa: E402

__all__ = [
    "COMMERCIAL_CATEGORIES", "DispatchOffer", "OperatorAlert", "Parcel", "Party", "Shipment",
    "ShipmentCategory", "ShipmentLine", "WebhookAttempt", "WebhookDelivery",
]  # fmt: skip
