"""The checkout review says, with the rate's date, when a seller's order is priced with a stale rate.

The Kenyan basket of conftest.py (KES 3,200 to Germany, EUR 12.00 shipping); the KES rate is set for
2026-10-30, and rates are stale after 5 days.
"""

from datetime import date

import pytest

pytestmark = pytest.mark.django_db

WARNING = "use an exchange rate from"


def _review(buyer, basket, monkeypatch, settings, today: date):
    settings.FX_STALE_AFTER_DAYS = 5
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: today)
    buyer.add(basket)
    review = buyer.checkout()
    assert review.status_code == 200
    return review.context["snapshot"], " ".join(review.content.decode().split())


def test_a_stale_rate_shows_the_warning_on_the_review(buyer, basket, monkeypatch, settings):
    # given the review on 2026-11-09: the KES rate of 2026-10-30 is 10 days old
    snapshot, page = _review(buyer, basket, monkeypatch, settings, date(2026, 11, 9))
    # then the order records it, and the page says it with the date
    order = snapshot["orders"][0]
    assert (order["fx_stale"], order["fx_rate_date"]) == (True, "2026-10-30")
    assert snapshot["rates_stale"]
    seller = order["seller_name"]
    assert f"The amounts from {seller} {WARNING} 2026-10-30: no newer rate was available." in page


def test_a_fresh_rate_shows_no_warning_on_the_review(buyer, basket, monkeypatch, settings):
    snapshot, page = _review(buyer, basket, monkeypatch, settings, date(2026, 10, 30))
    assert (snapshot["orders"][0]["fx_stale"], snapshot["rates_stale"]) == (False, False)
    assert WARNING not in page and "fx-stale-" not in page
