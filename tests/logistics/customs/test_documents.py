"""Issuing customs documents: numbering, storage, immutability, corrections, CN22/CN23, bad shipments."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings

from ewtp.http_errors import application_error_response
from logistics.customs.documents import customs_document_correct, customs_documents_issue
from logistics.customs.documents_models import CustomsDocument, DocumentSequence
from logistics.customs.errors import (
    DocumentImmutableError,
    DocumentNothingToCorrectError,
    DocumentRequestInvalidError,
    SdrRateMissingError,
)
from logistics.dispatch.errors import ShipmentInvalidError
from tests.logistics.conftest import shipment_line
from tests.logistics.customs.postal_lanes import lane_card

ON = date(2026, 10, 30)  # SDR rate in force: 1 SDR = 1.36 USD (seeds, 2026-01-02), so 300 SDR = 408.00 USD


@pytest.fixture
def ready(customs_rules, documents_dir):
    """The rules, a private directory, and a letter-post lane CN -> DE (so a small packet takes a CN22)."""
    lane_card()


def test_three_documents_are_issued_numbered_and_stored_as_pdf_and_json(ready, make_shipment):
    # given a USD 100 shipment (2 x 50.00)
    shipment = make_shipment()
    # when
    invoice, declaration, packing = customs_documents_issue(shipment_id=shipment.pk, on=ON)
    # then
    assert [(d.kind, d.number, d.version) for d in (invoice, declaration, packing)] == [
        ("commercial_invoice", "CI-2026-000001", 1),
        ("cn22", "CN-2026-000001", 1),
        ("packing_list", "PL-2026-000001", 1),
    ]
    for document in (invoice, declaration, packing):
        assert json.loads(document.json.read()) == document.content
        assert document.pdf.read().startswith(b"%PDF")
    assert invoice.content["total"] == "113.50"  # 100.00 goods + 12.50 freight + 1.00 insurance
    assert declaration.content["value_in_sdr"]["value"] == "73.53"  # 100 / 1.36 = 73.529...


def test_documents_are_stored_privately_and_nothing_lands_in_public_media(
    customs_rules, media, make_shipment
):
    """The files carry personal data and tax ids: the private storage, never MEDIA_ROOT."""
    # given the storages as configured (no fixture redirecting the private one)
    private = str(settings.STORAGES["private"]["OPTIONS"]["location"])
    # when
    documents = customs_documents_issue(shipment_id=make_shipment().pk, on=ON)
    # then
    for document in documents:
        for stored in (document.pdf, document.json):
            assert stored.storage.location == private
            assert stored.path.startswith(private + "/")
            stored.storage.delete(stored.name)  # this test writes where the test settings put private files
    assert list(media.rglob("*")) == []


def test_asking_again_returns_the_stored_documents(ready, make_shipment):
    shipment = make_shipment()
    first = customs_documents_issue(shipment_id=shipment.pk, on=ON)
    again = customs_documents_issue(shipment_id=shipment.pk, on=date(2026, 11, 2))
    assert [d.pk for d in again] == [d.pk for d in first]
    assert CustomsDocument.objects.count() == 3
    assert DocumentSequence.objects.get(form="commercial_invoice").last_number == 1


def test_numbers_run_per_seller_per_year(ready, make_shipment):
    # given
    numbers = [
        customs_documents_issue(shipment_id=make_shipment(seller_id=seller).pk, on=day)[0].number
        for seller, day in [(7, ON), (7, ON), (8, ON), (7, date(2027, 1, 4))]
    ]
    # then
    assert numbers == ["CI-2026-000001", "CI-2026-000002", "CI-2026-000001", "CI-2027-000001"]


def test_a_correction_is_a_new_version_and_the_old_one_stays(ready, make_shipment):
    # given issued documents, then the shipment's quantity is corrected
    shipment = make_shipment()
    original = customs_documents_issue(shipment_id=shipment.pk, on=ON)[0]
    old_pdf = original.pdf.read()
    shipment.lines.update(quantity=3)
    # when
    corrected = customs_document_correct(
        shipment_id=shipment.pk, form="commercial_invoice", reason="Three scarves, not two", on=ON
    )
    # then
    assert (corrected.number, corrected.version) == (original.number, 2)
    assert corrected.content["items"][0]["quantity"] == 3 and corrected.content["total"] == "163.50"
    original.refresh_from_db()
    assert original.content["items"][0]["quantity"] == 2
    assert CustomsDocument.objects.get(pk=original.pk).pdf.read() == old_pdf
    # asking for the documents now returns the latest version
    assert customs_documents_issue(shipment_id=shipment.pk, on=ON)[0].pk == corrected.pk


def test_an_issued_document_cannot_be_changed_or_deleted(ready, make_shipment):
    document = customs_documents_issue(shipment_id=make_shipment().pk, on=ON)[0]
    document.number = "CI-2026-999999"
    with pytest.raises(DocumentImmutableError):
        document.save()
    with pytest.raises(DocumentImmutableError):
        document.delete()


@pytest.mark.parametrize(
    ("form", "reason", "field"),
    [("invoice", "Wrong address", "form"), ("commercial_invoice", "  ", "reason")],
)
def test_a_correction_of_an_unknown_form_or_without_a_reason_is_refused_naming_the_field(
    ready, make_shipment, form, reason, field
):
    shipment = make_shipment()
    with pytest.raises(DocumentRequestInvalidError) as caught:
        customs_document_correct(shipment_id=shipment.pk, form=form, reason=reason)
    assert field in caught.value.details
    assert application_error_response(caught.value).status_code == 422


def test_a_correction_before_anything_was_issued_is_a_conflict_and_issues_nothing(ready, make_shipment):
    # given a shipment without documents
    shipment = make_shipment()
    # when
    with pytest.raises(DocumentNothingToCorrectError) as caught:
        customs_document_correct(shipment_id=shipment.pk, form="packing_list", reason="Wrong weight")
    # then
    assert caught.value.details == {"form": "packing_list"}
    assert application_error_response(caught.value).status_code == 409
    assert not CustomsDocument.objects.exists()


def test_a_date_before_every_sdr_rate_is_a_clear_error(ready, make_shipment):
    # given the seeds' first SDR rate, of 2024-01-02
    shipment = make_shipment()
    # when / then
    with pytest.raises(SdrRateMissingError) as caught:
        customs_documents_issue(shipment_id=shipment.pk, on=date(1999, 1, 4))
    assert caught.value.details == {"sdr_rate": "1999-01-04"}
    assert application_error_response(caught.value).status_code == 404
    assert not CustomsDocument.objects.exists()


@pytest.mark.parametrize(
    ("unit_value", "kind"),
    [
        ("203.99", "cn22"),  # 407.98 USD = 299.99 SDR
        ("204.00", "cn23"),  # 408.00 USD / 1.36 = 300 SDR exactly: CN23
        ("204.01", "cn23"),
    ],
)
def test_cn22_under_300_sdr_and_cn23_from_300_sdr(ready, make_shipment, unit_value, kind):
    shipment = make_shipment(lines=[shipment_line(unit_value=Decimal(unit_value))])
    declaration = customs_documents_issue(shipment_id=shipment.pk, on=ON)[1]
    assert declaration.kind == kind and declaration.number == "CN-2026-000001"
    assert declaration.content["value_in_sdr"]["usd_per_sdr"] == "1.360000"


def test_a_shipment_made_incomplete_gets_a_clear_error_and_nothing_is_issued(ready, make_shipment):
    # given a shipment whose second line lost its HS code after it was created
    shipment = make_shipment(lines=[shipment_line(), shipment_line(description="Tea", hs_code="090230")])
    shipment.lines.filter(position=2).update(hs_code="")
    # when / then
    with pytest.raises(ShipmentInvalidError) as caught:
        customs_documents_issue(shipment_id=shipment.pk, on=ON)
    assert caught.value.details == {"lines[1].hs_code": "Commercial items need an HS code."}
    assert not CustomsDocument.objects.exists() and not DocumentSequence.objects.exists()


def _failing_on(kind: str, render):
    def render_or_fail(*, content: dict) -> bytes:
        if content["kind"] == kind:
            raise OSError("disk full")
        return render(content=content)

    return render_or_fail


def _stored_files(directory) -> list[str]:
    return sorted(str(path.relative_to(directory)) for path in directory.rglob("*") if path.is_file())


def test_when_issuing_fails_part_way_no_row_and_no_file_is_left(
    ready, documents_dir, make_shipment, monkeypatch
):
    # given the packing list, issued last, fails to render after the invoice and CN22 were stored
    from logistics.customs import documents

    shipment = make_shipment()
    with monkeypatch.context() as failing:
        failing.setattr(
            documents,
            "customs_document_pdf_render",
            _failing_on("packing_list", documents.customs_document_pdf_render),
        )
        # when
        with pytest.raises(OSError, match="disk full"):
            customs_documents_issue(shipment_id=shipment.pk, on=ON)
    # then
    assert not CustomsDocument.objects.exists() and not DocumentSequence.objects.exists()
    assert _stored_files(documents_dir) == []
    # and a retry issues all three, numbered from 1
    assert [d.number for d in customs_documents_issue(shipment_id=shipment.pk, on=ON)] == [
        "CI-2026-000001", "CN-2026-000001", "PL-2026-000001",
    ]  # fmt: skip
    assert len(_stored_files(documents_dir)) == 6


def test_a_correction_that_fails_after_storing_its_files_deletes_them_and_keeps_the_issued_ones(
    ready, documents_dir, make_shipment, monkeypatch
):
    # given issued documents, and a database that refuses the new version's row after its files are stored
    shipment = make_shipment()
    customs_documents_issue(shipment_id=shipment.pk, on=ON)
    issued = _stored_files(documents_dir)

    def save_refused(self, *args, **kwargs):
        assert self.pdf.storage.exists(self.pdf.name)  # the files are written before the row
        raise OSError("connection lost")

    monkeypatch.setattr(CustomsDocument, "save", save_refused)
    # when
    with pytest.raises(OSError, match="connection lost"):
        customs_document_correct(shipment_id=shipment.pk, form="commercial_invoice", reason="Wrong address")
    # then
    assert _stored_files(documents_dir) == issued
    assert CustomsDocument.objects.count() == 3


def test_a_file_that_cannot_be_deleted_does_not_hide_the_error_or_keep_the_others(
    ready, documents_dir, make_shipment, monkeypatch, caplog
):
    # given the packing list fails to render, and the storage cannot delete the first file stored
    from django.core.files.storage import FileSystemStorage

    from logistics.customs import documents

    shipment = make_shipment()
    monkeypatch.setattr(
        documents,
        "customs_document_pdf_render",
        _failing_on("packing_list", documents.customs_document_pdf_render),
    )
    delete = FileSystemStorage.delete
    refused: list[str] = []

    def delete_or_refuse(self, name):
        if not refused:
            refused.append(name)
            raise PermissionError(name)
        return delete(self, name)

    monkeypatch.setattr(FileSystemStorage, "delete", delete_or_refuse)
    # when / then the render error is what the caller sees
    with pytest.raises(OSError, match="disk full"):
        customs_documents_issue(shipment_id=shipment.pk, on=ON)
    # and only the file that refused is left, logged by name
    assert _stored_files(documents_dir) == [refused[0]]
    assert any(getattr(r, "file", None) == refused[0] for r in caplog.records)
