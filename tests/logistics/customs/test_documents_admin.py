"""Operators read issued customs documents in the admin, read-only, and download them through a view that
checks their permission; nobody else gets them there."""

import json
from datetime import date

import pytest
from django.contrib.auth.models import Permission

from logistics.customs.documents import customs_documents_issue

ON = date(2026, 10, 30)
CHANGELIST = "/admin/customs/customsdocument/"
PASSWORD = "operator-password-42"


@pytest.fixture
def invoice(customs_rules, documents_dir, make_shipment):
    return customs_documents_issue(shipment_id=make_shipment().pk, on=ON)[0]


def _log_in(client, django_user_model, *, email: str, is_staff: bool, permissions: tuple[str, ...] = ()):
    user = django_user_model.objects.create_user(email=email, password=PASSWORD, is_staff=is_staff)
    user.user_permissions.set(Permission.objects.filter(codename__in=permissions))
    client.login(username=email, password=PASSWORD)
    return user


def _download(client, document, file_format: str):
    return client.get(f"{CHANGELIST}{document.pk}/download/{file_format}/")


def test_an_operator_with_the_view_permission_downloads_the_pdf_and_the_json(
    client, django_user_model, invoice
):
    """Attachments that no browser renders, sniffs or caches, the bytes as issued."""
    # given a staff member allowed to view customs documents, and nothing more
    _log_in(client, django_user_model, email="ops@example.com", is_staff=True,
            permissions=("view_customsdocument",))  # fmt: skip
    # when
    pdf = _download(client, invoice, "pdf")
    data = _download(client, invoice, "json")
    # then
    assert pdf.status_code == 200 and data.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert json.loads(b"".join(data.streaming_content)) == invoice.content
    assert (pdf["Content-Type"], data["Content-Type"]) == ("application/pdf", "application/json")
    assert pdf["Content-Disposition"] == 'attachment; filename="CI-2026-000001-v1.pdf"'
    assert data["Content-Disposition"] == 'attachment; filename="CI-2026-000001-v1.json"'
    for response in (pdf, data):
        assert response["X-Content-Type-Options"] == "nosniff"
        assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
        assert "sandbox" in response["Content-Security-Policy"].split("; ")


def test_staff_without_the_view_permission_get_a_404(client, django_user_model, invoice):
    """The same answer as for a document that does not exist."""
    _log_in(client, django_user_model, email="support@example.com", is_staff=True)
    assert _download(client, invoice, "pdf").status_code == 404
    assert client.get(f"{CHANGELIST}999999/download/pdf/").status_code == 404


def test_a_logged_in_user_who_is_not_staff_is_sent_to_the_admin_log_in(client, django_user_model, invoice):
    # given a seller or buyer, even one somehow given the permission
    _log_in(client, django_user_model, email="buyer@example.com", is_staff=False,
            permissions=("view_customsdocument",))  # fmt: skip
    # when
    response = _download(client, invoice, "pdf")
    # then no file, only the admin's log-in page
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_an_anonymous_visitor_is_sent_to_the_admin_log_in(client, invoice):
    response = _download(client, invoice, "pdf")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_an_unknown_file_format_is_a_404(admin_client, invoice):
    assert _download(admin_client, invoice, "html").status_code == 404


def test_the_admin_lists_documents_with_download_links_and_cannot_add_change_or_delete(admin_client, invoice):
    # when
    changelist = admin_client.get(CHANGELIST).content.decode()
    change = admin_client.get(f"{CHANGELIST}{invoice.pk}/change/").content.decode()
    # then
    assert "CI-2026-000001" in changelist
    for page in (changelist, change):
        assert f'href="{CHANGELIST}{invoice.pk}/download/pdf/"' in page
        assert f'href="{CHANGELIST}{invoice.pk}/download/json/"' in page
        assert "/media/" not in page  # the file widget's public link is not shown
    assert admin_client.get(f"{CHANGELIST}add/").status_code == 403
    assert admin_client.post(f"{CHANGELIST}{invoice.pk}/delete/", {"post": "yes"}).status_code == 403
    assert 'name="_save"' not in change
