"""The PDFs carry every field the forms require (text extracted with pypdf), the same as their JSON."""

import io
import re
from datetime import date
from decimal import Decimal

import pypdf
import pytest

from logistics.customs.documents import customs_documents_issue
from tests.logistics.conftest import RECEIVER, SENDER, shipment_line
from tests.logistics.customs.postal_lanes import lane_card

ON = date(2026, 10, 30)
PARTY_FIELDS = ("name", "street", "postcode", "city", "country", "phone")


def pdf_text(document) -> str:
    reader = pypdf.PdfReader(io.BytesIO(document.pdf.read()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def documents(customs_rules, documents_dir, make_shipment):
    shipment = make_shipment(
        lines=[
            shipment_line(),
            shipment_line(
                description="Longjing green tea",
                quantity=3,
                unit_value=Decimal("120.00"),
                hs_code="090210",
                net_weight_kg=Decimal("0.750"),
            ),
        ],
        invoice_number="SO-2026-0042",
        comments="Fragile",
        licence_number="LIC-77",
        certificate_number="CERT-5",
    )
    return dict(
        zip(
            ("invoice", "declaration", "packing"),
            customs_documents_issue(shipment_id=shipment.pk, on=ON),
            strict=True,
        )
    )


def assert_contains(text: str, *values: str) -> None:
    missing = [v for v in values if v not in text]
    assert not missing, f"missing {missing} in: {text}"


def test_the_commercial_invoice_has_every_required_field(documents):
    document = documents["invoice"]
    text, doc = pdf_text(document), document.content
    assert_contains(
        text, "Commercial invoice", "CI-2026-000001", "2026-10-30", "Place of sale", "Hangzhou, CN"
    )
    assert_contains(text, *(SENDER[f] for f in PARTY_FIELDS), "EORI: CN123456789012345", "IOSS: IM2760000001")
    assert_contains(text, *(RECEIVER[f] for f in PARTY_FIELDS), "EORI: DE987654321000000", "VAT: DE136695976")
    for item in doc["items"]:
        assert_contains(text, item["description"], item["unit_value"], item["line_total"], item["hs_code"],
                        item["net_weight_kg"])  # fmt: skip
    # 2 x 50.00 + 3 x 120.00 = 460.00; + 12.50 freight + 1.00 insurance = 473.50
    assert_contains(text, "460.00 USD", "12.50 USD", "1.00 USD", "473.50 USD", "Incoterm", "DDP")
    assert_contains(text, "Net weight", "0.930 kg", "Gross weight", "0.450 kg", "1 x box", "Sale of goods")
    assert_contains(
        text, "Freight", "Insurance", "Packing", "Commissions", "is true and correct", "Wang Fang"
    )


def test_the_declaration_above_300_sdr_is_a_cn23_with_every_required_field(documents):
    # 460.00 USD / 1.36 = 338.24 SDR: CN23
    document = documents["declaration"]
    text = pdf_text(document)
    assert document.kind == "cn23"
    assert_contains(text, "CN23", "CN-2026-000001", *(SENDER[f] for f in PARTY_FIELDS), SENDER["business"])
    assert_contains(text, *(RECEIVER[f] for f in PARTY_FIELDS))
    assert_contains(text, "Sender's customs reference", "CN123456789012345", "Importer's reference",
                    "DE136695976", "Importer's contact", "anna@example.de")  # fmt: skip
    assert_contains(text, "Silk scarf", "Longjing green tea", "621410", "090210", "CN", "0.180", "0.750",
                    "100.00 USD", "360.00 USD", "2 pcs", "3 pcs")  # fmt: skip
    assert_contains(text, "Total gross weight", "0.450 kg", "Total value", "460.00 USD", "Postal charges",
                    "12.50 USD", "338.24 SDR")  # fmt: skip
    assert_contains(text, "[X] Sale of goods", "[ ] Gift", "[ ] Documents", "[ ] Commercial sample",
                    "[ ] Returned goods", "[ ] Other")  # fmt: skip
    assert_contains(text, "Fragile", "LIC-77", "CERT-5", "CI-2026-000001", "Hangzhou IMPC", "2026-10-30")
    assert_contains(text, "I, the undersigned", "Sender's signature: Wang Fang")


def test_a_cn22_has_every_required_field(customs_rules, documents_dir, make_shipment):
    # a 0.450 kg small packet worth 100.00 USD / 1.36 = 73.53 SDR, on a letter-post lane
    lane_card()
    shipment = make_shipment(category="gift", lines=[shipment_line(hs_code="", origin_country="")])
    document = customs_documents_issue(shipment_id=shipment.pk, on=ON)[1]
    text = pdf_text(document)
    assert document.kind == "cn22"
    assert_contains(text, "CN22", "[X] Gift", "[ ] Sale of goods", "2 pcs Silk scarf", "0.180", "100.00 USD",
                    "Total weight", "0.450", "Total value", "73.53 SDR", "IMF, estimate", "Date: 2026-10-30",
                    "Sender's signature: Wang Fang")  # fmt: skip


def test_the_packing_list_has_packages_and_weights(documents):
    text = pdf_text(documents["packing"])
    assert_contains(text, "Packing list", "PL-2026-000001", "Silk scarf", "Longjing green tea",
                    "30.0 x 20.0 x 5.0", "0.930 kg", "0.450 kg", "Number of packages")  # fmt: skip


def test_no_template_syntax_leaks_into_any_document(documents):
    # a multi-line {# ... #} comment is not a comment in Django templates: it would print on the form
    for document in documents.values():
        text = pdf_text(document)
        assert not any(mark in text for mark in ("{#", "#}", "{%", "%}", "{{", "}}")), text
