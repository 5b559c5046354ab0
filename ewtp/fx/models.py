"""Exchange rates: every rate is 1 EUR = `rate` units of `currency`, as the ECB publishes them.

Cross rates go through EUR. Currencies the ECB does not publish (KES, NGN, VND, AED, ...) get manual rates
entered by operators in the admin, each with its own date and source.
"""

from django.conf import settings
from django.db import models


class FxRate(models.Model):
    class Kind(models.TextChoices):
        ECB = "ecb", "ECB reference rate"
        MANUAL = "manual", "Manual rate"

    currency = models.CharField(max_length=3, help_text="ISO 4217 code, e.g. KES.")
    date = models.DateField(help_text="The day the rate is the reference for.")
    rate = models.DecimalField(max_digits=20, decimal_places=10, help_text="Units of the currency per 1 EUR.")
    source = models.CharField(
        max_length=120, help_text="Who published it, e.g. 'ECB' or 'Central Bank of Kenya'."
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ECB)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-date", "currency"]
        indexes = [models.Index(fields=["date"], name="fx_rate_date")]
        constraints = [
            # Also the index behind "latest rate on or before a date" lookups.
            models.UniqueConstraint(fields=["currency", "date"], name="fx_rate_one_per_currency_and_day"),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="fx_rate_positive"),
            models.CheckConstraint(condition=~models.Q(currency="EUR"), name="fx_rate_not_base_currency"),
        ]

    def __str__(self):
        return f"1 EUR = {self.rate.normalize():f} {self.currency} on {self.date} ({self.source})"


class FxImport(models.Model):
    """One run of an import (command or beat task), kept so operators see what loaded and what failed."""

    class Status(models.TextChoices):
        SUCCEEDED = "succeeded"
        FAILED = "failed"

    origin = models.CharField(max_length=500, help_text="File path or URL the rates were read from.")
    status = models.CharField(max_length=10, choices=Status.choices)
    rates_loaded = models.PositiveIntegerField(default=0)
    rates_unchanged = models.PositiveIntegerField(default=0, help_text="Already present with the same rate.")
    first_date = models.DateField(null=True, blank=True)
    last_date = models.DateField(null=True, blank=True)
    days = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-finished_at"]

    def __str__(self):
        return f"{self.origin}: {self.status} ({self.rates_loaded} loaded)"
