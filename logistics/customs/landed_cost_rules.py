"""Selecting the landed-cost rules in force for a destination on a date (three queries per quote)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from ewtp.countries import EU_MEMBERS
from logistics.customs.rules_models import DutyRate, ImportRule, VatRate

EU = "EU"


@dataclass(frozen=True, slots=True)
class RulesInForce:
    vat: VatRate | None
    import_rules: list[ImportRule]  # the destination's own rules first, then the EU's
    duty_rates: dict[str, DutyRate]  # by HS prefix; the destination's own rate wins over the EU's


def _in_force(on: date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


def landed_cost_rules_get(*, country: str, on: date) -> RulesInForce:
    """The VAT rate, import regimes and duty rates of `country` (and of the EU for a member) on `on`."""
    scopes = [country, EU] if country in EU_MEMBERS else [country]
    vat = VatRate.objects.filter(_in_force(on), country=country).order_by("-valid_from").first()
    rules = sorted(
        ImportRule.objects.filter(_in_force(on), country__in=scopes),
        key=lambda r: (scopes.index(r.country), r.value_above is not None, r.value_above or 0),
    )
    duty_rates: dict[str, DutyRate] = {}
    # Least specific scope first, so that the destination's own row overwrites the union's.
    for rate in sorted(
        DutyRate.objects.filter(_in_force(on), country__in=scopes),
        key=lambda r: (-scopes.index(r.country), r.valid_from),
    ):
        duty_rates[rate.hs_prefix] = rate
    return RulesInForce(vat=vat, import_rules=rules, duty_rates=duty_rates)
