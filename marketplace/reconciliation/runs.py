"""A reconciliation run: read each stream of a provider from its cursor, page by page, and match.

Each page is one database transaction: its new records, their cases and ledger postings, the run's counts
and totals, and the cursor moved to the page's last record. So:
- a crash or an API error half-way leaves every committed page counted and the cursor after the last of
  them; the run ends failed and the next run resumes the same window from there (nothing read twice, since
  the provider lists after `starting_after`, and nothing counted twice, since records are unique);
- a window read again (`window=`, an operator's rerun) adds nothing: records, cases and postings are each
  unique (provider id; provider, kind and subject; event key).
When a stream's window is complete the cursor moves past it, and succeeded payments and refunds older than the
window's end (less a grace period) with no record at the provider become missing_at_provider cases.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from ewtp.currencies import EXPONENTS
from ewtp.errors import ApplicationError
from marketplace.payments.models import SUCCEEDED_STATUSES, Payment, Refund
from marketplace.reconciliation.errors import RunBusyError
from marketplace.reconciliation.matching import ChunkResult, chunk_match, money_text
from marketplace.reconciliation.models import (
    CaseKind,
    Provider,
    ProviderRecord,
    ReconciliationCase,
    ReconciliationCursor,
    ReconciliationRun,
    Stream,
)
from marketplace.reconciliation.payout_matching import payouts_missing_cases
from marketplace.reconciliation.provider_posting import provider_money
from marketplace.reconciliation.sources import RecordData, RecordSource, streams_of
from marketplace.reconciliation.writing import cases_write, chunk_write

log = logging.getLogger(__name__)

# A window ends this long before now: the provider's list settles (late-indexed records) before it is read.
WINDOW_LAG = timedelta(minutes=5)
# A payment that succeeded this long before a window's end must have its charge at the provider by then.
MISSING_GRACE = timedelta(hours=1)
# A run holds its cursor this long without committing a page before another run may take it over.
LEASE = timedelta(minutes=15)


def source_for(provider: str) -> RecordSource:
    if provider == Provider.STRIPE:
        from marketplace.reconciliation.stripe_source import StripeSource

        return StripeSource()
    from marketplace.reconciliation.builtin_source import BuiltinGatewaySource

    return BuiltinGatewaySource()


def providers_configured() -> list[str]:
    """Stripe when its key is set; the built-in test gateway wherever it may take payments."""
    providers = []
    if settings.STRIPE_SECRET_KEY:
        providers.append(Provider.STRIPE)
    if settings.TEST_GATEWAY_WEBHOOK_SECRET:
        providers.append(Provider.TEST)
    return providers


def reconciliation_run(
    *,
    provider: str,
    window: tuple[int, int] | None = None,
    source: RecordSource | None = None,
    now: datetime | None = None,
) -> ReconciliationRun:
    """Read and match what `provider` recorded since its cursor (or in `window`, unix seconds, leaving the
    cursor alone). Returns the run: succeeded, or failed with the provider's error (the next run resumes),
    or failed at once when another run holds the cursor (RunBusyError's message)."""
    now = now or timezone.now()
    source = source or source_for(provider)
    _stale_runs_fail(provider, now=now)
    run = ReconciliationRun.objects.create(provider=provider)
    reading = _Reading(run, source, now=now)
    try:
        for stream in streams_of(source):
            reading.stream_read(stream, window=window)
    except ApplicationError as exc:  # the provider's failure or a record it sent that cannot be read
        reading.release()
        log.warning(
            "reconciliation.failed", extra={"run": run.pk, "provider": provider, "error": exc.message}
        )
        return _finish(run, ReconciliationRun.Status.FAILED, error=exc.message)
    except Exception as exc:
        reading.release()
        _finish(run, ReconciliationRun.Status.FAILED, error=f"{exc.__class__.__name__}: {exc}")
        raise
    log.info("reconciliation.succeeded", extra={"run": run.pk, "provider": provider, "new": run.records_new})
    return _finish(run, ReconciliationRun.Status.SUCCEEDED)


def _finish(run: ReconciliationRun, status: str, *, error: str = "") -> ReconciliationRun:
    run.status, run.error, run.finished_at = status, error[:2000], timezone.now()
    run.save(update_fields=["status", "error", "finished_at"])
    return run


def _stale_runs_fail(provider: str, *, now: datetime) -> None:
    """Runs left running by a crashed worker (older than the lease) are marked failed."""
    ReconciliationRun.objects.filter(
        provider=provider, status=ReconciliationRun.Status.RUNNING, started_at__lt=now - LEASE
    ).update(
        status=ReconciliationRun.Status.FAILED, error="Interrupted (the worker stopped).", finished_at=now
    )


class _Reading:
    def __init__(self, run: ReconciliationRun, source: RecordSource, *, now: datetime):
        self.run, self.source, self.now = run, source, now
        self.provider = run.provider
        self.leased: list[ReconciliationCursor] = []
        # Balance records per settlement currency; payouts (the payout objects) apart, as their money is
        # already in the balance stream's `payout` transactions: counted once.
        self.totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.payout_totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def stream_read(self, stream: str, *, window: tuple[int, int] | None) -> None:
        cursor = None
        if window is None:
            cursor = self.lease(stream)
            if cursor.window_end is None:
                cursor.window_end = int((self.now - WINDOW_LAG).timestamp())
                cursor.save(update_fields=["window_end", "updated_at"])
            created_after, created_until, starting_after = (
                cursor.created_after, cursor.window_end, cursor.starting_after,
            )  # fmt: skip
            self.run.cursor_before[stream] = cursor.as_dict()
        else:
            created_after, created_until = window
            starting_after = ""
            self.run.cursor_before[stream] = {"window": list(window)}
        if self.run.window_start is None:
            self.run.window_start, self.run.window_end = created_after, created_until
            self.run.save(update_fields=["window_start", "window_end", "cursor_before"])
        page_size = settings.RECONCILIATION_PAGE_SIZE
        batch: list[RecordData] = []
        records = self.source.records(
            stream=stream, created_after=created_after, created_until=created_until,
            starting_after=starting_after, page_size=page_size,
        )  # fmt: skip
        for record in records:
            batch.append(record)
            if len(batch) == page_size:  # committed before the next page is asked for
                self.page_commit(batch, cursor)
                batch = []
        with transaction.atomic():
            if batch:
                self.page_commit(batch, cursor)
            if stream == Stream.BALANCE_TRANSACTIONS:
                self.missing_at_provider(until=created_until)
            if cursor is not None:
                cursor.created_after, cursor.window_end, cursor.starting_after = created_until, None, ""
                cursor.leased_until = None
                cursor.save()
                self.run.cursor_after[stream] = cursor.as_dict()
                self.run.save(update_fields=["cursor_after"])

    def page_commit(self, batch: list[RecordData], cursor: ReconciliationCursor | None) -> None:
        with transaction.atomic():
            result = chunk_match(provider=self.provider, records=batch, run=self.run)
            self.write(result)
            self.run.records_read += len(batch)
            self.run.records_new += len(result.matched)
            if cursor is not None:
                cursor.starting_after = batch[-1].provider_id
                cursor.leased_until = timezone.now() + LEASE
                cursor.save(update_fields=["starting_after", "leased_until", "updated_at"])
                self.run.cursor_after[cursor.stream] = cursor.as_dict()
            self.run.totals = _totals_json(self.totals)
            if self.payout_totals:
                self.run.totals["payouts"] = _totals_json(self.payout_totals)
            self.run.save(
                update_fields=["records_read", "records_new", "cases_opened", "totals", "cursor_after"]
            )

    def write(self, result: ChunkResult) -> None:
        records = chunk_write(provider=self.provider, result=result, run=self.run)
        self.run.cases_opened += cases_write(result.cases, run=self.run)
        found = Q(payment_id__in=result.matched_payment_ids) | Q(payout_id__in=result.matched_payout_ids)
        if result.matched_payment_ids or result.matched_payout_ids:  # found after all: the case is answered
            ReconciliationCase.objects.filter(
                found, kind=CaseKind.MISSING_AT_PROVIDER, status=ReconciliationCase.Status.OPEN,
            ).update(
                status=ReconciliationCase.Status.RESOLVED, resolved_at=timezone.now(),
                resolution_note=f"Found at the provider by run #{self.run.pk}.",
            )  # fmt: skip
        for record in records:
            self.total_add(record)

    def total_add(self, record: ProviderRecord) -> None:
        totals = (self.payout_totals if record.object == "payout" else self.totals)[record.currency]
        totals["count"] += 1
        totals["amount"] += record.amount
        totals["fee"] += record.fee
        totals["net"] += record.net

    def missing_at_provider(self, *, until: int) -> None:
        """Succeeded payments and refunds of this gateway, and paid Stripe payouts, older than `until` less
        the grace, that the provider has no record of: a case each (once: the unique subject)."""
        cutoff = datetime.fromtimestamp(until, UTC) - MISSING_GRACE
        charged = ProviderRecord.objects.filter(
            provider=self.provider, payment=OuterRef("pk"), type__in=["charge", "payment"]
        )
        opened = ReconciliationCase.objects.filter(
            provider=self.provider, kind=CaseKind.MISSING_AT_PROVIDER, payment=OuterRef("pk")
        )
        payments = (
            Payment.objects.filter(
                gateway=self.provider, status__in=SUCCEEDED_STATUSES, succeeded_at__lte=cutoff
            )
            .filter(~Exists(charged), ~Exists(opened))
            .only("id", "reference", "amount_minor", "currency")
        )
        cases = [
            ReconciliationCase(
                provider=self.provider,
                kind=CaseKind.MISSING_AT_PROVIDER,
                subject=f"payment:{p.reference}",
                description=f"Payment {p.reference} succeeded on the platform; the provider has no charge "
                "for it.",
                platform_amount=money_text(p.amount),
                payment=p,
                run=self.run,
            )
            for p in payments.iterator(chunk_size=2000)
        ]
        refunded = ProviderRecord.objects.filter(provider=self.provider, refund=OuterRef("pk"))
        refund_opened = ReconciliationCase.objects.filter(
            provider=self.provider, kind=CaseKind.MISSING_AT_PROVIDER, refund=OuterRef("pk")
        )
        refunds = (
            Refund.objects.filter(
                payment__gateway=self.provider, status=Refund.Status.SUCCEEDED, submitted_at__lte=cutoff
            )
            .filter(~Exists(refunded), ~Exists(refund_opened))
            .only("id", "reference", "amount_minor", "currency", "payment_id")
        )
        cases += [
            ReconciliationCase(
                provider=self.provider,
                kind=CaseKind.MISSING_AT_PROVIDER,
                subject=f"refund:{r.reference}",
                description=f"Refund {r.reference} succeeded on the platform; the provider has no refund "
                "record for it.",
                platform_amount=money_text(-r.amount),
                payment_id=r.payment_id,
                refund=r,
                run=self.run,
            )
            for r in refunds.iterator(chunk_size=2000)
        ]
        cases += payouts_missing_cases(provider=self.provider, cutoff=cutoff, run=self.run)
        for start in range(0, len(cases), 1000):
            self.run.cases_opened += cases_write(cases[start : start + 1000], run=self.run)
        self.run.save(update_fields=["cases_opened"])

    def lease(self, stream: str) -> ReconciliationCursor:
        cursor, _ = ReconciliationCursor.objects.get_or_create(provider=self.provider, stream=stream)
        taken = ReconciliationCursor.objects.filter(
            Q(leased_until__isnull=True) | Q(leased_until__lt=self.now), pk=cursor.pk
        ).update(leased_until=self.now + LEASE)
        if not taken:
            raise RunBusyError(
                f"Another reconciliation run is reading {self.provider} {stream}.",
                details={"provider": self.provider, "stream": stream},
            )
        cursor.refresh_from_db()
        self.leased.append(cursor)
        return cursor

    def release(self) -> None:
        ReconciliationCursor.objects.filter(pk__in=[c.pk for c in self.leased]).update(leased_until=None)


def _totals_json(totals: dict[str, dict[str, int]]) -> dict:
    """Per settlement currency: the count and the sums as decimal strings (provider units where the currency
    is unknown, flagged)."""
    out = {}
    for currency, sums in sorted(totals.items()):
        if currency in EXPONENTS:
            out[currency] = {"count": sums["count"]} | {
                key: str(provider_money(sums[key], currency).amount) for key in ("amount", "fee", "net")
            }
        else:
            out[currency] = {"count": sums["count"], "unknown_currency": True} | {
                key: str(Decimal(sums[key])) for key in ("amount", "fee", "net")
            }
    return out
