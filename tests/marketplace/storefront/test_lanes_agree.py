"""The catalogue and the listing page use one lane rule: a partner limited to some countries ships only there,
on both pages."""

from datetime import date

import pytest

from logistics.partners.models import CountryGroup, Partner, RateCard
from tests.marketplace.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(rates, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 10, 30))


def test_a_partner_limited_to_germany_ships_a_kenyan_basket_to_germany_not_france_on_both_pages(client):
    # given a Kenyan listing, and a partner whose card prices the EU group but who delivers only to Germany
    listing = ListingFactory(title="Kenyan basket")
    eu = CountryGroup.objects.create(name="EU", slug="eu", countries=["DE", "FR", "IT"])
    partner = Partner.objects.create(slug="swift", name="Swift Parcel", countries=["DE"])
    RateCard.objects.create(
        partner=partner, origin_country="KE", destination_group=eu, service_level="standard",
        currency="EUR", transit_days_min=5, transit_days_max=9,
    )  # fmt: skip

    # when
    catalogue_de = [card.title for card in client.get("/", {"ship_to": "DE"}).context["cards"]]
    catalogue_fr = [card.title for card in client.get("/", {"ship_to": "FR"}).context["cards"]]
    page_de = client.get(listing.get_absolute_url(), {"ship_to": "DE"}).content.decode()
    page_fr = client.get(listing.get_absolute_url(), {"ship_to": "FR"}).content.decode()

    # then both pages agree: Germany yes, France no
    assert catalogue_de == ["Kenyan basket"] and "Ships to Germany" in page_de
    assert catalogue_fr == [] and "Does not ship to France yet" in page_fr
