"""Writing many listings at once (the CSV import's updates): every kind of column lands as save() would
write it, on PostgreSQL's UPDATE ... FROM VALUES as on other databases' bulk_update."""

from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.listings.bulk_update import listings_update_many
from marketplace.listings.models import Listing
from tests.marketplace.listings.factories import CategoryFactory, ListingFactory

pytestmark = pytest.mark.django_db


def test_every_kind_of_column_is_written_to_its_own_listing():
    # given two listings changed in memory: text, decimal, integer, JSON, foreign key, boolean, dates, NULL
    first, second = ListingFactory(status="draft"), ListingFactory(restrictions=["liquids"])
    crafts = CategoryFactory(slug="crafts", name="Crafts")
    now = timezone.now()
    first.title, first.price_amount, first.stock, first.category = (
        "Basket, large",
        Decimal("10.50"),
        0,
        crafts,
    )
    first.restrictions, first.is_visible, first.published_at = ["magnets", "liquids"], True, now
    second.description, second.restrictions, second.published_at = "", [], None
    # when both are written at once
    fields = ["title", "description", "price_amount", "stock", "category", "restrictions", "is_visible"]
    listings_update_many([first, second], [*fields, "published_at"])
    # then each row holds its own values
    stored = {listing.pk: listing for listing in Listing.objects.all()}
    assert (stored[first.pk].title, stored[first.pk].price_amount, stored[first.pk].stock) == (
        "Basket, large",
        Decimal("10.5000"),
        0,
    )
    assert (stored[first.pk].category_id, stored[first.pk].restrictions) == (
        crafts.pk,
        ["magnets", "liquids"],
    )
    assert (stored[first.pk].is_visible, stored[first.pk].published_at) == (True, now)
    assert (stored[second.pk].description, stored[second.pk].restrictions) == ("", [])
    assert stored[second.pk].published_at is None
    assert stored[second.pk].title == second.title
