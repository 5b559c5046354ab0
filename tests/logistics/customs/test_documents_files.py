"""Documents issued while customs files were public are moved to private storage: by migration 0005, and by
`manage.py customs_documents_make_private` where migrate could not reach them. Reruns change nothing."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from logistics.customs.documents import customs_documents_issue
from logistics.customs.documents_files import customs_document_files, customs_document_files_make_private
from logistics.customs.documents_models import CustomsDocument

ON = date(2026, 10, 30)


@pytest.fixture
def issued_in_public(customs_rules, documents_dir, media, make_shipment):
    """Three documents whose six files sit in public media, where the code before 0005 stored them."""
    documents = customs_documents_issue(shipment_id=make_shipment().pk, on=ON)
    private, public = storages["private"], storages["default"]
    for document in documents:
        for stored in (document.pdf, document.json):
            data = _read(stored.storage, stored.name)
            public.save(stored.name, ContentFile(data))
            private.delete(stored.name)
    return documents


def _read(storage, name: str) -> bytes:
    with storage.open(name, "rb") as handle:
        return handle.read()


def _files(directory: Path) -> list[str]:
    return sorted(str(path.relative_to(directory)) for path in directory.rglob("*") if path.is_file())


def _migrate(*target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])


@pytest.fixture
def schema_restored():
    """Back to the latest migrations afterwards: the tests after this one need today's schema (0006 on)."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_migration_0005_moves_issued_files_out_of_public_media_under_the_same_names(
    issued_in_public, media, documents_dir, schema_restored
):
    # given six files in public media and none in private storage
    names = _files(media)
    assert len(names) == 6 and _files(documents_dir) == []
    # when the migration runs (from 0004, whose reverse leaves files where they are)
    _migrate("customs", "0004_vatrate_inclusive")
    _migrate("customs", "0005_customs_documents_private")
    # then the same names, now private, and nothing public
    assert _files(documents_dir) == names
    assert _files(media) == []
    for document in CustomsDocument.objects.all():
        assert document.pdf.read().startswith(b"%PDF")


def test_a_rerun_moves_nothing_and_a_missing_file_is_reported_not_raised(issued_in_public, media):
    # given one of the six public files lost
    lost = issued_in_public[1].json.name
    storages["default"].delete(lost)
    arguments = {"public": storages["default"], "private": storages["private"]}
    # when
    first = customs_document_files_make_private(
        files=customs_document_files(CustomsDocument.objects.all()), **arguments
    )
    again = customs_document_files_make_private(
        files=customs_document_files(CustomsDocument.objects.all()), **arguments
    )
    # then
    assert (first.moved, first.already_private, first.missing) == (5, 0, [lost])
    assert (again.moved, again.already_private, again.missing) == (0, 5, [lost])
    assert _files(media) == []


def test_a_move_stopped_between_copy_and_delete_is_finished_by_the_next_run(issued_in_public, media):
    # given a PDF copied to private storage whose public copy was not deleted yet
    invoice = issued_in_public[0]
    public, private = storages["default"], storages["private"]
    private.save(invoice.pdf.name, ContentFile(_read(public, invoice.pdf.name)))
    # when
    report = customs_document_files_make_private(
        files=customs_document_files(CustomsDocument.objects.all()), public=public, private=private
    )
    # then
    assert (report.moved, report.already_private) == (5, 1)
    assert _files(media) == []


def test_the_command_moves_the_files_and_names_an_altered_pdf(issued_in_public, media, documents_dir):
    # given the invoice's public PDF is no longer the bytes whose sha256 was recorded at issue
    invoice = issued_in_public[0]
    public = storages["default"]
    public.delete(invoice.pdf.name)
    public.save(invoice.pdf.name, ContentFile(b"%PDF-1.7 not what was issued"))
    out, err = io.StringIO(), io.StringIO()
    # when
    call_command("customs_documents_make_private", stdout=out, stderr=err)
    # then it is moved all the same (private beats public) and named for an operator to look at
    assert out.getvalue() == "6 moved, 0 already private, 0 missing.\n"
    assert err.getvalue() == (
        f"moved, but the PDF does not match the sha256 recorded at issue: {invoice.pdf.name}\n"
    )
    assert _files(media) == [] and len(_files(documents_dir)) == 6
