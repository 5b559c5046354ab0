"""The public media URL no longer reaches customs documents, even where Django serves media itself."""

import importlib
from datetime import date

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

import ewtp.urls
from logistics.customs.documents import customs_documents_issue

ON = date(2026, 10, 30)


@pytest.fixture
def media_served(media):
    """SERVE_MEDIA on, as `make run` has it: the URLconf decides whether to mount media when it loads."""
    with override_settings(SERVE_MEDIA=True):
        importlib.reload(ewtp.urls)
        clear_url_caches()
        yield media
    importlib.reload(ewtp.urls)
    clear_url_caches()


def test_the_old_media_url_of_an_issued_document_is_a_404(client, media_served, customs_rules, documents_dir,
                                                           make_shipment):  # fmt: skip
    """Before, /media/customs/<seller>/<year>/<number>.pdf gave anyone the file, numbers in sequence."""
    # given documents issued for seller 7, and a public file that media does serve
    (media_served / "listings").mkdir()
    (media_served / "listings" / "photo.jpg").write_bytes(b"\xff\xd8\xff a photo")
    invoice, declaration, packing = customs_documents_issue(shipment_id=make_shipment().pk, on=ON)
    # when
    photo = client.get("/media/listings/photo.jpg")
    old_urls = [
        f"/media/customs/7/2026/{number}-v1.{extension}"
        for number in ("CI-2026-000001", "CN-2026-000001", "PL-2026-000001")
        for extension in ("pdf", "json")
    ]
    # then media is served, but none of the documents is in it
    assert photo.status_code == 200
    assert [document.pdf.name for document in (invoice, declaration, packing)] == [
        "customs/7/2026/CI-2026-000001-v1.pdf",
        "customs/7/2026/CN-2026-000001-v1.pdf",
        "customs/7/2026/PL-2026-000001-v1.pdf",
    ]
    assert [client.get(url).status_code for url in old_urls] == [404] * 6
