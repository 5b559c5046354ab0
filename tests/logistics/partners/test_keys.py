"""Partners' API keys: stored as prefix and hash, shown once (command or admin), revocable."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from logistics.partners.errors import ApiKeyInvalidError
from logistics.partners.keys import (
    partner_api_key_authenticate,
    partner_api_key_create,
    partner_api_key_revoke,
)
from logistics.partners.keys_models import PartnerApiKey
from logistics.partners.models import Partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    return Partner.objects.create(name="Swift Parcels", slug="swift")


def test_a_key_is_stored_as_its_prefix_and_hash_never_in_clear(partner):
    key, raw_key = partner_api_key_create(partner=partner, scopes=["shipments:read", "tracking:write"])
    kind, prefix, secret = raw_key.split("_", 2)
    assert kind == "ewtp" and prefix == key.prefix and len(secret) >= 40
    assert key.key_hash == hashlib.sha256(raw_key.encode()).hexdigest()
    assert raw_key not in str(PartnerApiKey.objects.filter(pk=key.pk).values().get())
    assert key.scopes == ["shipments:read", "tracking:write"]


def test_the_key_authenticates_as_its_partner_with_its_scopes(partner):
    key, raw_key = partner_api_key_create(partner=partner, scopes=["documents:read"])
    client = partner_api_key_authenticate(raw_key)
    assert (client.partner_id, client.key_id, client.scopes) == (
        partner.pk,
        key.pk,
        frozenset({"documents:read"}),
    )
    assert client.identity == f"partner:{partner.pk}"


def test_a_revoked_key_authenticates_no_more(partner):
    key, raw_key = partner_api_key_create(partner=partner, scopes=["documents:read"])
    revoked = partner_api_key_revoke(key=key)
    assert revoked.revoked_at is not None
    assert partner_api_key_authenticate(raw_key) is None
    # revoking again keeps the first time
    assert partner_api_key_revoke(key=key).revoked_at == revoked.revoked_at


@pytest.mark.parametrize("scopes", [[], ["shipments:delete"]])
def test_unknown_scopes_or_none_are_refused(partner, scopes):
    with pytest.raises(ApiKeyInvalidError) as caught:
        partner_api_key_create(partner=partner, scopes=scopes)
    assert "scopes" in caught.value.details


def test_the_command_prints_the_key_once(partner):
    out, err = StringIO(), StringIO()
    call_command(
        "create_partner_key", "swift", "--scopes", "shipments:read", "shipments:write", stdout=out, stderr=err
    )
    raw_key = out.getvalue().strip()
    key = PartnerApiKey.objects.get()
    assert partner_api_key_authenticate(raw_key).key_id == key.pk
    assert key.prefix in err.getvalue() and raw_key not in err.getvalue()
    assert key.scopes == ["shipments:read", "shipments:write"]


@pytest.mark.parametrize(("args", "message"), [
    (["nobody", "--scopes", "shipments:read"], "No partner"),
    (["swift", "--scopes", "shipments:fly"], "Unknown scopes"),
])  # fmt: skip
def test_the_command_refuses_an_unknown_partner_or_scope(partner, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_partner_key", *args, stdout=StringIO(), stderr=StringIO())
    assert not PartnerApiKey.objects.exists()


def test_the_admin_shows_a_new_key_once_then_only_its_prefix(admin_client, partner):
    # when an operator creates a key
    response = admin_client.post(
        "/admin/partners/partnerapikey/add/",
        {"partner": partner.pk, "name": "tracking feed", "scopes": ["tracking:write"]},
    )
    # then the page that follows shows it, not cached
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    raw_key = response.context["raw_key"]
    assert raw_key in response.content.decode()
    key = PartnerApiKey.objects.get()
    assert partner_api_key_authenticate(raw_key).key_id == key.pk
    # and the key's own page never shows it again, read-only
    page = admin_client.get(f"/admin/partners/partnerapikey/{key.pk}/change/").content.decode()
    assert key.prefix in page and raw_key not in page and 'name="scopes"' not in page


def test_the_admin_revokes_keys_with_an_action(admin_client, partner):
    key, raw_key = partner_api_key_create(partner=partner, scopes=["tracking:write"])
    admin_client.post("/admin/partners/partnerapikey/", {"action": "revoke", "_selected_action": [key.pk]})
    key.refresh_from_db()
    assert key.revoked_at is not None and partner_api_key_authenticate(raw_key) is None
