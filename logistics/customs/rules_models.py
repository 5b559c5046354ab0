"""Landed-cost rules as data: import VAT/GST rates, low-value import regimes, duty rates, SDR values.

Every row says where it comes from (`source`), when it is in force (`valid_from`, `valid_to` inclusive, open
when empty) and whether it is an `estimate` the buyer must be told about. Rows are loaded from seeds/customs/
by `manage.py load_seeds`; the engine picks the rows in force on the quote's date.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleData(models.Model):
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True, help_text="Last day in force; empty while in force.")
    # Shown to buyers: names the law, the tariff or the authority, never an internal file.
    source = models.CharField(max_length=300)
    source_url = models.URLField(max_length=300, blank=True, help_text="The law or authority's own page.")
    estimate = models.BooleanField(default=False, help_text="Shown to buyers as an estimate.")
    note = models.TextField(blank=True)

    class Meta:
        abstract = True


class Rounding(models.TextChoices):
    """How a destination rounds duty and tax to its currency's minor unit."""

    HALF_UP = "half_up", "half up"
    DOWN = "down", "down (truncated)"


class VatRate(RuleData):
    """The standard import VAT/GST rate of a destination (`subdivision` empty), and the currency it is paid
    in; or a province's or state's own rate (`subdivision`, ISO 3166-2 such as CA-ON or BR-SP), which
    replaces the national rate (Canada's HST, Brazil's ICMS by state) or is added to it (QST, PST).

    The national row also carries the destination's `rounding` of duty and tax."""

    country = models.CharField(max_length=2)
    subdivision = models.CharField(max_length=6, blank=True, help_text="ISO 3166-2; empty: the country.")
    added_to_national = models.BooleanField(
        default=False, help_text="A provincial tax charged beside the national one (QST, PST), not instead."
    )
    rounding = models.CharField(max_length=10, choices=Rounding.choices, default=Rounding.HALF_UP)
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
        return f"{self.subdivision or self.country} {self.name} {self.rate} from {self.valid_from}"


class ImportRegime(models.TextChoices):
    DE_MINIMIS = "de_minimis", _("de minimis")
    COLLECTION_AT_SALE = "collection_at_sale", _("collection at sale")
    FULL_DUTY = "full_duty", _("full duty")
    FLAT_RATE = "flat_rate", _("flat rate")
    DUTY_RELIEF = "duty_relief", _("duty-free, import tax due")


class DutyMethod(models.TextChoices):
    NONE = "none"
    TARIFF = "tariff", "tariff rate by HS code"
    PER_SUBHEADING = "per_subheading", "fixed amount per tariff subheading"
    FLAT_RATE = "flat_rate", "flat rate on the value"


class ImportRule(RuleData):
    """How a destination treats a consignment whose value falls in a band (e.g. EU up to EUR 150).

    `country` is an ISO code or "EU" (the union's rules, with each member's own VAT rate). A rule with
    `origins` applies only to consignments shipped from one of those countries whose goods all originate in
    them (CUSMA, USMCA), and wins over a general rule. A rule with a relief (every regime but full duty and
    flat rate) does not apply to a basket holding goods its destination excludes (ReliefExclusion).
    """

    country = models.CharField(max_length=2)
    origins = models.CharField(max_length=100, blank=True, help_text="Space-separated; empty: any origin.")
    currency = models.CharField(max_length=3, help_text="Currency of the band limits and fixed amounts.")
    value_above = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    value_up_to = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    # Most limits read "up to X" (X included); Norway's VOEC reads "under NOK 3,000".
    up_to_inclusive = models.BooleanField(default=True)
    threshold_includes_shipping = models.BooleanField(default=False)
    # Norway's VOEC limit is per item: the band is tested on the dearest single item, not the basket.
    threshold_per_item = models.BooleanField(default=False)
    goods_value_factor = models.DecimalField(
        max_digits=6,
        decimal_places=4,
        default=1,
        help_text="Share of the retail price that is the customs value (Japan, personal imports: 0.6).",
    )
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
    duty_with_tax = models.BooleanField(
        default=False,
        help_text="Duty is collected with the tax, never apart (the EU's EUR 3 under IOSS from 2026-07-01).",
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


class ReliefExclusion(RuleData):
    """Goods (an HS chapter, heading or subheading) a destination leaves out of its low-value reliefs:
    de minimis, collection at sale, duty relief. A basket holding them takes the ordinary import rule.

    `excise` marks excise goods (alcohol, tobacco): the excise duty itself is not modelled, and the
    quote says so."""

    country = models.CharField(max_length=2, help_text='ISO code or "EU".')
    hs_prefix = models.CharField(max_length=6)
    excise = models.BooleanField(default=False)

    class Meta:
        ordering = ["country", "hs_prefix", "valid_from"]
        indexes = [models.Index(fields=["country", "valid_from"], name="relief_excl_country_from")]

    def __str__(self):
        return f"{self.country} {self.hs_prefix} excluded from relief"


class OriginDuty(RuleData):
    """An additional duty a destination charges on goods of one origin, on top of its tariff (the US:
    Section 301 on Chinese goods, the reciprocal tariffs by country). `origin` is an ISO code or "EU".

    Rows of the same `name` match by the longest HS prefix (the empty prefix: every good); rows of
    different names add up."""

    country = models.CharField(max_length=2)
    origin = models.CharField(max_length=2)
    name = models.CharField(max_length=80, help_text="Shown to buyers: Section 301, reciprocal tariff...")
    hs_prefix = models.CharField(max_length=6, blank=True)
    rate = models.DecimalField(max_digits=7, decimal_places=5)

    class Meta:
        ordering = ["country", "origin", "name", "hs_prefix", "valid_from"]
        indexes = [models.Index(fields=["country", "valid_from"], name="origin_duty_country_from")]

    def __str__(self):
        return f"{self.country} {self.name} on {self.origin} {self.hs_prefix or '*'} {self.rate}"


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
