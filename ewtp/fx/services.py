"""Writing exchange rates: importing ECB files, refreshing from the ECB, entering manual rates."""

from __future__ import annotations

import logging
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ewtp.fx.ecb import RateDay, parse_ecb_rates, rate_currency_check, rate_value_parse
from ewtp.fx.errors import FxFeedError, FxRateConflictError, FxSourceUnreachableError
from ewtp.fx.models import FxImport, FxRate

log = logging.getLogger(__name__)

ECB_SOURCE = "ECB"
# A file name or a seeds path, which a manual rate's source must not be (a URL is fine).
FILE_NAME = re.compile(r"\.(csv|tsv|xml|zip|json|xlsx?|txt)\b|\bseeds[/\\]", re.IGNORECASE)
BULK_BATCH = 2000

Progress = Callable[[Iterable[RateDay]], Iterable[RateDay]]


@dataclass(frozen=True)
class FxImportReport:
    origin: str
    loaded: int
    unchanged: int
    days: int
    first_date: date
    last_date: date

    def summary(self) -> str:
        span = (
            f"on {self.first_date}"
            if self.first_date == self.last_date
            else f"for {self.days:,} days from {self.first_date} to {self.last_date}"
        )
        return f"Loaded {self.loaded:,} rates {span} ({self.unchanged:,} already present)."

    def as_dict(self) -> dict:
        return {
            "origin": self.origin,
            "loaded": self.loaded,
            "unchanged": self.unchanged,
            "days": self.days,
            "first_date": self.first_date.isoformat(),
            "last_date": self.last_date.isoformat(),
        }


def fx_rates_record_failure(origin: str, started_at, error: Exception) -> None:
    FxImport.objects.create(
        origin=origin[:500], status=FxImport.Status.FAILED, error=str(error), started_at=started_at
    )


def fx_rates_import(*, data: bytes, origin: str, progress: Progress | None = None) -> FxImportReport:
    """Load every rate in an ECB file, all or nothing.

    A rate already stored with the same value is left as it is (imports can be repeated); a different value
    for a stored (date, currency) is an `FxRateConflictError`. Every run is recorded as an `FxImport`.
    """
    started_at = timezone.now()
    try:
        days = parse_ecb_rates(data)
        report = _store_rates(days, origin=origin, progress=progress)
    except (FxFeedError, FxRateConflictError) as exc:
        fx_rates_record_failure(origin, started_at, exc)
        log.error("fx.import_failed", extra={"origin": origin, "error": str(exc)})
        raise
    FxImport.objects.create(
        origin=origin[:500],
        status=FxImport.Status.SUCCEEDED,
        rates_loaded=report.loaded,
        rates_unchanged=report.unchanged,
        first_date=report.first_date,
        last_date=report.last_date,
        days=report.days,
        started_at=started_at,
    )
    log.info("fx.import_succeeded", extra=report.as_dict())
    return report


@transaction.atomic
def _store_rates(days: list[RateDay], *, origin: str, progress: Progress | None) -> FxImportReport:
    first, last = days[0].day, days[-1].day
    existing: dict[tuple[str, date], Decimal] = {
        (currency, day): rate
        for currency, day, rate in FxRate.objects.filter(date__range=(first, last))
        .values_list("currency", "date", "rate")
        .iterator(chunk_size=5000)
    }
    loaded = unchanged = 0
    batch: list[FxRate] = []
    for day in progress(days) if progress else days:
        for currency, rate in day.rates.items():
            stored = existing.get((currency, day.day))
            if stored is not None:
                if stored != rate:
                    raise FxRateConflictError(
                        f"{origin}: the {currency} rate on {day.day} is already stored as "
                        f"{stored.normalize():f}; the file says {rate}. Rates are never overwritten.",
                        details={"date": day.day.isoformat(), "currency": currency},
                    )
                unchanged += 1
                continue
            batch.append(
                FxRate(currency=currency, date=day.day, rate=rate, source=ECB_SOURCE, kind=FxRate.Kind.ECB)
            )
            if len(batch) >= BULK_BATCH:
                FxRate.objects.bulk_create(batch)
                loaded += len(batch)
                batch = []
    FxRate.objects.bulk_create(batch)
    loaded += len(batch)
    return FxImportReport(
        origin=origin, loaded=loaded, unchanged=unchanged, days=len(days), first_date=first, last_date=last
    )


def fx_rates_fetch(*, url: str) -> bytes:
    """Download a rates file; network trouble is an FxSourceUnreachableError (transient)."""
    if not url.startswith(("https://", "http://", "file://")):
        raise FxFeedError(f"Unsupported rates URL {url!r}: use http(s):// or file://.", details={"url": url})
    limit = settings.FX_FETCH_MAX_BYTES
    try:
        with urllib.request.urlopen(url, timeout=settings.FX_FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310
            data = response.read(limit + 1)
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        raise FxSourceUnreachableError(
            f"Could not fetch rates from {url}: {exc}.", details={"url": url}
        ) from exc
    if len(data) > limit:
        raise FxFeedError(
            f"{url} sent more than {limit:,} bytes; that is no rates file.", details={"url": url}
        )
    return data


def fx_rates_refresh(*, url: str, progress: Progress | None = None) -> FxImportReport:
    """Fetch and import the rates at `url`. On any failure the rates already stored stay as they are."""
    started_at = timezone.now()
    try:
        data = fx_rates_fetch(url=url)
    except (FxSourceUnreachableError, FxFeedError) as exc:
        fx_rates_record_failure(url, started_at, exc)
        log.error("fx.refresh_failed", extra={"url": url, "error": str(exc)})
        raise
    return fx_rates_import(data=data, origin=url, progress=progress)


def fx_rate_set_manual(*, currency: str, day: date, rate: Decimal, source: str, user=None) -> FxRate:
    """Record an operator's rate for a currency the ECB does not publish (or a day it did not)."""
    currency = rate_currency_check(currency, where="Manual rate")
    rate = rate_value_parse(str(rate), day=day, currency=currency, where="Manual rate")
    if not source.strip():
        raise FxFeedError("A manual rate needs its source.", details={"source": "required"})
    if FILE_NAME.search(re.sub(r"https?://\S+", "", source)):
        # Buyers read the source beside the price: it names who published the rate, never a file.
        raise FxFeedError(
            f"{source.strip()!r} looks like a file: name the publisher (e.g. 'Central Bank of Kenya').",
            details={"source": "The publisher's name, not a file."},
        )
    stored = FxRate.objects.filter(currency=currency, date=day).first()
    if stored is not None:
        if stored.rate == rate:
            return stored
        raise FxRateConflictError(
            f"{currency} already has a rate on {day} ({stored.rate.normalize():f}, {stored.source}).",
            details={"date": day.isoformat(), "currency": currency},
        )
    return FxRate.objects.create(
        currency=currency,
        date=day,
        rate=rate,
        source=source.strip(),
        kind=FxRate.Kind.MANUAL,
        created_by=user,
    )
