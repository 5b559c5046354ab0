"""Fixtures shared by the logistics tests: real ECB rates of the few days a test needs."""

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from ewtp.fx.services import fx_rates_import
from logistics.dispatch.services import shipment_create

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="session")
def ecb_history_lines() -> list[str]:
    with zipfile.ZipFile(SEEDS / "fx" / "eurofxref-hist.zip") as archive:
        return archive.read("eurofxref-hist.csv").decode().splitlines(keepends=True)


@pytest.fixture
def fx_days(db, ecb_history_lines):
    """Import the real ECB rates of the given ISO days only (the whole history takes ~15 s)."""

    def load(*days: str) -> None:
        rows = [line for line in ecb_history_lines[1:] if line.split(",", 1)[0] in days]
        assert len(rows) == len(days), f"no ECB rates for some of {days}"
        fx_rates_import(data="".join([ecb_history_lines[0], *rows]).encode(), origin="test")

    return load


SENDER = {
    "name": "Wang Fang", "business": "Hangzhou Silk Workshop", "street": "18 Wensan Road",
    "postcode": "310012", "city": "Hangzhou", "country": "CN", "phone": "+86 571 8888 0000",
    "email": "fang@silk.example",
    "eori": "CN123456789012345", "vat_number": "", "ioss_number": "IM2760000001",
}  # fmt: skip
RECEIVER = {
    "name": "Anna Becker", "business": "", "street": "Torstrasse 12", "postcode": "10119", "city": "Berlin",
    "country": "DE", "phone": "+49 30 1234567", "email": "anna@example.de", "eori": "DE987654321000000",
    "vat_number": "DE136695976", "ioss_number": "",
}  # fmt: skip


def shipment_line(**overrides) -> dict:
    return {
        "description": "Silk scarf, hand-rolled edges", "quantity": 2, "unit_value": Decimal("50.00"),
        "hs_code": "621410", "origin_country": "CN", "net_weight_kg": Decimal("0.180"),
    } | overrides  # fmt: skip


@pytest.fixture
def make_shipment(db):
    """A shipment from Hangzhou to Berlin; keyword arguments override shipment_create's."""
    counter = iter(range(1, 1000))

    def make(**overrides):
        arguments = {
            "seller_id": 7, "reference": f"ORD-{next(counter):04d}", "sender": SENDER, "receiver": RECEIVER,
            "lines": [shipment_line()],
            "parcels": [
                {"gross_weight_kg": Decimal("0.450"), "length_cm": 30, "width_cm": 20, "height_cm": 5}
            ],
            "category": "sale_of_goods", "currency": "USD", "incoterm": "DDP", "freight": Decimal("12.50"),
            "insurance": Decimal("1.00"), "invoice_number": "", "office_of_posting": "Hangzhou IMPC",
        } | overrides  # fmt: skip
        return shipment_create(**arguments)

    return make
