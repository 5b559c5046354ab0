"""Landed-cost rules as data: import VAT/GST rates, low-value import regimes, duty rates, SDR values.

Every row says where it comes from (`source`), when it is in force (`valid_from`, `valid_to` inclusive, open
when empty) and whether it is an `estimate` the buyer must be told about. Rows are loaded from seeds/customs/
by `manage.py load_seeds`; the engine picks the rows in force on the quote's date.
"""

from django.db import models


class RuleData(models.Model):
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True, help_text="Last day in force; empty while in force.")
    source = models.CharField(max_length=300)
    estimate = models.BooleanField(default=False, help_text="Shown to buyers as an estimate.")
    note = models.TextField(blank=True)

    class Meta:
        abstract = True


class VatRate(RuleData):
    """The standard import VAT/GST rate of a destination, and the currency it is paid in."""

    country = models.CharField(max_length=2)
    name = models.CharField(max_length=40, help_text="VAT, GST, IVA, ICMS, consumption tax...")
    rate = models.DecimalField(max_digits=7, decimal_places=5, help_text="0.19 for 19 %.")
    currency = models.CharField(max_length=3, help_text="The destination's currency on those dates.")
    inclusive = models.BooleanField(
        default=False,
        help_text="The tax is part of its own base ('por dentro', as Brazil's ICMS): the amount due is "
        "base x rate / (1 - rate), so that it equals rate x (base + the tax).",
    )

    class Meta:
        ordering = ["country", "valid_from"]
        indexes = [models.Index(fields=["country", "valid_from"], name="vat_rate_country_from")]
        constraints = [
            # An inclusive rate of 100 % would be a tax of base / 0; no VAT comes near either bound.
            models.CheckConstraint(
                condition=models.Q(rate__gte=0, rate__lt=1), name="vat_rate_between_0_and_1"
            )
        ]

    def __str__(self):
        return f"{self.country} {self.name} {self.rate} from {self.valid_from}"


class ImportRegime(models.TextChoices):
    DE_MINIMIS = "de_minimis", "de minimis"
    COLLECTION_AT_SALE = "collection_at_sale", "collection at sale"
    FULL_DUTY = "full_duty", "full duty"
    FLAT_RATE = "flat_rate", "flat rate"


class DutyMethod(models.TextChoices):
    NONE = "none"
    TARIFF = "tariff", "tariff rate by HS code"
    PER_SUBHEADING = "per_subheading", "fixed amount per tariff subheading"
    FLAT_RATE = "flat_rate", "flat rate on the value"


class ImportRule(RuleData):
    """How a destination treats a consignment whose value falls in a band (e.g. EU up to EUR 150).

    `country` is an ISO code or "EU" (the union's rules, with each member's own VAT rate). A rule with
    `origins` applies only to consignments shipped from those countries and wins over a general rule.
    """

    country = models.CharField(max_length=2)
    origins = models.CharField(max_length=100, blank=True, help_text="Space-separated; empty: any origin.")
    currency = models.CharField(max_length=3, help_text="Currency of the band limits and fixed amounts.")
    value_above = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    value_up_to = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    # Most limits read "up to X" (X included); Norway's VOEC reads "under NOK 3,000".
    up_to_inclusive = models.BooleanField(default=True)
    threshold_includes_shipping = models.BooleanField(default=False)
    regime = models.CharField(max_length=20, choices=ImportRegime.choices)
    duty = models.CharField(max_length=20, choices=DutyMethod.choices)
    duty_on_shipping = models.BooleanField(default=True, help_text="Duty on CIF (True) or FOB (False).")
    duty_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    flat_rate = models.DecimalField(max_digits=7, decimal_places=5, null=True, blank=True)
    flat_deduction = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    tax = models.BooleanField(default=True, help_text="Import VAT/GST is due.")
    tax_factor = models.DecimalField(
        max_digits=6, decimal_places=4, default=1, help_text="Share of the VAT rate levied (China CBEC: 0.7)."
    )
    shipping_taxable = models.BooleanField(default=True)
    tax_minimum = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, help_text="Nothing levied at or below this."
    )
    delivery_fee = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Carrier fee for collecting on delivery.",
    )

    class Meta:
        ordering = ["country", "valid_from", "value_above"]
        indexes = [models.Index(fields=["country", "valid_from"], name="import_rule_country_from")]

    def __str__(self):
        return f"{self.country} {self.get_regime_display()} from {self.valid_from}"


class DutyRate(RuleData):
    """Duty rate of a destination for an HS chapter (2 digits), heading (4) or subheading (6).

    The longest matching prefix wins; the empty prefix is the destination's default.
    """

    country = models.CharField(max_length=2)
    hs_prefix = models.CharField(max_length=6, blank=True)
    rate = models.DecimalField(max_digits=7, decimal_places=5)

    class Meta:
        ordering = ["country", "hs_prefix", "valid_from"]
        indexes = [models.Index(fields=["country", "valid_from"], name="duty_rate_country_from")]

    def __str__(self):
        return f"{self.country} {self.hs_prefix or '*'} {self.rate}"


class SdrRate(models.Model):
    """IMF SDR valuation: 1 SDR = `usd_per_sdr` USD on `day` (the ECB publishes no SDR rate)."""

    day = models.DateField(unique=True)
    usd_per_sdr = models.DecimalField(max_digits=12, decimal_places=6)
    source = models.CharField(max_length=300)
    estimate = models.BooleanField(default=False)

    class Meta:
        ordering = ["-day"]
        verbose_name = "SDR rate"

    def __str__(self):
        return f"1 SDR = {self.usd_per_sdr} USD on {self.day}"
