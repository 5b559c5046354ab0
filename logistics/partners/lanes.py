"""Which lanes partners serve: the storefront asks where goods can ship from, for a buyer's country."""

from __future__ import annotations

from logistics.partners.models import RateCard


def lanes_origins_serving(*, destination: str) -> frozenset[str] | None:
    """Origin countries from which at least one active partner ships to `destination` (one query).

    None means no partner has published any lane yet (a fresh install): nothing is known, so callers
    should not hide goods on that account.
    """
    origins: set[str] = set()
    any_card = False
    cards = RateCard.objects.filter(is_active=True, partner__is_active=True).select_related(
        "destination_group"
    )
    for card in cards.only("origin_country", "destination_country", "destination_group__countries"):
        any_card = True
        if card.destination_country == destination or (
            card.destination_group is not None and destination in card.destination_group.countries
        ):
            origins.add(card.origin_country)
    return frozenset(origins) if any_card else None


def lane_is_served(*, origin: str, destination: str) -> bool | None:
    """Whether goods can ship from `origin` to `destination`; None when no lane is published at all."""
    origins = lanes_origins_serving(destination=destination)
    return None if origins is None else origin in origins
