"""Values in SDR (the UPU's unit for the CN22/CN23 limit), from the IMF's dated SDR valuation.

The rates are loaded from the seeds (estimates marked) and by `manage.py import_sdr_rates --file` from the
IMF's own export (verified); documents name the IMF as the source, never where a row was loaded from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from ewtp.fx.conversion import RateTable
from ewtp.money import Money
from logistics.customs.errors import SdrRateMissingError
from logistics.customs.rules_models import SdrRate
from logistics.customs.sdr_imf import sdr_rates_read

CN23_FROM_SDR = Decimal(300)  # CN22 under 300 SDR; 300 SDR exactly is CN23
IMF_SDR_SOURCE = "International Monetary Fund, SDR valuation"
IMF_SDR_URL = "https://www.imf.org/external/np/fin/data/rms_sdrv.aspx"
# What an imported row records as its source: the publisher and where it publishes, never the file read.
IMF_SDR_ROW_SOURCE = f"{IMF_SDR_SOURCE} ({IMF_SDR_URL})"


def sdr_value(*, money: Money, on: date, rates: RateTable) -> tuple[Decimal, SdrRate]:
    """`money` in SDR (exact, not rounded: SDR has no minor unit) with the SDR rate used."""
    sdr = SdrRate.objects.filter(day__lte=on).order_by("-day").first()
    if sdr is None:
        raise SdrRateMissingError(f"No SDR rate on or before {on}.", details={"sdr_rate": on.isoformat()})
    usd = money if money.currency == "USD" else rates.convert(money, "USD").money
    return usd.amount / sdr.usd_per_sdr, sdr


@dataclass(frozen=True, slots=True)
class SdrImportReport:
    """What an import did: rows created, updated (an estimate replaced, a value revised), left alone."""

    created: int
    updated: int
    unchanged: int
    first_day: date
    last_day: date

    def summary(self) -> str:
        return (
            f"SDR rates {self.first_day} to {self.last_day}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged."
        )


def sdr_rates_import(*, data: bytes) -> SdrImportReport:
    """Store the IMF's SDR rates in `data` (sdr_imf.sdr_rates_read) as verified rows, one per day.

    All or nothing: the whole file is read and checked before anything is written, then written in one
    transaction. Importing the same file again changes nothing; a day held as an estimate becomes the IMF's
    figure. Raises SdrImportError naming the line and field of the first bad row.
    """
    readings = sdr_rates_read(data)
    created = updated = unchanged = 0
    with transaction.atomic():
        stored = {
            row.day: row
            for row in SdrRate.objects.select_for_update().filter(day__in=[r.day for r in readings])
        }
        for reading in readings:
            row = stored.get(reading.day)
            verified = (reading.usd_per_sdr, False, IMF_SDR_ROW_SOURCE)
            if row is None:
                SdrRate.objects.create(day=reading.day, usd_per_sdr=reading.usd_per_sdr,
                                       source=IMF_SDR_ROW_SOURCE, estimate=False)  # fmt: skip
                created += 1
            elif (row.usd_per_sdr, row.estimate, row.source) == verified:
                unchanged += 1
            else:
                row.usd_per_sdr, row.estimate, row.source = verified
                row.save(update_fields=["usd_per_sdr", "estimate", "source"])
                updated += 1
    return SdrImportReport(created, updated, unchanged, readings[0].day, readings[-1].day)
