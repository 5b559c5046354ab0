"""The simulator's own API key, made when it is started under DEBUG without one (`make run`'s demo partners).

The clear key is never stored, so a key made by an earlier run cannot be read back: each start makes a new
one and revokes those it made before, and a partner's simulator keys never pile up.
"""

from __future__ import annotations

from django.db import transaction

from logistics.partners.keys import partner_api_key_create, partner_api_key_revoke
from logistics.partners.keys_models import ApiScope, PartnerApiKey
from logistics.partners.models import Partner

SIMULATOR_KEY_NAME = "partner simulator (made under DEBUG)"
SIMULATOR_SCOPES = (ApiScope.SHIPMENTS_READ, ApiScope.SHIPMENTS_WRITE, ApiScope.TRACKING_WRITE)


@transaction.atomic
def simulator_key_issue(*, partner: Partner) -> tuple[PartnerApiKey, str]:
    """A new key for `partner`'s simulator (the scopes it needs, no more); the ones made before are revoked.
    Returns the stored key and the clear key."""
    for earlier in partner.api_keys.filter(name=SIMULATOR_KEY_NAME, revoked_at__isnull=True):
        partner_api_key_revoke(key=earlier)
    return partner_api_key_create(partner=partner, scopes=SIMULATOR_SCOPES, name=SIMULATOR_KEY_NAME)
