"""Reading the ECB's rate files: every real layout, and a clear error for every broken one."""

from datetime import date
from decimal import Decimal

import pytest

from ewtp.fx.ecb import parse_ecb_rates
from ewtp.fx.errors import FxFeedError
from tests.ewtp.fx.conftest import zipped


def test_daily_xml(daily_xml):
    [day] = parse_ecb_rates(daily_xml)
    assert day.day == date(2022, 7, 8)
    assert len(day.rates) == 31
    assert day.rates["USD"] == Decimal("1.0163")
    assert day.rates["HRK"] == Decimal("7.5190")
    assert day.rates["IDR"] == Decimal("15210.73")


def test_history_csv_reads_every_day_and_skips_na(hist_csv):
    days = parse_ecb_rates(hist_csv)
    assert (days[0].day, days[-1].day) == (date(1999, 1, 4), date(2026, 10, 30))
    assert len(days) == 7126
    newest = days[-1].rates
    assert newest["USD"] == Decimal("1.1172")
    assert newest["JPY"] == Decimal("175.68")
    assert "BGN" not in newest  # N/A since Bulgaria adopted the euro
    assert days[0].rates["CYP"] == Decimal("0.58231")


def test_history_xml(hist_xml):
    days = parse_ecb_rates(hist_xml)
    assert len(days) == 10
    assert days[-1].day == date(2026, 10, 30)
    assert days[-1].rates["GBP"] == Decimal("0.8338")
    assert days[-2].rates["GBP"] == Decimal("0.83578")


def test_daily_csv_inside_zip(daily_csv):
    [day] = parse_ecb_rates(zipped("eurofxref.csv", daily_csv))
    assert day.day == date(2026, 10, 30)
    assert day.rates["USD"] == Decimal("1.1172")
    assert len(day.rates) == 29


def test_history_zip_as_the_ecb_ships_it(seeds_dir):
    days = parse_ecb_rates((seeds_dir / "fx" / "eurofxref-hist.zip").read_bytes())
    assert len(days) == 7126


def test_zipped_xml(daily_xml):
    assert parse_ecb_rates(zipped("eurofxref-daily.xml", daily_xml))[0].rates["USD"] == Decimal("1.0163")


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda x: x[: len(x) // 2], "Malformed ECB XML"),
        (
            lambda x: x.replace(b"rate='1.0163'", b"rate='0'"),
            "USD rate on 2022-07-08 must be a positive number",
        ),
        (
            lambda x: x.replace(b"rate='1.0163'", b"rate='-1.0163'"),
            "USD rate on 2022-07-08 must be a positive",
        ),
        (lambda x: x.replace(b"rate='1.0163'", b"rate='abc'"), "USD rate on 2022-07-08 is not a number"),
        (lambda x: x.replace(b"currency='USD'", b"currency='XYZ'"), "unknown currency code 'XYZ'"),
        (lambda x: x.replace(b"currency='USD'", b"currency='EUR'"), "EUR is the base currency"),
        (lambda x: x.replace(b"currency='JPY'", b"currency='USD'"), "USD is listed twice"),
        (lambda x: x.replace(b"time='2022-07-08'", b"time='2022-13-08'"), "'2022-13-08' is not a date"),
        (lambda x: x.replace(b"time='2022-07-08'", b"when='2022-07-08'"), "holds no dated rates"),
        (lambda x: b"", "empty"),
        (lambda x: x.replace(b"<Cube", b"<!DOCTYPE x [<!ENTITY a 'b'>]><Cube", 1), "Malformed ECB XML"),
    ],
)
def test_broken_xml_is_a_clear_error(daily_xml, mutate, message):
    with pytest.raises(FxFeedError, match=message):
        parse_ecb_rates(mutate(daily_xml))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda x: x.replace(b"Date,", b"Day,", 1), "must start with a 'Date' column"),
        (lambda x: x.replace(b",USD,", b",QQQ,", 1), "unknown currency code 'QQQ'"),
        (lambda x: x.replace(b",USD,", b",XXX,", 1), "unknown currency code 'XXX'"),
        (lambda x: x.replace(b",JPY,", b",USD,", 1), "a currency column appears twice"),
        (
            lambda x: x.replace(b"2026-10-30,1.1172", b"2026-10-30,0"),
            "line 2: the USD rate on 2026-10-30 must be",
        ),
        (lambda x: x.replace(b"2026-10-29", b"2026-10-30", 1), "2026-10-30 appears twice with different USD"),
        (lambda x: x.replace(b"2026-10-29", b"yesterday", 1), "line 3: 'yesterday' is not a date"),
        (lambda x: x.replace(b"2026-10-30,1.1172", b"2026-10-30,1e12"), "out of range"),
        (lambda x: x + b"2026-10-01,1,2,3" + b",4" * 60 + b"\n", "columns where the header has"),
    ],
)
def test_broken_csv_is_a_clear_error(recent_hist_csv, mutate, message):
    with pytest.raises(FxFeedError, match=message):
        parse_ecb_rates(mutate(recent_hist_csv))


def test_broken_zip_is_a_clear_error(recent_hist_csv):
    with pytest.raises(FxFeedError, match="damaged"):
        parse_ecb_rates(zipped("eurofxref.csv", recent_hist_csv)[:-30])
    with pytest.raises(FxFeedError, match="exactly one"):
        parse_ecb_rates(zipped("notes.txt", b"hello"))


def test_errors_name_the_culprit(daily_xml):
    with pytest.raises(FxFeedError) as caught:
        parse_ecb_rates(daily_xml.replace(b"rate='138.05'", b"rate='0'"))
    assert caught.value.details == {"date": "2022-07-08", "currency": "JPY", "value": "0"}
