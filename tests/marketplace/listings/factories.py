"""Listing factories, next to the tests that use them."""

from decimal import Decimal

import factory

from marketplace.listings.models import Category, Listing
from tests.marketplace.sellers.factories import SellerFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    slug = "textiles"
    name = "Textiles & clothing"


class ListingFactory(factory.django.DjangoModelFactory):
    """An active listing of a verified Kenyan seller, priced in KES."""

    class Meta:
        model = Listing

    seller = factory.SubFactory(SellerFactory, verified=True, country="KE")
    title = factory.Sequence(lambda n: f"Sisal basket {n}")
    description = "Woven by hand in Machakos."
    category = factory.SubFactory(CategoryFactory)
    price_amount = Decimal("3200.00")
    price_currency = factory.LazyAttribute(lambda o: o.seller.default_currency)
    stock = 5
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    hs_code = "460219"
    origin_country = "KE"
    net_weight_kg = Decimal("0.500")
    length_cm = Decimal("35")
    width_cm = Decimal("35")
    height_cm = Decimal("30")
    status = Listing.Status.ACTIVE
