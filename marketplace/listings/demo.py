"""seed_demo's part for the marketplace: categories, verified sellers, a buyer, an operator, 200 listings
with photos of their kind of goods drawn locally (demo_photos.py), manual rates for currencies the ECB does
not publish. Deterministic, idempotent."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from ewtp.fx.models import FxRate
from ewtp.fx.services import fx_rate_set_manual
from marketplace.listings.demo_data import (
    CATEGORIES,
    DEMO_MANUAL_RATES,
    DEMO_RATE_SOURCE,
    OLD_DEMO_RATE_SOURCE,
    SELLERS,
)
from marketplace.listings.demo_photos import demo_photo
from marketplace.listings.models import Category, Listing
from marketplace.listings.services import listing_photo_add
from marketplace.listings.visibility import listings_visibility_refresh
from marketplace.sellers.models import Seller

DEMO_PASSWORD = "ewtp-demo-2017"  # noqa: S105 - printed by seed_demo for a local demo world only
DEMO_DOMAIN = "demo.ewtp.test"
BASE_LISTINGS = 200
BULK_BATCH = 2000
SNAPSHOT_DAY = date(2026, 10, 30)  # last day of the ECB history shipped in seeds/


def _user(email: str, **extra):
    users = get_user_model().objects
    user = users.filter(email=email).first()
    if user is None:
        user = users.create_user(email=email, password=DEMO_PASSWORD, **extra)
    return user


def _sellers() -> list[tuple[Seller, list]]:
    result = []
    for slug, trading, legal, country, city, phone, currency, products in SELLERS:
        user = _user(f"{slug}@{DEMO_DOMAIN}", full_name=trading)
        seller, _ = Seller.objects.get_or_create(
            user=user,
            defaults={
                "legal_name": legal,
                "trading_name": trading,
                "country": country,
                "business_type": Seller.BusinessType.COMPANY,
                "registration_number": f"DEMO-{slug.upper()}",
                "phone": phone,
                "address_line1": "1 Market Street",
                "city": city,
                "postcode": "00100",
                "default_currency": currency,
                "payout_status": Seller.PayoutStatus.PENDING,
                "status": Seller.Status.VERIFIED,
                "submitted_at": timezone.now(),
                "verified_at": timezone.now(),
            },
        )
        result.append((seller, products))
    return result


def _manual_rates() -> None:
    FxRate.objects.filter(source=OLD_DEMO_RATE_SOURCE).update(source=DEMO_RATE_SOURCE)
    for currency, rate in DEMO_MANUAL_RATES.items():
        if not FxRate.objects.filter(currency=currency, date=SNAPSHOT_DAY).exists():
            fx_rate_set_manual(currency=currency, day=SNAPSHOT_DAY, rate=rate, source=DEMO_RATE_SOURCE)


def _listing_specs(sellers, categories, count: int, rng: random.Random, start: int = 0):
    """`count` listing specs, round-robin over sellers and products, each round taking every product's next
    title (after the last, the first again: the bulk listings for benchmarks repeat titles)."""
    catalogue = [(seller, product) for seller, products in sellers for product in products]
    for n in range(start, start + count):
        seller, (titles, category, hs, price, weight, (length, width, height), restrictions) = catalogue[
            n % len(catalogue)
        ]
        title = titles[(n // len(catalogue)) % len(titles)]
        factor = Decimal(100 + rng.randint(-15, 25)) / 100
        amount = (Decimal(price) * factor).quantize(Decimal(price))
        yield Listing(
            seller=seller,
            title=title,
            description=(
                f"{title} from {seller.trading_name} in {seller.city}. Made by hand, in small batches."
            ),
            category=categories[category],
            price_amount=amount,
            price_currency=seller.default_currency,
            stock=rng.randint(1, 40),
            sku=f"{seller.user.email.split('@')[0][:12]}-{n:06d}",
            hs_code=hs,
            origin_country=seller.country,
            net_weight_kg=Decimal(weight),
            length_cm=Decimal(length),
            width_cm=Decimal(width),
            height_cm=Decimal(height),
            restrictions=list(restrictions),
            status=Listing.Status.ACTIVE,
        )


@transaction.atomic
def demo_seed(*, stdout, extra_listings: int = 0) -> None:
    rng = random.Random(2017)  # noqa: S311 - demo data, not secrets; the year of the Davos conversation the platform comes from
    categories = {}
    for position, (slug, name, name_zh_hans) in enumerate(CATEGORIES):
        categories[slug], _ = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_zh_hans": name_zh_hans, "position": position}
        )
    sellers = _sellers()
    _manual_rates()
    _user(f"buyer@{DEMO_DOMAIN}", full_name="Demo Buyer", country="DE", preferred_currency="EUR")
    operator = _user(f"operator@{DEMO_DOMAIN}", full_name="Demo Operator", is_staff=True, is_superuser=True)
    demo_listings = Listing.objects.filter(seller__user__email__endswith=f"@{DEMO_DOMAIN}")
    existing = demo_listings.count()
    if existing < BASE_LISTINGS:
        for listing in _listing_specs(sellers, categories, BASE_LISTINGS - existing, rng, start=existing):
            listing.save()
            upload = demo_photo(rng, title=listing.title, category=listing.category.slug)
            listing_photo_add(listing=listing, upload=upload)
    if extra_listings:
        _bulk_listings(sellers, categories, extra_listings, rng, start=demo_listings.count())
    for seller, _ in sellers:
        listings_visibility_refresh(seller=seller)
    stdout.write(
        f"Demo world: {len(sellers)} verified sellers in {len({s.country for s, _ in sellers})} countries, "
        f"{demo_listings.count():,} listings."
    )
    stdout.write(f"  Log in at /accounts/login/ with password {DEMO_PASSWORD!r}:")
    stdout.write(f"    buyer:    buyer@{DEMO_DOMAIN}")
    stdout.write(f"    seller:   {sellers[2][0].user.email} (and every <slug>@{DEMO_DOMAIN} seller)")
    stdout.write(f"    operator: {operator.email} (admin at /admin/)")


def _bulk_listings(sellers, categories, count: int, rng: random.Random, start: int) -> None:
    """Many listings fast for benchmarks: bulk inserts, the denormalised columns filled in here, photos
    shared with the first listing of the same product (whichever of its titles that one has)."""
    product_of = {title: titles[0] for _, products in sellers for titles, *_ in products for title in titles}
    thumbnails: dict[str, tuple[str, str]] = {}
    for title, thumbnail, small in (
        Listing.objects.filter(seller__in=[s for s, _ in sellers])
        .exclude(thumbnail="")
        .order_by("id")
        .values_list("title", "thumbnail", "thumbnail_small")
    ):
        if title in product_of:
            thumbnails.setdefault(product_of[title], (thumbnail, small))
    now = timezone.now()
    batch: list[Listing] = []
    with tqdm(total=count, desc="Listings", unit="listing", mininterval=1) as progress:
        for listing in _listing_specs(sellers, categories, count, rng, start=start):
            listing.search_text = f"{listing.title}\n{listing.description}".lower()
            listing.seller_country = listing.seller.country
            listing.is_visible = Listing.visible_to_buyers(listing.status, listing.seller.status)
            listing.published_at = now
            listing.thumbnail, listing.thumbnail_small = thumbnails.get(product_of[listing.title], ("", ""))
            batch.append(listing)
            if len(batch) >= BULK_BATCH:
                Listing.objects.bulk_create(batch)
                progress.update(len(batch))
                batch = []
        Listing.objects.bulk_create(batch)
        progress.update(len(batch))
