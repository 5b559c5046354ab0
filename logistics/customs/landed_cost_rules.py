"""Selecting the landed-cost rules in force for a destination on a date (five queries per quote)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from ewtp.countries import EU_MEMBERS
from logistics.customs.rules_models import DutyRate, ImportRule, OriginDuty, ReliefExclusion, VatRate

EU = "EU"


@dataclass(frozen=True, slots=True)
class RulesInForce:
    vat: VatRate | None  # the national rate (no subdivision)
    import_rules: list[ImportRule]  # the destination's own rules first, then the EU's
    duty_rates: dict[str, DutyRate]  # by HS prefix; the destination's own rate wins over the EU's
    subdivision_rates: list[VatRate] = field(default_factory=list)  # every province's or state's rows
    exclusions: list[ReliefExclusion] = field(default_factory=list)
    origin_duties: list[OriginDuty] = field(default_factory=list)

    def subdivision_vat(self, subdivision: str | None) -> list[VatRate]:
        """The province's or state's rows for `subdivision` (none when it is not given or has none)."""
        return [rate for rate in self.subdivision_rates if subdivision and rate.subdivision == subdivision]


def _in_force(on: date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


def landed_cost_rules_get(*, country: str, on: date) -> RulesInForce:
    """The VAT rates, import regimes, duty rates, relief exclusions and additional duties by origin of
    `country` (and of the EU for a member) on `on`."""
    scopes = [country, EU] if country in EU_MEMBERS else [country]
    vat_rows = list(VatRate.objects.filter(_in_force(on), country=country).order_by("-valid_from"))
    vat = next((rate for rate in vat_rows if not rate.subdivision), None)
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
    return RulesInForce(
        vat=vat,
        import_rules=rules,
        duty_rates=duty_rates,
        subdivision_rates=[rate for rate in vat_rows if rate.subdivision],
        exclusions=list(ReliefExclusion.objects.filter(_in_force(on), country__in=scopes)),
        origin_duties=list(OriginDuty.objects.filter(_in_force(on), country=country)),
    )
