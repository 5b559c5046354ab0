"""What operators do with cases: resolve one with a note, and download cases as CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.utils import timezone

from marketplace.reconciliation.errors import CaseAlreadyResolvedError, ResolutionNoteMissingError
from marketplace.reconciliation.models import ReconciliationCase

CSV_COLUMNS = (
    "id", "provider", "kind", "status", "subject", "provider_amount", "platform_amount", "payment", "refund",
    "payout", "record", "description", "opened_at", "run", "resolution_note", "resolved_by", "resolved_at",
)  # fmt: skip


def case_resolve(*, case_id: int, note: str, user) -> ReconciliationCase:
    """Close an open case with the operator's note (required: what was found, what was done)."""
    note = (note or "").strip()
    if not note:
        raise ResolutionNoteMissingError(
            "A resolved case needs a note saying what was found and done.", details={"note": "required"}
        )
    with transaction.atomic():
        case = ReconciliationCase.objects.select_for_update().get(pk=case_id)
        if case.status == ReconciliationCase.Status.RESOLVED:
            raise CaseAlreadyResolvedError(f"Case {case.pk} was resolved already.", details={"case": case.pk})
        case.status, case.resolution_note = ReconciliationCase.Status.RESOLVED, note
        case.resolved_by, case.resolved_at = user, timezone.now()
        case.save(update_fields=["status", "resolution_note", "resolved_by", "resolved_at"])
    return case


class _Echo:
    def write(self, value: str) -> str:
        return value


def cases_csv_rows(cases: Iterable[ReconciliationCase]) -> Iterator[str]:
    """The CSV, line by line (header first), for a streaming response."""
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for case in cases:
        yield writer.writerow(
            [
                case.pk, case.provider, case.kind, case.status, case.subject, case.provider_amount,
                case.platform_amount, case.payment.reference if case.payment else "",
                case.refund.reference if case.refund else "", case.payout.reference if case.payout else "",
                case.record.provider_id if case.record else "",
                case.description, case.opened_at.isoformat(), case.run_id, case.resolution_note,
                case.resolved_by.email if case.resolved_by else "",
                case.resolved_at.isoformat() if case.resolved_at else "",
            ]
        )  # fmt: skip
