"""Operators manage partners and rate cards (with their weight bands inline) in the admin."""

from decimal import Decimal

from logistics.partners.models import RateCard, WeightBand


def test_a_rate_card_with_its_bands_is_created_in_the_admin(admin_client, rate_card):
    # given a partner
    partner = rate_card(partner="alpha").partner
    # when an operator adds a CN -> JP express card with two bands on one page
    response = admin_client.post(
        "/admin/partners/ratecard/add/",
        {
            "partner": partner.pk, "origin_country": "CN", "destination_country": "JP",
            "destination_group": "",
            "service_level": "express", "service_kind": "parcel", "currency": "JPY", "transit_days_min": 2,
            "transit_days_max": 4, "ddp_offered": "on", "is_active": "on",
            "bands-TOTAL_FORMS": 2, "bands-INITIAL_FORMS": 0,
            "bands-0-max_weight_kg": "1", "bands-0-price": "2400",
            "bands-1-max_weight_kg": "5", "bands-1-price": "6800",
        },
    )  # fmt: skip
    # then
    assert response.status_code == 302, response.content.decode()[:2000]
    card = RateCard.objects.get(destination_country="JP")
    assert list(card.bands.values_list("max_weight_kg", "price")) == [
        (Decimal("1.000"), Decimal("2400.0000")),
        (Decimal("5.000"), Decimal("6800.0000")),
    ]


def test_a_card_naming_both_a_country_and_a_group_is_refused(admin_client, rate_card, eu_group):
    partner = rate_card(partner="alpha").partner
    response = admin_client.post(
        "/admin/partners/ratecard/add/",
        {
            "partner": partner.pk, "origin_country": "CN", "destination_country": "FR",
            "destination_group": eu_group.pk, "service_level": "economy", "currency": "EUR",
            "transit_days_min": 5, "transit_days_max": 9,
            "bands-TOTAL_FORMS": 0, "bands-INITIAL_FORMS": 0,
        },
    )  # fmt: skip
    assert response.status_code == 200 and "not both" in response.content.decode()
    assert not RateCard.objects.filter(destination_country="FR").exists()


def test_partner_pages_list_the_partner_and_its_lanes(admin_client, rate_card):
    card = rate_card(partner="alpha")
    assert "Alpha" in admin_client.get("/admin/partners/partner/").content.decode()
    page = admin_client.get(f"/admin/partners/partner/{card.partner.pk}/change/").content.decode()
    assert "rate_cards-0-origin_country" in page
    assert WeightBand.objects.filter(rate_card=card).count() == 2
