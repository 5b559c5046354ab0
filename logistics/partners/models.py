"""Logistics partners and the rate cards they publish per lane (origin, destination, service level)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Partner(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True)
    countries = models.JSONField(
        default=list, blank=True, help_text="ISO 3166 alpha-2 codes of the countries the partner serves."
    )
    contact_name = models.CharField(max_length=120, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    webhook_url = models.URLField(
        blank=True, help_text="Where the platform sends dispatches and cancellations."
    )
    # Shared secret for HMAC signatures on outgoing webhooks; never shown in lists.
    webhook_secret = models.CharField(max_length=128, blank=True)
    tracking_url_template = models.CharField(
        max_length=300,
        blank=True,
        help_text="For partners we must poll, e.g. https://track.example/api/{tracking_number}.",
    )
    # Set when the endpoint kept failing (PARTNER_WEBHOOK_DISABLE_AFTER attempts in a row): nothing is sent
    # until an operator clears it. The count resets on every delivered webhook.
    webhook_disabled_at = models.DateTimeField(null=True, blank=True)
    webhook_failures_in_row = models.PositiveIntegerField(default=0, editable=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class CountryGroup(models.Model):
    """A named set of destination countries a rate card can price as one lane (e.g. 'EU zone 1')."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True)
    countries = models.JSONField(default=list, help_text="ISO 3166 alpha-2 codes.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ServiceLevel(models.TextChoices):
    ECONOMY = "economy"
    STANDARD = "standard"
    EXPRESS = "express"


class ServiceKind(models.TextChoices):
    """What the postal rules call the items a card carries; it decides the customs declaration (UPU)."""

    # Letter-post small packets: up to 2 kg each; CN22 under 300 SDR. Heavier items on such a card still go
    # as parcels (and take a CN23).
    LETTER_POST = "letter_post", _("Letter post (small packets up to 2 kg)")
    PARCEL = "parcel", _("Parcel")


class RateCard(models.Model):
    """One lane of one partner: a price per weight band for parcels from `origin` to a destination."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="rate_cards")
    origin_country = models.CharField(max_length=2)
    destination_country = models.CharField(max_length=2, blank=True)
    destination_group = models.ForeignKey(
        CountryGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="rate_cards"
    )
    service_level = models.CharField(max_length=10, choices=ServiceLevel.choices)
    # Parcel unless the partner says otherwise: a CN23 is never wrong, a CN22 on a parcel is.
    service_kind = models.CharField(
        max_length=12,
        choices=ServiceKind.choices,
        default=ServiceKind.PARCEL,
        help_text=_("Letter post (small packets, CN22 possible) or parcel (always a CN23)."),
    )
    currency = models.CharField(max_length=3, help_text="Currency of every band's price.")
    transit_days_min = models.PositiveSmallIntegerField()
    transit_days_max = models.PositiveSmallIntegerField()
    ddp_offered = models.BooleanField(default=False, help_text="The partner can deliver duties paid.")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["partner", "origin_country", "destination_country", "service_level"]
        constraints = [
            # A lane names exactly one destination: a country or a group of countries.
            models.CheckConstraint(
                condition=(
                    models.Q(destination_group__isnull=True) & ~models.Q(destination_country="")
                    | models.Q(destination_group__isnull=False) & models.Q(destination_country="")
                ),
                name="rate_card_one_destination",
            ),
            models.CheckConstraint(
                condition=models.Q(transit_days_max__gte=models.F("transit_days_min")),
                name="rate_card_transit_days_ordered",
            ),
        ]

    def __str__(self):
        destination = self.destination_country or str(self.destination_group)
        return f"{self.partner}: {self.origin_country} → {destination} {self.service_level}"

    def clean(self):
        if bool(self.destination_country) == bool(self.destination_group_id):
            raise ValidationError("Name either a destination country or a destination group, not both.")


class WeightBand(models.Model):
    """Price for a parcel whose chargeable weight is above the previous band and at most `max_weight_kg`."""

    rate_card = models.ForeignKey(RateCard, on_delete=models.CASCADE, related_name="bands")
    max_weight_kg = models.DecimalField(
        max_digits=8, decimal_places=3, validators=[MinValueValidator(Decimal("0.001"))]
    )
    price = models.DecimalField(max_digits=12, decimal_places=4, validators=[MinValueValidator(Decimal(0))])

    class Meta:
        ordering = ["rate_card", "max_weight_kg"]
        constraints = [
            models.UniqueConstraint(fields=["rate_card", "max_weight_kg"], name="weight_band_unique_limit"),
        ]

    def __str__(self):
        return f"up to {self.max_weight_kg} kg: {self.price} {self.rate_card.currency}"


# API keys live in their own module; imported here so Django finds the model.
from logistics.partners.keys_models import PartnerApiKey  # noqa: E402

__all__ = ["CountryGroup", "Partner", "PartnerApiKey", "RateCard", "WeightBand"]
