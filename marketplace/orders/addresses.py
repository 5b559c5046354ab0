"""Delivery addresses: checked field by field, stored as a plain snapshot (a dict) on the checkout and the
order, never as a reference to something the buyer may edit later."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers
import pycountry
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from ewtp.countries import COUNTRY_CODES, country_name
from marketplace.orders.errors import AddressInvalidError

# Countries whose addresses need a state or province (what their carriers and customs forms ask for).
COUNTRIES_WITH_STATES = ("US", "CA", "BR", "MX", "IN", "AU", "CN")
FIELDS = ("name", "street", "city", "postcode", "country", "state", "phone", "email")
MAX_LENGTHS = {"name": 120, "street": 200, "city": 100, "postcode": 20, "state": 10, "phone": 40}


@lru_cache(maxsize=len(COUNTRIES_WITH_STATES))
def country_states(country: str) -> tuple[tuple[str, str], ...]:
    """The top-level subdivisions of a country that has them (ISO 3166-2, "US-CA": California), by name."""
    if country not in COUNTRIES_WITH_STATES:
        return ()
    found = pycountry.subdivisions.get(country_code=country) or []
    return tuple(sorted(((s.code, s.name) for s in found if s.parent_code is None), key=lambda p: p[1]))


def address_clean(data: dict, *, email_required: bool) -> dict[str, str]:
    """The address in `data`, each field stripped and checked; AddressInvalidError with every problem under
    its field otherwise. Phone numbers come back as E.164, states as ISO 3166-2 codes."""
    values = {name: str(data.get(name) or "").strip() for name in FIELDS}
    problems: dict[str, str] = {}
    for name in ("name", "street", "city", "postcode", "country"):
        if not values[name]:
            problems[name] = _("Required.")
    for name, limit in MAX_LENGTHS.items():
        if len(values[name]) > limit:
            problems[name] = _("At most %(limit)s characters.") % {"limit": limit}
    country = values["country"].upper()
    values["country"] = country
    if country and country not in COUNTRY_CODES:
        problems["country"] = _("Choose a country from the list.")
    _state_check(values, problems)
    _phone_check(values, problems)
    _email_check(values, problems, required=email_required)
    if problems:
        first = next(iter(problems))
        raise AddressInvalidError(
            _("Check the address: %(field)s: %(problem)s") % {"field": first, "problem": problems[first]},
            details=problems,
        )
    return values


def _state_check(values: dict[str, str], problems: dict[str, str]) -> None:
    country, state = values["country"], values["state"].upper()
    states = dict(country_states(country))
    if not states:
        values["state"] = ""  # a state chosen for another country before the country changed
        return
    if not state:
        problems["state"] = _("Required for %(country)s.") % {"country": country_name(country)}
    elif state not in states:
        problems["state"] = _("Not a state or province of %(country)s.") % {"country": country_name(country)}
    values["state"] = state


def _phone_check(values: dict[str, str], problems: dict[str, str]) -> None:
    raw = values["phone"]
    if not raw:
        problems["phone"] = _("Required: the carrier calls it about the delivery.")
        return
    try:
        number = phonenumbers.parse(raw, values["country"] or None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        problems["phone"] = _("Not a valid phone number; include the country code, e.g. +49 30 123456.")
        return
    values["phone"] = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _email_check(values: dict[str, str], problems: dict[str, str], *, required: bool) -> None:
    email = values["email"].lower()
    values["email"] = email
    if not email:
        if required:
            problems["email"] = _("Required: we send the order confirmation there.")
        return
    try:
        validate_email(email)
    except ValidationError:
        problems["email"] = _("Not a valid e-mail address.")


def address_lines(address: dict) -> list[str]:
    """The address as it is printed on a label (without the phone)."""
    state = dict(country_states(address.get("country", ""))).get(address.get("state", ""), "")
    return [
        line
        for line in (
            address.get("name", ""),
            address.get("street", ""),
            " ".join(p for p in (address.get("postcode", ""), address.get("city", "")) if p),
            state,
            country_name(address.get("country", "")),
        )
        if line
    ]
