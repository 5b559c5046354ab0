"""Rate cards that decide how a test shipment travels (letter post or parcel), for the CN22/CN23 tests."""

from __future__ import annotations

from decimal import Decimal

from logistics.partners.models import Partner, RateCard, ServiceKind, WeightBand


def lane_card(
    *, partner: str = "china-post", kind: str = ServiceKind.LETTER_POST, origin: str = "CN",
    destination: str = "DE", service: str = "economy",
) -> RateCard:  # fmt: skip
    """An active card of `partner` on the lane `origin` -> `destination`, carrying items as `kind`."""
    owner, _ = Partner.objects.get_or_create(slug=partner, defaults={"name": partner.title()})
    card = RateCard.objects.create(
        partner=owner, origin_country=origin, destination_country=destination, service_level=service,
        service_kind=kind, currency="USD", transit_days_min=8, transit_days_max=20,
    )  # fmt: skip
    WeightBand.objects.create(rate_card=card, max_weight_kg=Decimal("2.000"), price=Decimal("9.00"))
    return card
