"""Which lanes partners serve: the storefront asks where goods can ship from, for a buyer's country."""

from __future__ import annotations

from logistics.partners.models import RateCard


def lanes_origins_serving(*, destination: str) -> frozenset[str]:
    """Origin countries from which at least one active partner ships to `destination` (one query)."""
    origins: set[str] = set()
    cards = RateCard.objects.filter(is_active=True, partner__is_active=True).select_related(
        "destination_group"
    )
    for card in cards.only("origin_country", "destination_country", "destination_group__countries"):
        if card.destination_country == destination or (
            card.destination_group is not None and destination in card.destination_group.countries
        ):
            origins.add(card.origin_country)
    return frozenset(origins)


def lane_is_served(*, origin: str, destination: str) -> bool:
    return origin in lanes_origins_serving(destination=destination)
