"""Every request body has a ceiling: 10 MB in all, refused before it is read; 1 MB of form fields."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_body_declared_over_ten_megabytes_is_refused_unread(client):
    # given a body that claims 10 MB + 1 byte (the body itself is never read, so a short one proves it)
    response = client.generic(
        "POST",
        "/accounts/login/",
        b"x",
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(10 * 2**20 + 1),
    )
    # then
    assert response.status_code == 413
    assert response.content.decode() == "The request is larger than 10 MB."


def test_a_body_of_exactly_ten_megabytes_is_let_through_to_the_view(client):
    response = client.generic(
        "POST",
        "/accounts/login/",
        b"",
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(10 * 2**20),
    )
    assert response.status_code != 413


def test_form_fields_over_one_megabyte_are_refused(client):
    # given a log-in form whose fields weigh 1 MB + a little (no file in it)
    response = client.post("/accounts/login/", {"username": "a" * (2**20), "password": "x"})
    # then Django refuses to read it (400), rather than keep it in memory
    assert response.status_code == 400


def test_a_malformed_content_length_is_a_bad_request(client):
    response = client.generic("POST", "/accounts/login/", b"", CONTENT_LENGTH="lots")
    assert response.status_code == 400


def test_a_per_process_cache_is_flagged_by_the_system_check(settings):
    from marketplace.accounts.checks import shared_cache_check

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [m.id for m in shared_cache_check()] == ["accounts.W001"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "t"}}
    assert shared_cache_check() == []
