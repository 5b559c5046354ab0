"""The buyer's currency and destination: chosen in the address, else a cookie, else the account, else the
browser's languages, else US dollars to the United States; a currency without a rate is never chosen."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from marketplace.pricing.preferences import (
    CURRENCY_COOKIE,
    SHIP_TO_COOKIE,
    BuyerPreferences,
    buyer_preferences,
    preferences_remember,
)

CONVERTIBLE = {"EUR", "USD", "JPY", "GBP", "CHF"}


def _preferences(query=None, *, cookies=None, language="", user=None) -> BuyerPreferences:
    request = RequestFactory().get(
        "/", query or {}, headers={"accept-language": language} if language else {}
    )
    request.COOKIES.update(cookies or {})
    request.user = user or AnonymousUser()
    return buyer_preferences(request, convertible=CONVERTIBLE)


class _Buyer:
    is_authenticated = True
    country = "CH"
    preferred_currency = "GBP"


@pytest.mark.parametrize(
    ("query", "cookies", "language", "user", "expected"),
    [
        ({}, {}, "", None, ("USD", "US")),
        ({}, {}, "de-DE,de;q=0.9", None, ("EUR", "DE")),
        ({}, {}, "ja", None, ("JPY", "JP")),  # no region: the language's likely country
        ({}, {}, "", _Buyer(), ("GBP", "CH")),
        ({}, {CURRENCY_COOKIE: "JPY", SHIP_TO_COOKIE: "JP"}, "de-DE", _Buyer(), ("JPY", "JP")),
        ({"currency": "chf", "ship_to": "gb"}, {CURRENCY_COOKIE: "JPY"}, "de-DE", None, ("CHF", "GB")),
    ],
    ids=["default", "accept-language", "language-only", "account", "cookies", "address"],
)
def test_each_source_wins_over_the_ones_after_it(query, cookies, language, user, expected):
    prefs = _preferences(query, cookies=cookies, language=language, user=user)
    assert (prefs.currency, prefs.ship_to) == expected


def test_the_destinations_currency_is_the_default_and_one_without_a_rate_falls_back():
    # given a buyer in Kenya (KES has no rate here) and one in Switzerland (CHF has)
    assert _preferences({"ship_to": "KE"}).currency == "USD"
    assert _preferences({"ship_to": "CH"}).currency == "CHF"


def test_unknown_values_in_the_address_are_ignored_not_chosen():
    prefs = _preferences({"currency": "QQQ", "ship_to": "XX"}, language="de-DE")
    assert (prefs.currency, prefs.ship_to, prefs.currency_chosen, prefs.ship_to_chosen) == (
        "EUR",
        "DE",
        False,
        False,
    )


def test_only_what_the_buyer_chose_in_the_address_is_remembered_in_cookies():
    # given a currency chosen in the address, and a destination from the browser
    prefs = _preferences({"currency": "JPY"}, language="de-DE")
    response = HttpResponse()
    # when
    preferences_remember(response, prefs)
    # then only the currency is stored, for a year, out of scripts' reach
    assert set(response.cookies) == {CURRENCY_COOKIE}
    cookie = response.cookies[CURRENCY_COOKIE]
    assert (cookie.value, cookie["max-age"], cookie["httponly"], cookie["samesite"]) == (
        "JPY",
        60 * 60 * 24 * 365,
        True,
        "Lax",
    )
