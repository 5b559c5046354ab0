"""Bulk CSV import: every row checked; any bad row and nothing is imported, with (row, field, error)."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ewtp.money import Money
from marketplace.listings.csv_import import REQUIRED_COLUMNS, listings_import_csv
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


def _csv(*rows, header=HEADER) -> SimpleUploadedFile:
    return SimpleUploadedFile("listings.csv", ("\n".join([header, *rows]) + "\n").encode())


def _errors(report):
    return [(e.row, e.field) for e in report.errors]


def test_a_good_file_imports_every_row(seller):
    report = listings_import_csv(seller=seller, upload=_csv(*GOOD))
    assert report.ok and (report.created, report.updated, report.rows) == (2, 0, 2)
    coffee = Listing.objects.get(sku="T-1")
    assert (coffee.price, coffee.hs_code, coffee.status) == (Money("1100.50", "KES"), "090121", "draft")


def test_a_known_sku_updates_that_listing(seller):
    ListingFactory(seller=seller, sku="B-1", title="Old title", price_amount=Decimal("100"))
    report = listings_import_csv(seller=seller, upload=_csv(*GOOD))
    assert (report.created, report.updated) == (1, 1)
    assert Listing.objects.get(sku="B-1").title == "Kiondo basket"


def test_optional_columns_status_and_restrictions(seller):
    header = HEADER + ",status,restrictions,description"
    row = GOOD[0] + ",active,liquids;magnets,Woven by hand"
    report = listings_import_csv(seller=seller, upload=_csv(row, header=header))
    listing = Listing.objects.get(sku="B-1")
    assert report.ok and listing.status == "active" and listing.restrictions == ["liquids", "magnets"]
    assert listing.is_visible


@pytest.mark.parametrize(
    ("bad_row", "expected"),
    [
        ("X-1,Basket,crafts,3200,XYZ,4,4602.19,KE,0.5,35,35,30", [(3, "currency")]),
        ("X-1,Basket,crafts,3200,USD,4,4602.19,KE,0.5,35,35,30", [(3, "currency")]),
        ("X-1,Basket,crafts,3200,KES,4,1234.56,KE,0.5,35,35,30", [(3, "hs_code")]),
        ("X-1,Basket,crafts,-3,KES,4,4602.19,KE,0.5,35,35,30", [(3, "price")]),
        ("X-1,Basket,crafts,3200,KES,-4,4602.19,KE,0.5,35,35,30", [(3, "stock")]),
        ("X-1,Basket,toys,3200,KES,4,4602.19,KE,0.5,35,35,30", [(3, "category")]),
        ("X-1,Basket,crafts,3200,KES,4,4602.19,ZZ,0,35,35,30", [(3, "origin_country"), (3, "net_weight_kg")]),
        ("B-1,Basket,crafts,3200,KES,4,4602.19,KE,0.5,35,35,30", [(3, "sku")]),  # same SKU as row 2
    ],
)
def test_one_bad_row_and_nothing_is_imported(seller, bad_row, expected):
    report = listings_import_csv(seller=seller, upload=_csv(GOOD[0], bad_row))
    assert not report.ok
    assert _errors(report) == expected
    assert Listing.objects.count() == 0


def test_wrong_columns_are_named(seller):
    report = listings_import_csv(seller=seller, upload=_csv(GOOD[0], header=HEADER.replace("price", "cost")))
    assert _errors(report) == [(1, "price"), (1, "cost")]
    assert Listing.objects.count() == 0


def test_an_oversized_file_is_refused_before_reading(seller):
    upload = SimpleUploadedFile("big.csv", b"x" * (2 * 1024 * 1024 + 1))
    report = listings_import_csv(seller=seller, upload=upload)
    assert _errors(report) == [(0, "file")] and "larger than 2 MB" in report.errors[0].message


def test_a_file_that_is_not_utf8_is_refused(seller):
    report = listings_import_csv(
        seller=seller, upload=SimpleUploadedFile("x.csv", "sku,tïtle\n".encode("latin-1"))
    )
    assert "not UTF-8" in report.errors[0].message


def test_an_empty_file_is_refused(seller):
    assert "no rows" in listings_import_csv(seller=seller, upload=_csv()).errors[0].message


def test_the_page_shows_the_report_and_says_nothing_was_imported(client, seller):
    client.force_login(seller.user)
    response = client.post(
        reverse("listings:import"),
        {"file": _csv(GOOD[0], "X-1,Basket,crafts,3200,XYZ,4,4602.19,KE,0.5,35,35,30")},
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "Nothing was imported" in page and "Unknown currency code XYZ" in page
    ok = client.post(reverse("listings:import"), {"file": _csv(*GOOD)})
    assert ok.status_code == 302 and Listing.objects.filter(seller=seller).count() == 2
