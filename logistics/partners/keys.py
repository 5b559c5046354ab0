"""Creating, checking and revoking partners' API keys. The clear key exists once: in the return value of
`partner_api_key_create`, shown to whoever created it (command or admin) and never stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ewtp.api.clients import ApiClient
from logistics.partners.errors import ApiKeyInvalidError
from logistics.partners.keys_models import ApiScope, PartnerApiKey
from logistics.partners.models import Partner

KEY_PREFIX = "ewtp"
# last_used_at is written at most this often per key, so a busy partner does not write on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _hash(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


def api_scopes_clean(scopes: Iterable[str]) -> list[str]:
    """The scopes, known ones only, sorted and without repeats; raises ApiKeyInvalidError naming the rest."""
    given = {str(scope).strip() for scope in scopes}
    unknown = sorted(given - set(ApiScope.values))
    if unknown:
        raise ApiKeyInvalidError(
            f"Unknown scopes: {', '.join(unknown)}. Known: {', '.join(ApiScope.values)}.",
            details={"scopes": f"Unknown: {', '.join(unknown)}."},
        )
    if not given:
        raise ApiKeyInvalidError("A key needs at least one scope.", details={"scopes": "At least one."})
    return sorted(given)


@transaction.atomic
def partner_api_key_create(
    *, partner: Partner, scopes: Iterable[str], name: str = ""
) -> tuple[PartnerApiKey, str]:
    """A new key for `partner` with `scopes`; returns the stored key and the clear key, to show once."""
    granted = api_scopes_clean(scopes)
    prefix = secrets.token_hex(4)
    raw_key = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    key = PartnerApiKey.objects.create(
        partner=partner, name=name, prefix=prefix, key_hash=_hash(raw_key), scopes=granted
    )
    return key, raw_key


def partner_api_key_revoke(*, key: PartnerApiKey) -> PartnerApiKey:
    """Revoke the key from now on (kept for the record; revoking twice keeps the first time)."""
    PartnerApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    key.refresh_from_db(fields=["revoked_at"])
    return key


def partner_api_key_authenticate(raw_key: str) -> ApiClient | None:
    """settings.API_KEY_AUTHENTICATOR: the client a clear key belongs to, or None (unknown, malformed,
    revoked, or its partner inactive)."""
    kind, _, rest = raw_key.partition("_")
    prefix, _, secret = rest.partition("_")
    if kind != KEY_PREFIX or not prefix or not secret:
        return None
    key = (
        PartnerApiKey.objects.filter(prefix=prefix, revoked_at__isnull=True, partner__is_active=True)
        .select_related("partner")
        .first()
    )
    if key is None or not hmac.compare_digest(key.key_hash, _hash(raw_key)):
        return None
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        PartnerApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return ApiClient(
        partner_id=key.partner_id, key_id=key.pk, scopes=frozenset(key.scopes), label=key.partner.slug
    )
