"""Bulk CSV import: every row checked; any bad row and nothing is imported, with (row, field, error). Each
listing keeps its own currency; columns left out of the file leave their fields alone."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ewtp.money import Money
from marketplace.listings.csv_import import listings_import_csv
from marketplace.listings.csv_reading import REQUIRED_COLUMNS
from marketplace.listings.models import Listing
from tests.marketplace.listings.factories import CategoryFactory, ListingFactory
from tests.marketplace.sellers.factories import SellerFactory

pytestmark = pytest.mark.django_db

# The documented order: sku, title, category, price, currency, stock, hs_code, origin_country, ...
HEADER = ",".join(REQUIRED_COLUMNS)


GOOD = [
    "B-1,Kiondo basket,crafts,3200,KES,4,4602.19,KE,0.5,35,35,30",
    "T-1,Kenyan AA coffee 250 g,food,1100.50,KES,10,090121,KE,0.25,18,10,6",
]


@pytest.fixture
def seller(hs_nomenclature):
    CategoryFactory(slug="crafts", name="Crafts")
    CategoryFactory(slug="food", name="Food")
    return SellerFactory(verified=True, country="KE")


def _import(seller, *rows, header=HEADER):
    return listings_import_csv(seller=seller, text="\n".join([header, *rows]) + "\n")


def _errors(report):
    return [(e.row, e.field) for e in report.errors]


def test_a_good_file_imports_every_row(seller):
    report = _import(seller, *GOOD)
    assert report.ok and (report.created, report.updated, report.rows) == (2, 0, 2)
    coffee = Listing.objects.get(sku="T-1")
    assert (coffee.price, coffee.hs_code, coffee.status) == (Money("1100.50", "KES"), "090121", "draft")
    assert coffee.search_text == "kenyan aa coffee 250 g\n" and coffee.seller_country == "KE"


def test_a_known_sku_updates_that_listing(seller):
    ListingFactory(seller=seller, sku="B-1", title="Old title", price_amount=Decimal("100"))
    report = _import(seller, *GOOD)
    assert (report.created, report.updated) == (1, 1)
    listing = Listing.objects.get(sku="B-1")
    assert (listing.title, listing.search_text) == (
        "Kiondo basket",
        "kiondo basket\nwoven by hand in machakos.",
    )


def test_optional_columns_status_and_restrictions(seller):
    header = HEADER + ",status,restrictions,description"
    row = GOOD[0] + ",active,liquids;magnets,Woven by hand"
    report = _import(seller, row, header=header)
    listing = Listing.objects.get(sku="B-1")
    assert report.ok and listing.status == "active" and listing.restrictions == ["liquids", "magnets"]
    assert listing.is_visible and listing.published_at is not None


@pytest.mark.parametrize(
    ("bad_row", "expected"),
    [
        ("X-1,Basket,crafts,3200,XYZ,4,4602.19,KE,0.5,35,35,30", [(3, "currency")]),
        ("X-1,Basket,crafts,3200,XAU,4,4602.19,KE,0.5,35,35,30", [(3, "currency")]),
        ("X-1,Basket,crafts,3200,KES,4,1234.56,KE,0.5,35,35,30", [(3, "hs_code")]),
        ("X-1,Basket,crafts,-3,KES,4,4602.19,KE,0.5,35,35,30", [(3, "price")]),
        ("X-1,Basket,crafts,0.0001,KES,4,4602.19,KE,0.5,35,35,30", [(3, "price")]),
        ("X-1,Basket,crafts,0.5,JPY,4,4602.19,KE,0.5,35,35,30", [(3, "price")]),
        ("X-1,Basket,crafts,3200,KES,-4,4602.19,KE,0.5,35,35,30", [(3, "stock")]),
        ("X-1,Basket,toys,3200,KES,4,4602.19,KE,0.5,35,35,30", [(3, "category")]),
        ("X-1,Basket,crafts,3200,KES,4,4602.19,ZZ,0,35,35,30", [(3, "origin_country"), (3, "net_weight_kg")]),
        ("B-1,Basket,crafts,3200,KES,4,4602.19,KE,0.5,35,35,30", [(3, "sku")]),  # same SKU as row 2
    ],
)
def test_one_bad_row_and_nothing_is_imported(seller, bad_row, expected):
    report = _import(seller, GOOD[0], bad_row)
    assert not report.ok
    assert _errors(report) == expected
    assert Listing.objects.count() == 0


def test_a_price_below_the_currencys_minor_unit_is_refused_with_the_smallest_price(seller):
    """KES 0.0001 would be published as KES 0.00 and JPY 0.5 charged as JPY 1: the row is refused."""
    report = _import(
        seller,
        "X-1,Basket,crafts,0.0001,KES,4,4602.19,KE,0.5,35,35,30",
        "X-2,Basket,crafts,0.5,JPY,4,4602.19,KE,0.5,35,35,30",
        "X-3,Basket,crafts,10.005,KES,4,4602.19,KE,0.5,35,35,30",
    )
    assert [e.message for e in report.errors] == [
        "The smallest price in KES is 0.01.",
        "The smallest price in JPY is 1.",
        "Prices in KES have at most 2 decimals.",
    ]


def test_wrong_columns_are_named(seller):
    report = _import(seller, GOOD[0], header=HEADER.replace("price", "cost"))
    assert _errors(report) == [(1, "price"), (1, "cost")]
    assert Listing.objects.count() == 0


def test_an_empty_file_is_refused(seller):
    assert "no rows" in _import(seller).errors[0].message


# -- currency: each listing keeps its own ------------------------------------------------------------------


@pytest.fixture
def kes_listing_of_a_seller_now_in_usd(seller):
    """A listing priced KES 3,200 by a Kenyan seller who has since made USD the default currency."""
    listing = ListingFactory(seller=seller, sku="UPD-1", price_amount=Decimal("3200"), price_currency="KES")
    seller.default_currency = "USD"
    seller.save()
    return listing


def test_a_row_in_a_new_currency_changes_price_and_currency_together(kes_listing_of_a_seller_now_in_usd):
    """The bug: `UPD-1,...,25,USD` stored 25 KES. The row states both, so the listing becomes USD 25."""
    # given a KES listing and a seller now in USD
    seller = kes_listing_of_a_seller_now_in_usd.seller
    # when a row gives it 25 USD
    report = _import(seller, "UPD-1,Kiondo basket,crafts,25,USD,4,4602.19,KE,0.5,35,35,30")
    # then it costs 25 USD, and the report says which listing changed currency
    listing = Listing.objects.get(sku="UPD-1")
    assert report.ok and report.updated == 1
    assert listing.price == Money("25", "USD")
    assert report.currency_changed == ["UPD-1"]


def test_a_row_in_the_listings_own_currency_is_accepted_after_the_seller_changed_theirs(
    kes_listing_of_a_seller_now_in_usd,
):
    """The seller's default currency no longer decides what an existing listing's price is in."""
    seller = kes_listing_of_a_seller_now_in_usd.seller
    report = _import(seller, "UPD-1,Kiondo basket,crafts,3300,KES,4,4602.19,KE,0.5,35,35,30")
    assert report.ok and report.currency_changed == []
    assert Listing.objects.get(sku="UPD-1").price == Money("3300", "KES")


def test_a_new_sku_takes_its_rows_currency(seller):
    # given a Kenyan seller whose default currency is KES
    # when a new SKU comes priced in USD
    report = _import(seller, "N-1,Kiondo basket,crafts,24.90,USD,4,4602.19,KE,0.5,35,35,30")
    # then it is priced in USD
    assert report.ok and Listing.objects.get(sku="N-1").price == Money("24.90", "USD")


# -- columns left out leave fields as they are ------------------------------------------------------------


def test_reimporting_an_active_sku_with_only_required_columns_changes_nothing_else(seller):
    """Status, description and restrictions are not in the file: they stay as they were."""
    # given an active, visible listing with a description and restrictions
    ListingFactory(
        seller=seller, sku="B-1", description="Sisal and leather.", restrictions=["liquids"], stock=4
    )
    # when the same SKU comes back with the required columns only
    report = _import(seller, GOOD[0])
    # then only the columns in the file changed
    listing = Listing.objects.get(sku="B-1")
    assert report.ok and report.updated == 1
    assert (listing.status, listing.is_visible) == ("active", True)
    assert (listing.description, listing.restrictions) == ("Sisal and leather.", ["liquids"])
    assert listing.search_text == "kiondo basket\nsisal and leather."


def test_a_status_column_changes_the_status_and_an_empty_cell_leaves_it(seller):
    ListingFactory(seller=seller, sku="B-1")
    ListingFactory(seller=seller, sku="T-1")
    header = HEADER + ",status"
    report = _import(seller, GOOD[0] + ",paused", GOOD[1] + ",", "N-1" + GOOD[0][3:] + ",", header=header)
    assert report.ok
    statuses = dict(Listing.objects.values_list("sku", "status"))
    assert statuses == {"B-1": "paused", "T-1": "active", "N-1": "draft"}
    assert not Listing.objects.get(sku="B-1").is_visible


def test_present_columns_with_empty_cells_clear_the_field(seller):
    ListingFactory(seller=seller, sku="B-1", description="Old text", restrictions=["liquids"])
    report = _import(seller, GOOD[0] + ",,", header=HEADER + ",description,restrictions")
    listing = Listing.objects.get(sku="B-1")
    assert report.ok and (listing.description, listing.restrictions) == ("", [])


def test_publishing_without_stock_is_refused_on_the_stock_column(seller):
    report = _import(seller, GOOD[0].replace(",4,", ",0,") + ",active", header=HEADER + ",status")
    assert _errors(report) == [(2, "stock")]


def test_a_description_over_5000_characters_is_refused_on_its_row(seller):
    header = HEADER + ",description"
    report = _import(seller, GOOD[0] + ",ok", GOOD[1] + "," + "x" * 5001, header=header)
    assert _errors(report) == [(3, "description")]
    assert "at most 5000 characters" in report.errors[0].message
    assert Listing.objects.count() == 0


# -- speed -------------------------------------------------------------------------------------------------


def test_checking_and_writing_costs_no_query_per_row(seller):
    """Categories, SKUs and HS codes are read once for the file and the rows written in bulk (in batches
    the database allows): 200 new rows, then the same 200 updated, each take a handful of queries, not
    one or more per row as before."""
    rows = [f"S-{n:05d},Basket {n},crafts,3200,KES,4,4602.19,KE,0.5,35,35,30" for n in range(200)]
    for expected in ((200, 0), (0, 200)):
        with CaptureQueriesContext(connection) as queries:
            report = _import(seller, *rows)
        assert (report.created, report.updated) == expected
        assert len(queries) < 20


def test_an_optional_language_column_sets_the_language_of_the_text_and_an_empty_cell_keeps_it(seller):
    ListingFactory(seller=seller, sku="B-1", language="es")
    header = HEADER + ",language"
    report = _import(seller, GOOD[0] + ",", GOOD[1] + ",sw", header=header)
    assert report.ok
    # the empty cell left B-1 in Spanish; the new T-1 is in Swahili
    assert dict(Listing.objects.values_list("sku", "language")) == {"B-1": "es", "T-1": "sw"}
    # a language outside the list is refused, naming the row and the column
    refused = _import(seller, GOOD[0] + ",klingon", header=header)
    assert not refused.ok and _errors(refused) == [(2, "language")]
