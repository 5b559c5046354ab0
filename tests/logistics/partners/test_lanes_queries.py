"""The rate cards serving a lane come with their partner, destination group and weight bands loaded: a quote
over any number of cards costs the same two queries (the catalogue and every listing page ask)."""

import pytest

from logistics.partners.lanes import rate_cards_serving

pytestmark = pytest.mark.django_db


def test_cards_come_with_partner_group_and_bands_in_two_queries(
    rate_card, eu_group, django_assert_num_queries
):
    # given three cards from China to Germany: two partners, one card priced for the EU group, bands given
    # out of order
    rate_card(partner="alpha", bands=(("5", "25.00"), ("1", "10.00")))
    rate_card(partner="alpha", service="express", bands=(("2", "30.00"),))
    rate_card(partner="beta", group=eu_group, bands=(("10", "40.00"), ("3", "20.00")))
    # when the cards are read with everything a quote looks at
    with django_assert_num_queries(2):
        cards = rate_cards_serving(origin="CN", destination="DE")
        seen = [
            (card.partner.slug, card.service_level, card.destination_group and card.destination_group.slug,
             [str(band.max_weight_kg) for band in card.bands.all()])
            for card in cards
        ]  # fmt: skip
    # then all three, each band list lightest first
    assert sorted(seen) == [
        ("alpha", "express", None, ["2.000"]),
        ("alpha", "standard", None, ["1.000", "5.000"]),
        ("beta", "standard", "eu", ["3.000", "10.000"]),
    ]
