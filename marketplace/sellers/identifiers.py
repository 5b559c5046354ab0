"""Checks and normal forms for a business's identifiers: VAT number, EORI number, phone number.

Each function returns the value in its stored form or raises IdentifierInvalidError naming the field.
"""

from __future__ import annotations

import re

import phonenumbers
from django.utils.translation import gettext as _
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.gb import vat as gb_vat

from ewtp.countries import EU_MEMBERS
from marketplace.sellers.errors import IdentifierInvalidError, SellersErrorCode

# Greece's VAT prefix is EL, not its ISO code.
VAT_PREFIXES: dict[str, str] = {code: code for code in EU_MEMBERS} | {"GR": "EL"}
# Countries whose exporters need an EORI number; Northern Ireland traders in GB use XI.
EORI_PREFIXES: dict[str, tuple[str, ...]] = {code: (code,) for code in EU_MEMBERS} | {
    "GR": ("GR", "EL"),
    "GB": ("GB", "XI"),
}
EORI_PATTERN = re.compile(r"^([A-Z]{2})([A-Z0-9]{1,15})$")
OTHER_TAX_ID_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9 ./-]{1,19}$")


def _error(field: str, message: str, code: SellersErrorCode) -> IdentifierInvalidError:
    return IdentifierInvalidError(message, code=code, details={field: message})


def vat_number_normalise(value: str, *, country: str) -> str:
    """An EU seller's VAT number checked with python-stdnum (prefix must be its own country's; added when
    left out); a GB number with stdnum.gb.vat; elsewhere a tax number kept as given. Blank stays blank."""
    raw = (value or "").strip().upper()
    if not raw:
        return ""
    if country in VAT_PREFIXES:
        prefix = VAT_PREFIXES[country]
        number = re.sub(r"[\s.\-/]", "", raw)
        if not number[:2].isalpha():
            number = prefix + number
        if number[:2] != prefix:
            raise _error(
                "vat_number",
                _("VAT number: a business in %(country)s has a VAT number starting with %(prefix)s.")
                % {"country": country, "prefix": prefix},
                SellersErrorCode.VAT_COUNTRY_MISMATCH,
            )
        if not eu_vat.is_valid(number):
            raise _error(
                "vat_number",
                _("VAT number: %(number)s is not a valid EU VAT number (check the digits).")
                % {"number": raw},
                SellersErrorCode.VAT_INVALID,
            )
        return number
    if country == "GB":
        try:
            return "GB" + gb_vat.validate(raw.removeprefix("GB"))
        except StdnumError:
            raise _error(
                "vat_number",
                _("VAT number: %(number)s is not a valid UK VAT number.") % {"number": raw},
                SellersErrorCode.VAT_INVALID,
            ) from None
    if not OTHER_TAX_ID_PATTERN.match(raw):
        raise _error(
            "vat_number",
            _("VAT or tax number: use letters, digits, spaces, dots, slashes or dashes, at most 20."),
            SellersErrorCode.VAT_INVALID,
        )
    return raw


def eori_required(country: str) -> bool:
    """EU and UK exporters need an EORI number to clear customs."""
    return country in EORI_PREFIXES


def eori_number_normalise(value: str, *, country: str) -> str:
    """Format check only (no public register lookup): the country prefix then up to 15 letters or digits."""
    raw = re.sub(r"[\s-]", "", (value or "").upper())
    if not raw:
        if eori_required(country):
            raise _error(
                "eori_number",
                _("EORI number: required for exporters in the EU and the UK."),
                SellersErrorCode.EORI_REQUIRED,
            )
        return ""
    match = EORI_PATTERN.match(raw)
    if not match:
        raise _error(
            "eori_number",
            _("EORI number: a two-letter country code followed by up to 15 letters or digits."),
            SellersErrorCode.EORI_INVALID,
        )
    allowed = EORI_PREFIXES.get(country)
    if allowed and match.group(1) not in allowed:
        raise _error(
            "eori_number",
            _("EORI number: a business in %(country)s has an EORI number starting with %(prefix)s.")
            % {"country": country, "prefix": " or ".join(allowed)},
            SellersErrorCode.EORI_COUNTRY_MISMATCH,
        )
    return raw


def phone_number_normalise(value: str, *, country: str) -> str:
    """Parsed with the seller's country as the default region, must be a valid number; stored as E.164."""
    raw = (value or "").strip()
    if not raw:
        raise _error(
            "phone",
            _("Phone number: required, so that we can reach you about orders."),
            SellersErrorCode.PHONE_REQUIRED,
        )
    try:
        number = phonenumbers.parse(raw, country or None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise _error(
            "phone",
            _(
                "Phone number: %(number)s is not a valid number; include the country code, e.g. +254 712 345678."  # noqa: E501
            )
            % {"number": raw},
            SellersErrorCode.PHONE_INVALID,
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
