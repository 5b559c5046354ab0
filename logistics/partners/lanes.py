"""Which lanes partners serve: the storefront asks where goods can ship from, for a buyer's country."""

from __future__ import annotations

from logistics.partners.models import RateCard


def lanes_origins_serving(*, destination: str) -> frozenset[str] | None:
    """Origin countries from which at least one active partner ships to `destination` (one query).

    None means no partner has published any lane yet (a fresh install): nothing is known, so callers
    should not hide goods on that account.
    """
    origins: set[str] = set()
    any_lane = False
    # Plain tuples, not model instances: this runs on every catalogue page, over every published lane.
    lanes = RateCard.objects.filter(is_active=True, partner__is_active=True).values_list(
        "origin_country", "destination_country", "destination_group__countries"
    )
    for origin, country, group in lanes:
        any_lane = True
        if country == destination or (group is not None and destination in group):
            origins.add(origin)
    return frozenset(origins) if any_lane else None
