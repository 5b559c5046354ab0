"""A seller lists and downloads the customs documents of their own shipments under /sell/customs-documents/;
another seller's document is a 404, and a visitor who is not logged in is sent to the log-in page."""

import hashlib
import itertools
import json
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from logistics.customs.documents_models import CustomsDocument, DocumentForm, DocumentKind
from logistics.dispatch.services import shipment_create
from tests.logistics.conftest import RECEIVER, SENDER, shipment_line
from tests.marketplace.sellers.factories import MINIMAL_PDF, PASSWORD, SellerFactory, UserFactory

pytestmark = pytest.mark.django_db
_references = itertools.count(1)


@pytest.fixture(autouse=True)
def documents_dir(tmp_path, monkeypatch):
    """Customs documents written to a fresh directory through the private storage."""
    monkeypatch.setattr(storages["private"], "location", str(tmp_path / "private"))
    return tmp_path / "private"


def issued_invoice(seller, *, number: str = "CI-2026-000001") -> CustomsDocument:
    """A commercial invoice as issued for one of `seller`'s shipments (a tiny PDF, its JSON)."""
    shipment = shipment_create(
        seller_id=seller.pk, reference=f"ORD-{next(_references):04d}", sender=SENDER, receiver=RECEIVER,
        lines=[shipment_line()], category="sale_of_goods", currency="USD",
        parcels=[{"gross_weight_kg": Decimal("0.450"), "length_cm": 30, "width_cm": 20, "height_cm": 5}],
    )  # fmt: skip
    content = {"kind": "commercial_invoice", "number": number, "receiver": RECEIVER}
    document = CustomsDocument(
        shipment=shipment, seller_id=seller.pk, form=DocumentForm.COMMERCIAL_INVOICE,
        kind=DocumentKind.COMMERCIAL_INVOICE, number=number, content=content,
        sha256=hashlib.sha256(MINIMAL_PDF).hexdigest(),
    )  # fmt: skip
    document.pdf.save(f"{seller.pk}/2026/{number}-v1.pdf", ContentFile(MINIMAL_PDF), save=False)
    document.json.save(
        f"{seller.pk}/2026/{number}-v1.json", ContentFile(json.dumps(content).encode()), save=False
    )
    document.save()
    return document


def _logged_in(client, seller):
    client.login(username=seller.user.email, password=PASSWORD)
    return client


def test_the_owner_downloads_the_pdf_as_an_attachment_no_browser_renders_or_caches(client):
    # given
    seller = SellerFactory(verified=True)
    invoice = issued_invoice(seller)
    # when
    response = _logged_in(client, seller).get(f"/sell/customs-documents/{invoice.pk}/pdf/")
    # then
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="CI-2026-000001-v1.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert "sandbox" in response["Content-Security-Policy"].split("; ")


def test_the_owner_downloads_the_json_with_the_same_content(client):
    seller = SellerFactory(verified=True)
    invoice = issued_invoice(seller)
    response = _logged_in(client, seller).get(f"/sell/customs-documents/{invoice.pk}/json/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert json.loads(b"".join(response.streaming_content)) == invoice.content


def test_another_seller_gets_a_404_for_a_document_that_exists(client):
    # given seller B's invoice, asked for by seller A
    invoice = issued_invoice(SellerFactory(verified=True))
    client = _logged_in(client, SellerFactory(verified=True))
    # when
    response = client.get(f"/sell/customs-documents/{invoice.pk}/pdf/")
    # then the same answer as for a document that does not exist
    assert response.status_code == 404
    assert client.get("/sell/customs-documents/999999/pdf/").status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in_and_a_buyer_to_start_selling(client):
    invoice = issued_invoice(SellerFactory(verified=True))
    url = f"/sell/customs-documents/{invoice.pk}/pdf/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    client.login(username=UserFactory().email, password=PASSWORD)
    buyer = client.get(url)
    assert buyer.status_code == 302 and buyer["Location"] == "/sell/start/"


def test_an_unknown_file_format_is_a_404(client):
    seller = SellerFactory(verified=True)
    invoice = issued_invoice(seller)
    assert _logged_in(client, seller).get(f"/sell/customs-documents/{invoice.pk}/html/").status_code == 404


def test_the_list_shows_the_sellers_own_documents_with_their_download_links(client):
    # given
    seller, other = SellerFactory(verified=True), SellerFactory(verified=True)
    own = issued_invoice(seller, number="CI-2026-000001")
    theirs = issued_invoice(other, number="CI-2026-000099")
    # when
    page = _logged_in(client, seller).get("/sell/customs-documents/").content.decode()
    # then
    assert "CI-2026-000001 v1" in page and own.shipment.reference in page
    assert f'href="/sell/customs-documents/{own.pk}/pdf/"' in page
    assert f'href="/sell/customs-documents/{own.pk}/json/"' in page
    assert "CI-2026-000099" not in page and f"/sell/customs-documents/{theirs.pk}/" not in page


def test_the_dashboard_of_a_verified_seller_links_to_the_customs_documents(client):
    page = _logged_in(client, SellerFactory(verified=True)).get("/sell/").content.decode()
    assert 'href="/sell/customs-documents/"' in page
