"""A partner reads its rate cards and replaces them as a whole; checked like the admin's, all or nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from logistics.partners.models import CountryGroup, RateCard, WeightBand
from tests.logistics.api.conftest import error_of

pytestmark = pytest.mark.django_db


def card(**overrides) -> dict:
    return {
        "origin_country": "CN",
        "destination_country": "DE",
        "service_level": "standard",
        "currency": "USD",
        "transit_days_min": 5,
        "transit_days_max": 9,
        "ddp_offered": True,
        "bands": [{"max_weight_kg": "1.000", "price": "10.00"}, {"max_weight_kg": "5.000", "price": "25.00"}],
    } | overrides


def test_the_partner_replaces_its_cards_and_reads_them_back(api, partner, other_partner):
    # given an old card of the partner's, and one of another partner
    RateCard.objects.create(
        partner=partner,
        origin_country="CN",
        destination_country="FR",
        service_level="economy",
        currency="USD",
        transit_days_min=9,
        transit_days_max=20,
    )
    theirs = RateCard.objects.create(
        partner=other_partner,
        origin_country="CN",
        destination_country="DE",
        service_level="economy",
        currency="EUR",
        transit_days_min=9,
        transit_days_max=20,
    )
    eu = CountryGroup.objects.create(name="EU", slug="eu", countries=["FR", "IT"])
    # when
    response = api.put(
        "/api/v1/rate-cards/",
        {
            "rate_cards": [
                card(),
                card(destination_country="", destination_group="eu", service_level="express"),
            ]
        },
    )
    # then only the new cards are the partner's; the other partner's card is untouched
    assert response.status_code == 200
    assert RateCard.objects.filter(partner=partner).count() == 2
    assert RateCard.objects.filter(pk=theirs.pk).exists()
    read = api.get("/api/v1/rate-cards/").json()["rate_cards"]
    assert [(c["destination_country"], c["destination_group"], c["service_level"]) for c in read] == [
        ("", "eu", "express"),
        ("DE", None, "standard"),
    ]
    assert read[1]["bands"] == [
        {"max_weight_kg": "1.000", "price": "10.0000"},
        {"max_weight_kg": "5.000", "price": "25.0000"},
    ]
    assert RateCard.objects.get(partner=partner, destination_group=eu).bands.count() == 2


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        (card(origin_country="XX"), "rate_cards[1].origin_country"),
        (card(currency="ABC"), "rate_cards[1].currency"),
        (card(destination_group="eu"), "rate_cards[1]"),  # a country and a group: RateCard.clean
        (card(destination_country=""), "rate_cards[1]"),  # neither
        (card(destination_country="", destination_group="nowhere"), "rate_cards[1].destination_group"),
        (card(transit_days_min=10, transit_days_max=3), "rate_cards[1]"),  # the ordered-days constraint
        (card(bands=[]), "rate_cards[1].bands"),
        (card(bands=[{"max_weight_kg": "1", "price": "-1"}]), "rate_cards[1].bands[0].price"),
        (card(bands=[{"max_weight_kg": "0", "price": "1"}]), "rate_cards[1].bands[0].max_weight_kg"),
        (
            card(bands=[{"max_weight_kg": "1", "price": "1"}, {"max_weight_kg": "1.000", "price": "2"}]),
            "rate_cards[1].bands[1].max_weight_kg",
        ),
    ],
)
def test_one_bad_card_refuses_all_and_names_the_field(api, partner, bad, field):
    # given the partner's current card
    api.put("/api/v1/rate-cards/", {"rate_cards": [card()]})
    before = list(RateCard.objects.filter(partner=partner).values_list("pk", flat=True))
    CountryGroup.objects.get_or_create(slug="eu", defaults={"name": "EU", "countries": ["FR"]})
    # when it sends a good card and a bad one
    response = api.put("/api/v1/rate-cards/", {"rate_cards": [card(), bad]})
    # then nothing changed, and the error names the card (and field) at fault
    assert response.status_code == 422, response.json()
    error = error_of(response)
    assert error["code"] in {"invalid_rate_cards", "invalid"}
    assert any(name == field or name.startswith(field + ".") for name in error["fields"]), error["fields"]
    assert list(RateCard.objects.filter(partner=partner).values_list("pk", flat=True)) == before
    assert WeightBand.objects.filter(rate_card__partner=partner).count() == 2


def test_an_empty_list_withdraws_the_partner_from_every_lane(api, partner):
    api.put("/api/v1/rate-cards/", {"rate_cards": [card()]})
    assert api.put("/api/v1/rate-cards/", {"rate_cards": []}).json() == {"rate_cards": []}
    assert not RateCard.objects.filter(partner=partner).exists()


def test_rate_cards_need_the_rates_scope(api_for, partner):
    reader = api_for(partner, scopes=["shipments:read"])
    assert reader.get("/api/v1/rate-cards/").status_code == 403
    assert reader.put("/api/v1/rate-cards/", {"rate_cards": []}).status_code == 403


def test_a_price_with_too_many_decimals_is_422(api, partner):
    response = api.put(
        "/api/v1/rate-cards/", {"rate_cards": [card(bands=[{"max_weight_kg": "1", "price": "1.00001"}])]}
    )
    assert response.status_code == 422
    assert "rate_cards[0].bands[0].price" in error_of(response)["fields"]
    assert RateCard.objects.count() == 0 and Decimal("1") == 1
