"""One address per listing: /listings/<id>-<slug of its title>/. A wrong or old slug, and the short address
without one, answer 301 to it, keeping the query string."""

from datetime import date

import pytest

from tests.marketplace.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(rates, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 10, 30))


def test_a_wrong_slug_redirects_permanently_to_the_right_one(client):
    # given a listing whose title slugs to "sisal-kiondo-basket"
    listing = ListingFactory(title="Sisal kiondo basket")
    # when a buyer follows a link with an old title's slug
    response = client.get(f"/listings/{listing.pk}-plastic-bucket/")
    # then
    assert response.status_code == 301
    assert response["Location"] == f"/listings/{listing.pk}-sisal-kiondo-basket/"


def test_the_short_address_redirects_to_the_one_with_the_slug_keeping_the_query(client):
    # given
    listing = ListingFactory(title="Sisal kiondo basket")
    # when
    response = client.get(f"/listings/{listing.pk}/", {"currency": "EUR", "ship_to": "DE"})
    # then
    assert response.status_code == 301
    assert response["Location"] == f"/listings/{listing.pk}-sisal-kiondo-basket/?currency=EUR&ship_to=DE"


def test_the_right_address_is_the_page_itself(client):
    # given
    listing = ListingFactory(title="Sisal kiondo basket")
    # when
    response = client.get(f"/listings/{listing.pk}-sisal-kiondo-basket/")
    # then
    assert response.status_code == 200
    assert '<h1 lang="en">Sisal kiondo basket</h1>' in response.content.decode()


def test_a_chinese_title_keeps_its_unicode_slug_without_a_redirect_loop(client):
    # given a title that slugs to 丝绸围巾, sent percent-encoded by browsers
    listing = ListingFactory(title="丝绸围巾")
    encoded = f"/listings/{listing.pk}-%E4%B8%9D%E7%BB%B8%E5%9B%B4%E5%B7%BE/"
    assert listing.get_absolute_url() == encoded
    # when / then the page answers at once, and the short address leads there
    assert client.get(encoded).status_code == 200
    short = client.get(f"/listings/{listing.pk}/")
    assert (short.status_code, short["Location"]) == (301, encoded)


def test_a_title_without_a_slug_lives_at_the_short_address(client):
    # given a title with nothing slugify keeps
    listing = ListingFactory(title="!!!")
    # when / then
    assert client.get(f"/listings/{listing.pk}/").status_code == 200
    response = client.get(f"/listings/{listing.pk}-anything/")
    assert (response.status_code, response["Location"]) == (301, f"/listings/{listing.pk}/")
