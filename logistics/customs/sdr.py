"""Values in SDR (the UPU's unit for the CN22/CN23 limit), from dated IMF values in seeds/customs/sdr.csv."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ewtp.fx.conversion import RateTable
from ewtp.money import Money
from logistics.customs.errors import SdrRateMissingError
from logistics.customs.rules_models import SdrRate

CN23_FROM_SDR = Decimal(300)  # CN22 under 300 SDR; 300 SDR exactly is CN23


def sdr_value(*, money: Money, on: date, rates: RateTable) -> tuple[Decimal, SdrRate]:
    """`money` in SDR (exact, not rounded: SDR has no minor unit) with the SDR rate used."""
    sdr = SdrRate.objects.filter(day__lte=on).order_by("-day").first()
    if sdr is None:
        raise SdrRateMissingError(f"No SDR rate on or before {on}.", details={"sdr_rate": on.isoformat()})
    usd = money if money.currency == "USD" else rates.convert(money, "USD").money
    return usd.amount / sdr.usd_per_sdr, sdr
