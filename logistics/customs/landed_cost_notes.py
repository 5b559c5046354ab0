"""What a landed-cost quote tells the buyer beside its figures: each estimate, what is not modelled, and
what depends on a province or state the quote was not given."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from logistics.customs.landed_cost_basket import Figure
from logistics.customs.rules_models import ImportRegime, ImportRule, ReliefExclusion, VatRate


class QuoteNoteCode(StrEnum):
    ESTIMATE = "estimate"
    EXCISE_NOT_MODELLED = "excise_not_modelled"
    RELIEF_EXCLUDED = "relief_excluded"
    SUBDIVISION_UNKNOWN = "subdivision_unknown"


@dataclass(frozen=True, slots=True)
class QuoteNote:
    code: str  # a QuoteNoteCode
    text: str  # lazily translated


def _estimate_notes(
    rule: ImportRule, figures: list[Figure], excluded: list[ReliefExclusion]
) -> list[QuoteNote]:
    notes = []
    for exclusion in excluded:
        if exclusion.estimate:
            text = _(
                "Estimate: goods of HS {code} are left out of the low-value relief; this is not confirmed."
            )
            notes.append(format_lazy(text, code=exclusion.hs_prefix))
    if rule.estimate:
        what = format_lazy("{regime} ({source})", regime=ImportRegime(rule.regime).label, source=rule.source)
        notes.append(format_lazy(_("Estimate: {what}: this rule is not confirmed."), what=what))
    for figure in figures:
        if not figure.estimate:
            continue
        if figure.origin:
            text = _("Estimate: {what}: the rate for this origin is not confirmed.")
            notes.append(format_lazy(text, what=figure.label))
        else:
            notes.append(format_lazy(_("Estimate: {what}: this rate is not confirmed."), what=figure.label))
    return [QuoteNote(QuoteNoteCode.ESTIMATE, text) for text in notes]


def quote_notes(
    *,
    rule: ImportRule,
    figures: list[Figure],
    excluded: list[ReliefExclusion],
    national_vat: VatRate,
    subdivision_unknown: bool,
) -> list[QuoteNote]:
    """The notes of a quote, in the order the buyer needs them: what is missing, then each estimate."""
    notes = []
    if any(exclusion.excise for exclusion in excluded):
        notes.append(
            QuoteNote(
                QuoteNoteCode.EXCISE_NOT_MODELLED,
                _(
                    "Excise duty not modelled: alcohol, tobacco and other excise goods pay excise duty on "
                    "import, which this estimate does not include."
                ),
            )
        )
    if excluded:
        notes.append(
            QuoteNote(
                QuoteNoteCode.RELIEF_EXCLUDED,
                _("These goods are excluded from the low-value relief: the ordinary import rules apply."),
            )
        )
    if subdivision_unknown:
        if national_vat.estimate:
            text = format_lazy(
                # xgettext:no-python-format (a brace format: "% used" is a percent sign, not a placeholder)
                _("{tax} depends on the state of delivery: the {rate} % used here is an estimate."),
                tax=national_vat.name,
                rate=f"{(national_vat.rate * 100).normalize():f}",
            )
        else:
            text = format_lazy(
                _("Provincial tax depends on the province: only {tax} is shown."), tax=national_vat.name
            )
        notes.append(QuoteNote(QuoteNoteCode.SUBDIVISION_UNKNOWN, text))
    return notes + _estimate_notes(rule, figures, excluded)
