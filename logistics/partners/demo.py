"""Three demo partners whose rate cards cover every lane from the demo sellers' countries to every
destination the landed-cost engine knows. Deterministic and idempotent (called by `manage.py seed_demo`).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from ewtp.countries import EU_MEMBERS
from logistics.partners.models import CountryGroup, Partner, RateCard, ServiceKind, ServiceLevel, WeightBand

SELLER_COUNTRIES = ["CN", "KE", "PE", "VN", "MX", "IN", "TR", "GH", "BD", "ID", "TH"]
DESTINATIONS = ["US", "GB", "CA", "AU", "CN", "JP", "SG", "CH", "NO", "BR", "IN", "MX"]  # + the EU group
BANDS_KG = [Decimal(w) for w in ("0.5", "1", "2", "5", "10", "20", "30")]
# Far lanes cost more: a multiplier per destination (the EU group included), by rough distance.
ZONE = {"US": "1.2", "CA": "1.25", "MX": "1.1", "BR": "1.3", "AU": "1.3", "GB": "1.0", "EU": "1.0",
        "CH": "1.05", "NO": "1.1", "CN": "0.8", "JP": "0.9", "SG": "0.8", "IN": "0.9"}  # fmt: skip
# Approximate units per USD, only to state demo prices in the partner's own currency.
LOCAL_PER_USD = {"USD": "1", "EUR": "0.92", "CNY": "7.1", "INR": "88", "IDR": "16500", "MXN": "18.5",
                 "TRY": "41"}  # fmt: skip
MERIDIAN_CURRENCY = {"CN": "CNY", "IN": "INR", "ID": "IDR", "MX": "MXN", "TR": "TRY"}

PARTNERS = [
    {
        "slug": "silk-road-post",
        "name": "Silk Road Post",
        "service_level": ServiceLevel.ECONOMY,
        # A postal operator: items up to 2 kg go as letter-post small packets (a CN22 under 300 SDR).
        "service_kind": ServiceKind.LETTER_POST,
        "first_kg_usd": "9.00",
        "per_kg_usd": "6.50",
        "transit": (10, 25),
        "ddp": False,
        "currency": lambda origin: "USD",
    },
    {
        "slug": "meridian-parcel",
        "name": "Meridian Parcel",
        "service_level": ServiceLevel.STANDARD,
        "service_kind": ServiceKind.PARCEL,
        "first_kg_usd": "14.00",
        "per_kg_usd": "8.00",
        "transit": (6, 12),
        "ddp": True,
        "currency": lambda origin: MERIDIAN_CURRENCY.get(origin, "USD"),
    },
    {
        "slug": "equator-express",
        "name": "Equator Express",
        "service_level": ServiceLevel.EXPRESS,
        "service_kind": ServiceKind.PARCEL,
        "first_kg_usd": "32.00",
        "per_kg_usd": "11.00",
        "transit": (2, 5),
        "ddp": True,
        "currency": lambda origin: "EUR",
    },
]


def _price(spec: dict, *, zone: str, weight: Decimal, currency: str) -> Decimal:
    extra_kg = max(weight - 1, Decimal(0))
    usd = (Decimal(spec["first_kg_usd"]) + Decimal(spec["per_kg_usd"]) * extra_kg) * Decimal(zone)
    local = usd * Decimal(LOCAL_PER_USD[currency])
    return local.quantize(Decimal("0.01") if local < 10_000 else Decimal(1), rounding=ROUND_HALF_UP)


@transaction.atomic
def demo_seed(*, stdout) -> None:
    eu, _ = CountryGroup.objects.update_or_create(
        slug="eu", defaults={"name": "European Union", "countries": sorted(EU_MEMBERS)}
    )
    served = sorted({*SELLER_COUNTRIES, *DESTINATIONS, *EU_MEMBERS})
    cards = bands = 0
    for spec in PARTNERS:
        partner, _ = Partner.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "countries": served,
                "contact_name": "Partner desk",
                "contact_email": f"ops@{spec['slug']}.example",
                # The demo partners are the partner simulators `make run` starts: they poll the API and push
                # their events, so no webhook is sent to them and nothing is pulled (the .example hosts
                # would only fill the log with retries and operator alerts).
                "webhook_url": "",
                "webhook_secret": f"demo-secret-{spec['slug']}",
                "is_active": True,
            },
        )
        # Rebuilt each time so that a second run leaves exactly the same rate cards.
        partner.rate_cards.all().delete()
        for origin in SELLER_COUNTRIES:
            currency = spec["currency"](origin)
            for destination in [*DESTINATIONS, "EU"]:
                if destination == origin:
                    continue
                card = RateCard.objects.create(
                    partner=partner,
                    origin_country=origin,
                    destination_country="" if destination == "EU" else destination,
                    destination_group=eu if destination == "EU" else None,
                    service_level=spec["service_level"],
                    service_kind=spec["service_kind"],
                    currency=currency,
                    transit_days_min=spec["transit"][0],
                    transit_days_max=spec["transit"][1],
                    ddp_offered=spec["ddp"],
                )
                WeightBand.objects.bulk_create(
                    WeightBand(
                        rate_card=card,
                        max_weight_kg=w,
                        price=_price(spec, zone=ZONE[destination], weight=w, currency=currency),
                    )
                    for w in BANDS_KG
                )
                cards += 1
                bands += len(BANDS_KG)
    stdout.write(f"Logistics partners: {len(PARTNERS)} partners, {cards} rate cards, {bands} weight bands.")
