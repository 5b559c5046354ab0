"""Links to an order page. A buyer with an account sees their orders when logged in; a guest (and anyone
the confirmation e-mail reaches) opens the page through a link signed with the site's key, which names
one order and cannot be made for another without that key."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.http import urlencode

SALT = "marketplace.orders.guest-link"


def order_token(reference: str) -> str:
    return signing.dumps(reference, salt=SALT, compress=False)


def order_token_valid(*, reference: str, token: str) -> bool:
    try:
        return signing.loads(token or "", salt=SALT) == reference
    except signing.BadSignature:
        return False


def order_path(reference: str, *, signed: bool) -> str:
    path = reverse("orders:detail", kwargs={"reference": reference})
    return f"{path}?{urlencode({'t': order_token(reference)})}" if signed else path


def order_url(reference: str) -> str:
    """The signed link an e-mail carries (it works whether or not the reader is logged in)."""
    return settings.SITE_URL + order_path(reference, signed=True)
