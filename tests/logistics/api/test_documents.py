"""A partner downloads the customs documents of the shipments dispatched to it, PDF and JSON."""

from __future__ import annotations

import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from logistics.customs.documents_models import CustomsDocument
from tests.logistics.api.conftest import error_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(storages["private"], "location", str(tmp_path / "private"))
    return tmp_path / "private"


def _document(shipment, *, kind="commercial_invoice", version=1) -> CustomsDocument:
    content = {"number": "CI-7-2026-0001", "shipment": shipment.reference}
    document = CustomsDocument(
        shipment=shipment, seller_id=shipment.seller_id, form="commercial_invoice", kind=kind,
        number="CI-7-2026-0001", version=version, content=content, sha256="0" * 64,
    )  # fmt: skip
    document.pdf.save(f"ci-{shipment.pk}-{version}.pdf", ContentFile(b"%PDF-1.7 test invoice"), save=False)
    document.json.save(
        f"ci-{shipment.pk}-{version}.json", ContentFile(json.dumps(content).encode()), save=False
    )
    document.save()
    return document


def test_the_partner_lists_a_shipments_documents_every_version(api, partner, offered_to, private_dir):
    shipment = offered_to(partner)
    first, correction = _document(shipment), _document(shipment, version=2)
    body = api.get(f"/api/v1/shipments/{shipment.pk}/documents/").json()
    assert [(row["id"], row["version"]) for row in body["results"]] == [(correction.pk, 2), (first.pk, 1)]
    assert body["results"][0]["files"]["pdf"].endswith(
        f"/api/v1/shipments/{shipment.pk}/documents/{correction.pk}/pdf/"
    )


@pytest.mark.parametrize(("file_format", "content_type", "start"), [
    ("pdf", "application/pdf", b"%PDF"), ("json", "application/json", b"{"),
])  # fmt: skip
def test_the_partner_downloads_pdf_and_json_as_attachments(api, partner, offered_to, private_dir, file_format,
                                                           content_type, start):  # fmt: skip
    shipment = offered_to(partner)
    document = _document(shipment)
    response = api.get(f"/api/v1/shipments/{shipment.pk}/documents/{document.pk}/{file_format}/")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type and b"".join(response.streaming_content).startswith(start)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"


def test_a_document_of_another_of_the_partners_shipments_is_404(api, partner, offered_to, private_dir):
    # given a document of shipment A, asked for under shipment B (both the partner's)
    a, b = offered_to(partner), offered_to(partner)
    document = _document(a)
    response = api.get(f"/api/v1/shipments/{b.pk}/documents/{document.pk}/pdf/")
    assert response.status_code == 404 and error_of(response)["code"] == "shipment_not_found"


def test_documents_need_the_documents_scope(api_for, partner, offered_to, private_dir):
    shipment = offered_to(partner)
    response = api_for(partner, scopes=["shipments:read"]).get(f"/api/v1/shipments/{shipment.pk}/documents/")
    assert response.status_code == 403 and "documents:read" in error_of(response)["message"]
