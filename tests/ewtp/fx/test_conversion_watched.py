"""A watched rate table: the oldest rate behind a set of conversions, and whether any was stale."""

from datetime import date
from decimal import Decimal

import pytest

from ewtp.fx.conversion import fx_rate_table
from ewtp.fx.services import fx_rate_set_manual
from ewtp.money import Money

pytestmark = pytest.mark.django_db

ON = date(2026, 10, 30)


@pytest.fixture
def rates():
    # JPY published on the day; KES last set 10 days before; NGN 3 days before (stale after 5 days)
    fx_rate_set_manual(currency="JPY", day=ON, rate=Decimal("175.68"), source="ECB")
    fx_rate_set_manual(currency="KES", day=date(2026, 10, 20), rate=Decimal("144.30"), source="CBK")
    fx_rate_set_manual(currency="NGN", day=date(2026, 10, 27), rate=Decimal("1650"), source="CBN")


def test_the_oldest_rate_and_staleness_of_what_was_converted(rates):
    # given a table of 2026-10-30, rates stale after 5 days
    table = fx_rate_table(on=ON, stale_after_days=5)
    watched = table.watched()
    # when it converts EUR -> JPY (rate of 10-30) and NGN -> EUR (10-27, 3 days: fresh)
    watched.convert(Money("10", "EUR"), "JPY")
    watched.convert(Money("1650", "NGN"), "EUR")
    # then
    assert (watched.oldest_rate_date, watched.stale) == (date(2026, 10, 27), False)
    # when it also converts KES -> JPY: a cross rate whose older leg is KES's, 10 days old
    watched.convert(Money("144.30", "KES"), "JPY")
    assert (watched.oldest_rate_date, watched.stale) == (date(2026, 10, 20), True)


def test_a_conversion_into_the_same_currency_uses_no_rate(rates):
    watched = fx_rate_table(on=ON, stale_after_days=5).watched()
    assert watched.convert(Money("5", "KES"), "KES").money == Money("5", "KES")
    assert (watched.oldest_rate_date, watched.stale) == (None, False)


def test_the_table_itself_notes_nothing_and_the_watched_one_loads_nothing_again(
    rates, django_assert_num_queries
):
    # given a table that has already converted, and a watched table of it
    table = fx_rate_table(on=ON, stale_after_days=5)
    table.convert(Money("1", "KES"), "EUR")
    watched = table.watched()
    # when the watched table converts what the table knows: no query
    with django_assert_num_queries(0):
        watched.convert(Money("1", "KES"), "JPY")
    # then only the watched table noted it, and a second watch starts afresh
    assert watched.stale and not hasattr(table, "stale")
    assert table.watched().oldest_rate_date is None


def test_a_rate_used_elsewhere_can_be_noted(rates):
    watched = fx_rate_table(on=ON, stale_after_days=5).watched()
    watched.note_rate(day=date(2026, 10, 1), stale=True)
    watched.convert(Money("1", "EUR"), "JPY")
    assert (watched.oldest_rate_date, watched.stale) == (date(2026, 10, 1), True)
