"""Converting Money: cross rates through EUR, manual rates, staleness, and clear errors."""

from datetime import date
from decimal import Decimal

import pytest

from ewtp.currencies import UnknownCurrencyError
from ewtp.fx.conversion import fx_convert, fx_rate_table
from ewtp.fx.errors import FxRateNotFoundError
from ewtp.fx.models import FxRate
from ewtp.fx.services import fx_rate_set_manual, fx_rates_import
from ewtp.money import Money

pytestmark = pytest.mark.django_db

FRIDAY = date(2026, 10, 30)


@pytest.fixture
def rates(recent_hist_csv):
    fx_rates_import(data=recent_hist_csv, origin="test")


def test_from_and_to_eur(rates):
    # 1 EUR = 175.68 JPY on 2026-10-30
    to_jpy = fx_convert(money=Money("100", "EUR"), to="JPY", on=FRIDAY)
    assert to_jpy.money == Money("17568", "JPY")
    assert (to_jpy.rate, to_jpy.rate_date, to_jpy.source, to_jpy.stale) == (
        Decimal("175.68"),
        FRIDAY,
        "ECB",
        False,
    )
    to_eur = fx_convert(money=Money("17568", "JPY"), to="EUR", on=FRIDAY)
    assert to_eur.money == Money("100.00", "EUR")


def test_cross_rate_goes_through_eur(rates):
    # 1 USD = 0.8338 / 1.1172 GBP = 0.74633011099176... GBP, kept to 12 significant digits
    conversion = fx_convert(money=Money("250.00", "USD"), to="GBP", on=FRIDAY)
    assert conversion.rate == Decimal("0.746330110992")
    assert conversion.money == Money("186.58", "GBP")  # 186.5825277... rounded half up
    assert conversion.money.amount == (Decimal("250.00") * conversion.rate).quantize(Decimal("0.01"))


def test_rounding_follows_the_target_exponent(rates):
    table = fx_rate_table(on=FRIDAY)
    assert table.convert(Money("9.99", "USD"), "JPY").money.amount.as_tuple().exponent == 0
    assert table.convert(Money("9.99", "USD"), "KRW").money == Money("13339", "KRW")


def test_weekend_uses_fridays_rate_and_later_goes_stale(rates):
    saturday = fx_convert(money=Money("1", "EUR"), to="USD", on=date(2026, 10, 31))
    assert (saturday.rate_date, saturday.stale) == (FRIDAY, False)
    # five days is the default limit: on the sixth day after Friday the rate is shown as stale
    assert not fx_convert(money=Money("1", "EUR"), to="USD", on=date(2026, 11, 4)).stale
    late = fx_convert(money=Money("1", "EUR"), to="USD", on=date(2026, 11, 5))
    assert late.stale and late.rate_date == FRIDAY


def test_stale_limit_is_configurable(rates, settings):
    settings.FX_STALE_AFTER_DAYS = 1
    assert fx_convert(money=Money("1", "EUR"), to="USD", on=date(2026, 11, 2)).stale


def test_rate_of_the_day_itself_not_a_later_one(rates):
    thursday = fx_convert(money=Money("1", "EUR"), to="USD", on=date(2026, 10, 29))
    assert thursday.rate == Decimal("1.113")


def test_no_rate_on_or_before_the_date_is_a_clear_error(rates):
    with pytest.raises(FxRateNotFoundError, match="No USD exchange rate on or before 2020-01-01"):
        fx_convert(money=Money("1", "EUR"), to="USD", on=date(2020, 1, 1))
    with pytest.raises(FxRateNotFoundError, match="No KES exchange rate"):
        fx_convert(money=Money("1", "KES"), to="EUR", on=FRIDAY)
    with pytest.raises(UnknownCurrencyError):
        fx_convert(money=Money("1", "EUR"), to="QQQ", on=FRIDAY)


def test_manual_rates_for_currencies_the_ecb_does_not_publish(rates):
    # given an operator's KES rate, from its own source and day
    fx_rate_set_manual(
        currency="KES", day=date(2026, 10, 28), rate=Decimal("144.25"), source="Central Bank of Kenya"
    )
    # when a Kenyan seller's price is shown to a buyer in GBP
    conversion = fx_convert(money=Money("1500", "KES"), to="GBP", on=FRIDAY)
    # then the cross rate uses both sources and the older of the two dates
    assert conversion.source == "Central Bank of Kenya + ECB"
    assert conversion.rate_date == date(2026, 10, 28)
    assert conversion.rate == Decimal("0.00578024263432")
    assert conversion.money == Money("8.67", "GBP")


def test_manual_rate_conflicts_and_bad_values_are_refused(rates):
    fx_rate_set_manual(currency="KES", day=FRIDAY, rate=Decimal("144.25"), source="CBK")
    fx_rate_set_manual(currency="KES", day=FRIDAY, rate=Decimal("144.25"), source="CBK")  # same: fine
    with pytest.raises(Exception, match="already has a rate"):
        fx_rate_set_manual(currency="KES", day=FRIDAY, rate=Decimal("150"), source="CBK")
    with pytest.raises(Exception, match="positive"):
        fx_rate_set_manual(currency="NGN", day=FRIDAY, rate=Decimal("0"), source="CBN")
    with pytest.raises(Exception, match="source"):
        fx_rate_set_manual(currency="NGN", day=FRIDAY, rate=Decimal("1700"), source="  ")
    assert FxRate.objects.filter(currency="NGN").count() == 0


def test_margin_is_applied_and_recorded(rates):
    conversion = fx_convert(money=Money("100", "EUR"), to="USD", on=FRIDAY, margin=Decimal("0.02"))
    assert conversion.rate == Decimal("1.139544")
    assert conversion.money == Money("113.95", "USD")
    assert conversion.margin == Decimal("0.02")


def test_a_table_converts_many_amounts_with_one_query(rates, django_assert_num_queries):
    with django_assert_num_queries(1):
        table = fx_rate_table(on=FRIDAY)
        results = [table.convert(Money(str(n), "USD"), c) for n in range(50) for c in ("JPY", "GBP", "CHF")]
    assert len(results) == 150


def test_an_old_currency_is_looked_up_on_demand(hist_xml, daily_xml):
    fx_rates_import(data=daily_xml, origin="2022")  # HRK's last rates are in 2022
    fx_rates_import(data=hist_xml, origin="2026")
    conversion = fx_convert(money=Money("100", "HRK"), to="EUR", on=FRIDAY)
    assert conversion.rate_date == date(2022, 7, 8) and conversion.stale
