"""Fixtures for the marketplace tests: real exchange rates of 2026-10-30 and the HS nomenclature."""

from datetime import date
from decimal import Decimal

import pytest

from ewtp.fx.services import fx_rate_set_manual, fx_rates_import
from tests.logistics.customs.conftest import customs_rules, hs_nomenclature  # noqa: F401 - shared fixtures

RATES_DAY = date(2026, 10, 30)
# The ECB's real rates of 2026-10-30 for the currencies these tests use (1 EUR = x).
ECB_CSV = b"Date,USD,JPY,GBP,CNY,INR,\n2026-10-30,1.1172,175.68,0.8338,7.4326,106.084,\n"
# KWD and KES are not published by the ECB: operators' manual rates (approximate values).
KWD_PER_EUR = Decimal("0.3421")
KES_PER_EUR = Decimal("144.30")


@pytest.fixture
def rates(db, settings):
    settings.FX_STALE_AFTER_DAYS = 10_000  # these tests are about conversion, not about staleness
    fx_rates_import(data=ECB_CSV, origin="test")
    fx_rate_set_manual(currency="KWD", day=RATES_DAY, rate=KWD_PER_EUR, source="Central Bank of Kuwait")
    fx_rate_set_manual(currency="KES", day=RATES_DAY, rate=KES_PER_EUR, source="Central Bank of Kenya")
