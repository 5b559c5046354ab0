"""Which lanes partners serve: one rule, used by shipping quotes and by the catalogue's ship-to filter.

A rate card serves a destination when its partner and the card are active, the card names that country (or a
group that holds it), and the partner's own list of countries, where it has one, includes it.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q

from logistics.partners.models import RateCard, WeightBand


def lane_serves(
    *,
    destination: str,
    card_country: str | None,
    group_countries: list[str] | None,
    partner_countries: list[str] | None,
) -> bool:
    """The rule on plain values: the card's destination (a country or a group), the partner's countries."""
    if partner_countries and destination not in partner_countries:
        return False
    if card_country:
        return card_country == destination
    return group_countries is not None and destination in group_countries


def rate_cards_serving(*, origin: str, destination: str) -> list[RateCard]:
    """The active rate cards that carry parcels from `origin` to `destination`, with partner and bands."""
    cards = (
        RateCard.objects.filter(is_active=True, partner__is_active=True, origin_country=origin)
        .filter(Q(destination_country=destination) | Q(destination_group__isnull=False))
        .select_related("partner", "destination_group")
        .prefetch_related(Prefetch("bands", queryset=WeightBand.objects.order_by("max_weight_kg")))
    )
    return [
        card
        for card in cards
        if lane_serves(
            destination=destination,
            card_country=card.destination_country,
            group_countries=card.destination_group.countries if card.destination_group_id else None,
            partner_countries=card.partner.countries,
        )
    ]


def lanes_origins_serving(*, destination: str) -> frozenset[str] | None:
    """Origin countries from which at least one active partner ships to `destination` (one query).

    None means no partner has published any lane yet (a fresh install): nothing is known, so callers
    should not hide goods on that account.
    """
    origins: set[str] = set()
    any_lane = False
    # Plain tuples, not model instances: this runs on every catalogue page, over every published lane.
    lanes = RateCard.objects.filter(is_active=True, partner__is_active=True).values_list(
        "origin_country", "destination_country", "destination_group__countries", "partner__countries"
    )
    for origin, country, group, partner_countries in lanes:
        any_lane = True
        if lane_serves(
            destination=destination,
            card_country=country,
            group_countries=group,
            partner_countries=partner_countries,
        ):
            origins.add(origin)
    return frozenset(origins) if any_lane else None
