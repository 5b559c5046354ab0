"""Category names in the buyer's language, and what operators do with categories and listings in the admin."""

from datetime import date

import pytest

from marketplace.listings.models import Category, Listing
from tests.marketplace.listings.factories import CategoryFactory, ListingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(rates, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 10, 30))


def test_a_category_is_named_in_simplified_chinese_where_it_has_a_name_and_in_english_otherwise():
    crafts = Category(slug="crafts", name="Crafts & decor", name_zh_hans="手工艺品与装饰")
    untranslated = Category(slug="tools", name="Tools")
    assert [crafts.name_in("zh-hans"), crafts.name_in("en"), crafts.name_in(None)] == [
        "手工艺品与装饰", "Crafts & decor", "Crafts & decor",
    ]  # fmt: skip
    assert untranslated.name_in("zh-hans") == "Tools"


def test_buyers_reading_chinese_see_chinese_category_names(client):
    listing = ListingFactory(
        category=CategoryFactory(slug="crafts", name="Crafts & decor", name_zh_hans="手工艺品与装饰")
    )
    catalogue = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert '<option value="crafts">手工艺品与装饰</option>' in catalogue
    page = client.get(listing.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "<td>手工艺品与装饰</td>" in page
    assert "<td>Crafts &amp; decor</td>" in client.get(listing.get_absolute_url()).content.decode()


def test_operators_translate_and_order_categories_in_the_admin(admin_client):
    CategoryFactory(slug="tools", name="Tools")
    page = admin_client.get("/admin/listings/category/")
    assert page.status_code == 200 and "Tools" in page.content.decode()
    response = admin_client.post(
        "/admin/listings/category/add/",
        {"name": "Toys", "slug": "toys", "name_zh_hans": "玩具", "position": 3},
    )
    assert response.status_code == 302
    assert Category.objects.get(slug="toys").name_in("zh-hans") == "玩具"


def test_operators_pause_listings_and_buyers_no_longer_see_them(admin_client, client):
    # given two published listings
    restricted, other = ListingFactory(title="Ivory comb"), ListingFactory(title="Sisal basket")
    assert restricted.is_visible and other.is_visible
    # when an operator pauses one from the listing list
    response = admin_client.post(
        "/admin/listings/listing/", {"action": "pause", "_selected_action": [restricted.pk]}, follow=True
    )
    # then
    assert "1 listing paused." in response.content.decode()
    restricted.refresh_from_db()
    assert (restricted.status, restricted.is_visible) == (Listing.Status.PAUSED, False)
    assert [card.title for card in client.get("/").context["cards"]] == ["Sisal basket"]


def test_operators_read_a_listing_but_cannot_rewrite_the_sellers_content(admin_client):
    listing = ListingFactory(title="Sisal basket")
    page = admin_client.get(f"/admin/listings/listing/{listing.pk}/change/")
    assert page.status_code == 200 and "Sisal basket" in page.content.decode()
    admin_client.post(f"/admin/listings/listing/{listing.pk}/change/", {"title": "Changed"})
    listing.refresh_from_db()
    assert listing.title == "Sisal basket"
    assert admin_client.get("/admin/listings/listing/add/").status_code == 403
