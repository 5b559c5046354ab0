"""The demo partners cover every lane from the demo sellers' countries to every known destination."""

import io
from decimal import Decimal

from ewtp.countries import EU_MEMBERS
from logistics.partners.demo import DESTINATIONS, SELLER_COUNTRIES, demo_seed
from logistics.partners.models import Partner, RateCard, WeightBand
from logistics.partners.quoting import shipping_quote


def _snapshot():
    return sorted(
        WeightBand.objects.values_list(
            "rate_card__partner__slug", "rate_card__origin_country", "rate_card__destination_country",
            "rate_card__destination_group__slug", "rate_card__currency", "max_weight_kg", "price",
        )
    )  # fmt: skip


def test_three_partners_and_seeding_again_changes_nothing(db):
    # given / when
    demo_seed(stdout=io.StringIO())
    first = _snapshot()
    demo_seed(stdout=io.StringIO())
    # then
    assert Partner.objects.count() == 3
    assert _snapshot() == first
    assert RateCard.objects.count() * 7 == WeightBand.objects.count()


def test_every_lane_from_a_seller_country_to_a_destination_is_quoted(fx_days):
    # given
    fx_days("2026-10-30")
    demo_seed(stdout=io.StringIO())
    # when / then every pair has at least one option priced in the buyer's currency
    for origin in SELLER_COUNTRIES:
        for destination in [*DESTINATIONS, *sorted(EU_MEMBERS)]:
            if origin == destination:
                continue
            quote = shipping_quote(
                origin=origin, destination=destination, weight_kg=Decimal("1.2"), currency="USD"
            )
            assert len(quote.options) >= 2, (origin, destination)
            assert all(o.price.currency == "USD" for o in quote.options)
