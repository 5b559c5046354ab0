"""Category names in the buyer's language, and what operators do with categories and listings in the admin."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission

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


def _staff(django_user_model, email: str, *codenames: str):
    user = django_user_model.objects.create_user(email=email, password="pw-staff-2026", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="listings", codename__in=codenames)
    )
    return user


def test_staff_who_may_only_view_listings_cannot_pause_them(client, django_user_model):
    # given a staff member with the view permission on listings and nothing more
    client.force_login(_staff(django_user_model, "viewer@ewtp.test", "view_listing"))
    listing = ListingFactory(title="Sisal basket")
    # when they open the listing list
    page = client.get("/admin/listings/listing/")
    # then they see the listings but no pause action
    assert page.status_code == 200 and "Sisal basket" in page.content.decode()
    assert "pause" not in page.context["cl"].model_admin.get_actions(page.wsgi_request)
    assert 'value="pause"' not in page.content.decode()
    # and posting the action anyway changes nothing
    client.post("/admin/listings/listing/", {"action": "pause", "_selected_action": [listing.pk]})
    listing.refresh_from_db()
    assert (listing.status, listing.is_visible) == (Listing.Status.ACTIVE, True)


def test_staff_who_may_change_listings_pause_them_but_still_only_read_a_listing(client, django_user_model):
    # given a staff member with the view and change permissions on listings
    client.force_login(_staff(django_user_model, "operator@ewtp.test", "view_listing", "change_listing"))
    listing = ListingFactory(title="Sisal basket")
    # when they pause it from the list
    response = client.post(
        "/admin/listings/listing/", {"action": "pause", "_selected_action": [listing.pk]}, follow=True
    )
    # then it is paused
    assert "1 listing paused." in response.content.decode()
    listing.refresh_from_db()
    assert listing.status == Listing.Status.PAUSED
    # and the listing's own page has nothing to save: the content stays the seller's
    page = client.get(f"/admin/listings/listing/{listing.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert (
        client.post(f"/admin/listings/listing/{listing.pk}/change/", {"title": "Changed"}).status_code == 403
    )
    listing.refresh_from_db()
    assert listing.title == "Sisal basket"


def test_operators_see_a_sellers_csv_imports_read_only(admin_client):
    from marketplace.listings.models import ListingImport
    from tests.marketplace.sellers.factories import SellerFactory

    # given a failed import
    job = ListingImport.objects.create(
        seller=SellerFactory(verified=True, trading_name="Nairobi Weavers"),
        file_name="listings.csv",
        text="",
        status="failed",
        report={"errors": [{"row": 2, "field": "currency", "message": "Unknown currency code XYZ."}]},
    )
    # when the operator opens the list and the import
    listing = admin_client.get("/admin/listings/listingimport/").content.decode()
    page = admin_client.get(f"/admin/listings/listingimport/{job.pk}/change/").content.decode()
    # then they see whose it was and why it failed, and cannot change it
    assert "Nairobi Weavers" in listing and "listings.csv" in listing
    assert "Unknown currency code XYZ." in page and 'name="_save"' not in page
