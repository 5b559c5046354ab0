from decimal import Decimal

import pytest

from logistics.partners.models import CountryGroup, Partner, RateCard, WeightBand


@pytest.fixture
def rate_card(db):
    """Build a partner's rate card with (max kg, price) bands."""

    def build(*, partner: str, origin="CN", destination="DE", group=None, service="standard", currency="USD",
              transit=(5, 9), ddp=False, bands=(("1", "10.00"), ("5", "25.00"))):  # fmt: skip
        owner, _ = Partner.objects.get_or_create(slug=partner, defaults={"name": partner.title()})
        card = RateCard.objects.create(
            partner=owner,
            origin_country=origin,
            destination_country="" if group else destination,
            destination_group=group,
            service_level=service,
            currency=currency,
            transit_days_min=transit[0],
            transit_days_max=transit[1],
            ddp_offered=ddp,
        )
        for limit, price in bands:
            WeightBand.objects.create(rate_card=card, max_weight_kg=Decimal(limit), price=Decimal(price))
        return card

    return build


@pytest.fixture
def eu_group(db):
    return CountryGroup.objects.create(name="EU", slug="eu", countries=["DE", "FR", "IT"])
