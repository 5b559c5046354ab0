"""What the buyer sees prices in and ships to: from the query string, else a cookie, else the account,
else the browser's Accept-Language (de-DE: EUR and Germany), else US dollars to the United States."""

from __future__ import annotations

from dataclasses import dataclass

from babel.core import get_global

from ewtp.countries import COUNTRY_CODES, country_currency

CURRENCY_COOKIE = "ewtp_currency"
SHIP_TO_COOKIE = "ewtp_ship_to"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365
DEFAULT_COUNTRY = "US"
DEFAULT_CURRENCY = "USD"


@dataclass(frozen=True)
class BuyerPreferences:
    currency: str
    ship_to: str
    # True when the buyer chose in this request: the view stores the choice in cookies.
    currency_chosen: bool = False
    ship_to_chosen: bool = False


def _country_from_accept_language(header: str) -> str | None:
    likely = get_global("likely_subtags")
    for part in header.split(","):
        tag = part.split(";")[0].strip().replace("-", "_")
        if not tag or tag == "*":
            continue
        pieces = tag.split("_")
        region = next((p.upper() for p in pieces[1:] if len(p) == 2 and p.isalpha()), None)
        if region in COUNTRY_CODES:
            return region
        expanded = likely.get(pieces[0].lower())
        if expanded:
            guess = expanded.split("_")[-1]
            if guess in COUNTRY_CODES:
                return guess
    return None


def buyer_preferences(request, *, convertible: set[str]) -> BuyerPreferences:
    """Resolve currency and ship-to country; `convertible` is the set of currencies we have rates for."""
    user = getattr(request, "user", None)
    account_country = getattr(user, "country", "") if user and user.is_authenticated else ""
    account_currency = getattr(user, "preferred_currency", "") if user and user.is_authenticated else ""

    chosen_country = request.GET.get("ship_to", "").upper()
    ship_to_chosen = chosen_country in COUNTRY_CODES
    ship_to = (
        (chosen_country if ship_to_chosen else None)
        or next(
            (
                c
                for c in (request.COOKIES.get(SHIP_TO_COOKIE, "").upper(), account_country)
                if c in COUNTRY_CODES
            ),
            None,
        )
        or _country_from_accept_language(request.headers.get("Accept-Language", ""))
        or DEFAULT_COUNTRY
    )

    chosen_currency = request.GET.get("currency", "").upper()
    currency_chosen = chosen_currency in convertible
    candidates = [
        chosen_currency,
        request.COOKIES.get(CURRENCY_COOKIE, "").upper(),
        account_currency,
        country_currency(ship_to) or "",
        DEFAULT_CURRENCY,
        "EUR",
    ]
    currency = next(c for c in candidates if c in convertible or c == "EUR")
    return BuyerPreferences(currency, ship_to, currency_chosen, ship_to_chosen)


def preferences_remember(response, preferences: BuyerPreferences) -> None:
    for chosen, name, value in (
        (preferences.currency_chosen, CURRENCY_COOKIE, preferences.currency),
        (preferences.ship_to_chosen, SHIP_TO_COOKIE, preferences.ship_to),
    ):
        if chosen:
            response.set_cookie(name, value, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True)
