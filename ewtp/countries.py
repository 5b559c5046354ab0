"""Countries (ISO 3166-1 alpha-2): choices for forms, names in the reader's language, default currencies."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import pycountry
from babel import Locale
from babel.numbers import get_territory_currencies
from django.utils.translation import get_language, gettext, to_locale

from ewtp.collation import collated
from ewtp.currencies import ACTIVE_CURRENCIES
from ewtp.errors import InvalidError, KernelErrorCode

COUNTRY_CODES: frozenset[str] = frozenset(c.alpha_2 for c in pycountry.countries)
COUNTRY_CHOICES: list[tuple[str, str]] = sorted(
    ((c.alpha_2, c.name) for c in pycountry.countries), key=lambda pair: pair[1]
)

# Member states on 2026-01-01 (Bulgaria adopted the euro then; it has been a member since 2007).
EU_MEMBERS: frozenset[str] = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)


@lru_cache(maxsize=64)
def _territories(locale: str) -> dict[str, str]:
    return dict(Locale.parse(locale).territories)


def country_name(code: str, locale: str = "en") -> str:
    """'DE' -> 'Germany' in en, '德国' in zh_Hans."""
    try:
        return _territories(locale.replace("-", "_")).get(code) or _territories("en").get(code, code)
    except (ValueError, TypeError):
        return _territories("en").get(code, code)


def country_currency(code: str, *, on: date | None = None) -> str | None:
    """The currency in use in a country (CLDR), e.g. 'KE' -> 'KES', 'DE' -> 'EUR'; None if unknown."""
    for currency in get_territory_currencies(code, start_date=on or date.today(), tender=True):
        if currency in ACTIVE_CURRENCIES:
            return currency
    return None


def country_choices_all() -> list[tuple[str, str]]:
    """Every ISO 3166-1 country as (code, English name), by name: the choices of the models' country fields.

    A callable, so that a migration records a reference to it rather than the list itself: a pycountry
    upgrade that adds or renames a country then writes no migration.
    """
    return list(COUNTRY_CHOICES)


@lru_cache(maxsize=16)
def _country_choices(locale: str) -> tuple[tuple[str, str], ...]:
    try:
        names = _territories(locale) if locale else {}
    except (ValueError, TypeError):
        names = {}
    pairs = [(code, names.get(code, name)) for code, name in COUNTRY_CHOICES]
    return tuple(collated(pairs, locale=locale or "en", key=lambda pair: pair[1]))


def country_choices(locale: str = "en") -> list[tuple[str, str]]:
    """Every country as (code, name in `locale`), in that language's order (CLDR names from babel; pinyin
    order in Chinese): 249 names translated by CLDR rather than 249 messages in our catalogues."""
    return list(_country_choices((locale or "").replace("-", "_")))


def country_choices_active() -> list[tuple[str, str]]:
    """country_choices in the language active now: a form field's choices, read when the form renders."""
    return country_choices(to_locale(get_language() or "en"))


class CountryCodeError(InvalidError):
    code = KernelErrorCode.COUNTRY_INVALID


def country_code_validate(value: object, *, field: str) -> str:
    """`value` upper-cased if it is an ISO 3166-1 alpha-2 code, else a CountryCodeError naming `field`."""
    code = value.strip().upper() if isinstance(value, str) else ""
    if code not in COUNTRY_CODES:
        raise CountryCodeError(
            gettext("%(value)r is not a country code: use the two letters of ISO 3166, such as DE or CN.")
            % {"value": value},
            details={field: gettext("Unknown country code.")},
        )
    return code
