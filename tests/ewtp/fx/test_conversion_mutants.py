"""A rate table at its edges: which currencies it offers, the euro and same-currency legs, a margin after a
plain conversion, a currency looked up once per table, and what a missing rate says. Written against the
mutants `make mutation` showed surviving."""

from datetime import date
from decimal import Decimal

import pytest

from ewtp.currencies import CurrencyWithoutMinorUnitError
from ewtp.fx.conversion import Rate, fx_rate_table
from ewtp.fx.errors import FxRateNotFoundError
from ewtp.fx.services import fx_rates_import
from ewtp.money import Money

pytestmark = pytest.mark.django_db

FRIDAY = date(2026, 10, 30)  # 1 EUR = 1.1172 USD
HRK_DAY = date(2022, 7, 8)  # 1 EUR = 7.5190 HRK, one of the kuna's last rates


@pytest.fixture
def rates(recent_hist_csv, daily_xml):
    fx_rates_import(data=recent_hist_csv, origin="test")  # the ten days up to 2026-10-30
    fx_rates_import(data=daily_xml, origin="2022")  # 2022-07-08, with HRK


def test_a_table_offers_the_currencies_quoted_in_its_window_not_withdrawn_ones(rates):
    # given the kuna's last rate in 2022 and rates of October 2026
    # when the buyer's currency choices are read for 2026-10-30 and for 2022-07-08
    october, july_2022 = fx_rate_table(on=FRIDAY), fx_rate_table(on=HRK_DAY)
    # then the kuna (no rate in the last 45 days) is not offered in 2026, but was in 2022; the euro always is
    assert "HRK" not in october.currencies
    assert {"EUR", "USD", "JPY"} <= set(october.currencies)
    assert {"EUR", "HRK", "USD"} <= set(july_2022.currencies)


def test_the_rate_of_a_currency_and_of_the_euro_itself(rates):
    # given
    table = fx_rate_table(on=FRIDAY)
    # then USD is the ECB's rate of the day, and the euro is 1, dated the table's day, its own source
    assert table.rate("USD") == Rate("USD", Decimal("1.1172"), FRIDAY, "ECB")
    assert table.rate("EUR") == Rate("EUR", Decimal(1), FRIDAY, "EUR")


def test_a_same_currency_conversion_is_the_identity_and_never_stale(rates):
    # given a table whose rates are all stale (two months after the last one, limit 5 days)
    table = fx_rate_table(on=date(2026, 12, 31), stale_after_days=5)
    assert table.is_stale
    # when dollars are "converted" into dollars
    same = table.convert(Money("12.345", "USD"), "USD")
    # then the amount is only rounded (12.345 -> 12.35), at rate 1, as of the table's day, never stale
    assert (same.amount, same.rate, same.rate_date, same.source, same.stale) == (
        Decimal("12.35"), Decimal(1), date(2026, 12, 31), "identity", False
    )  # fmt: skip


def test_a_margin_on_a_table_that_already_converted_without_one(rates):
    # given a table that has converted EUR into USD at the plain rate
    table = fx_rate_table(on=FRIDAY)
    assert table.convert(Money("100", "EUR"), "USD").rate == Decimal("1.1172")
    # when the same pair is converted with a 2 % margin
    with_margin = table.convert(Money("100", "EUR"), "USD", margin=Decimal("0.02"))
    # then the margin applies: 1.1172 x 1.02 = 1.139544, 100 EUR -> 113.9544 -> USD 113.95
    assert (with_margin.rate, with_margin.amount) == (Decimal("1.139544"), Decimal("113.95"))
    # and a plain conversion after it is plain again
    assert table.convert(Money("100", "EUR"), "USD").rate == Decimal("1.1172")


def test_a_code_without_a_minor_unit_cannot_be_converted_into(rates):
    # given gold (XAU), which ISO 4217 gives no minor unit: a converted amount could not be rounded
    with pytest.raises(CurrencyWithoutMinorUnitError):
        fx_rate_table(on=FRIDAY).convert(Money("100", "EUR"), "XAU")


def test_a_currency_outside_the_window_is_looked_up_once_per_table(rates, django_assert_num_queries):
    # given a table of 2026-10-30, which does not hold the kuna (last rate 2022-07-08)
    table = fx_rate_table(on=FRIDAY)
    # when kunas are converted into euros, then into dollars (two currency pairs)
    with django_assert_num_queries(1):
        to_eur = table.convert(Money("100", "HRK"), "EUR")
        to_usd = table.convert(Money("100", "HRK"), "USD")
    # then one query found the kuna's last rate, used by both:
    # 1 / 7.5190 = 0.132996409097 (12 digits); 100 HRK -> 13.2996... -> EUR 13.30
    # 1.1172 / 7.5190 = 0.148583588243; 100 HRK -> 14.8583... -> USD 14.86
    assert (to_eur.rate, to_eur.amount) == (Decimal("0.132996409097"), Decimal("13.30"))
    assert (to_usd.rate, to_usd.amount) == (Decimal("0.148583588243"), Decimal("14.86"))
    # dated by the older leg, and stale
    assert (to_usd.rate_date, to_usd.source, to_usd.stale) == (HRK_DAY, "ECB", True)


def test_a_currency_without_any_rate_is_asked_for_once_per_table(rates, django_assert_num_queries):
    # given a table, and no naira rate ever recorded
    table = fx_rate_table(on=FRIDAY)
    # when two amounts in naira are converted
    with django_assert_num_queries(1), pytest.raises(FxRateNotFoundError):
        table.convert(Money("1000", "NGN"), "EUR")
    with django_assert_num_queries(0), pytest.raises(FxRateNotFoundError) as missing:
        table.convert(Money("2000", "NGN"), "USD")
    # then the second is refused without asking again, naming the currency and the date
    assert missing.value.message == "No NGN exchange rate on or before 2026-10-30."
    assert missing.value.details == {"currency": "NGN", "date": "2026-10-30"}
