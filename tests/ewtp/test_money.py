"""Money: exact, never mixed, rounded to the ISO exponent with one mode, formatted per locale."""

import copy
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ewtp.currencies import ACTIVE_CURRENCIES, EXPONENTS, UnknownCurrencyError, currency_exponent
from ewtp.money import CurrencyMismatchError, Money

ROUNDABLE = sorted(ACTIVE_CURRENCIES)
currencies = st.sampled_from(ROUNDABLE)
amounts = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False, places=6)


@given(currency=currencies, units=st.integers(min_value=-(10**15), max_value=10**15))
def test_minor_units_round_trip_for_every_iso_currency(currency, units):
    # given an integer of minor units in any ISO currency
    money = Money.from_minor_units(units, currency)
    # then it is already rounded and converts back to the same integer
    assert money.is_rounded
    assert money.minor_units == units
    assert money.amount == Decimal(units).scaleb(-EXPONENTS[currency])


def test_every_active_iso_currency_is_covered():
    assert {"EUR", "JPY", "KWD", "CLF", "USD", "KES", "VND"} <= ACTIVE_CURRENCIES
    assert len(ACTIVE_CURRENCIES) > 150


@given(currency=currencies, lines=st.lists(amounts, min_size=1, max_size=30))
def test_total_is_the_sum_of_rounded_lines(currency, lines):
    # given order lines rounded one by one, as an invoice shows them
    rounded = [Money(a, currency).round() for a in lines]
    # when the total is their sum
    total = Money.sum(rounded, currency)
    # then the total is itself rounded and its minor units are the sum of the lines' minor units
    assert total.is_rounded
    assert total.minor_units == sum(m.minor_units for m in rounded)


@given(
    currency=currencies,
    units=st.integers(min_value=-(10**12), max_value=10**12),
    weights=st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=12).filter(any),
)
def test_allocation_parts_add_up_exactly(currency, units, weights):
    total = Money.from_minor_units(units, currency)
    parts = total.allocate(weights)
    assert len(parts) == len(weights)
    assert Money.sum(parts, currency) == total
    assert all(p.is_rounded for p in parts)
    # no part is more than one minor unit away from its exact share
    for part, weight in zip(parts, weights, strict=True):
        exact = Decimal(units) * weight / sum(weights)
        assert abs(Decimal(part.minor_units) - exact) < 1


@given(a=currencies, b=currencies, x=amounts, y=amounts)
def test_currencies_never_mix(a, b, x, y):
    left, right = Money(x, a), Money(y, b)
    if a == b:
        assert (left + right).amount == x + y
        return
    for operation in (lambda: left + right, lambda: left - right, lambda: left < right):
        with pytest.raises(CurrencyMismatchError):
            operation()
    assert left != right


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("1234.5", "JPY", "1235"),  # exponent 0, half away from zero
        ("-1234.5", "JPY", "-1235"),
        ("0.125", "EUR", "0.13"),
        ("0.124999", "EUR", "0.12"),
        ("1.0005", "KWD", "1.001"),  # exponent 3
        ("1.23455", "CLF", "1.2346"),  # exponent 4
        ("2.5", "ISK", "3"),
    ],
)
def test_round_uses_the_iso_exponent_and_half_up(amount, currency, expected):
    assert Money(amount, currency).round().amount == Decimal(expected)
    assert str(Money(amount, currency).round().amount) == expected


def test_exponents_come_from_iso_4217():
    assert [currency_exponent(c) for c in ("JPY", "KRW", "EUR", "KWD", "BHD", "CLF")] == [0, 0, 2, 3, 3, 4]


def test_minor_units_refuse_unrounded_amounts():
    # the classic 100x JPY bug: 1234 yen are 1234 minor units, never 123400
    assert Money("1234", "JPY").minor_units == 1234
    assert Money("12.34", "EUR").minor_units == 1234
    with pytest.raises(ValueError, match="round"):
        _ = Money("12.345", "EUR").minor_units


def test_floats_and_unknown_currencies_are_refused():
    with pytest.raises(TypeError):
        Money(0.1, "EUR")
    with pytest.raises(TypeError):
        Money("1", "EUR") * 1.5
    with pytest.raises(UnknownCurrencyError):
        Money("1", "XYZ")
    with pytest.raises(UnknownCurrencyError):
        Money("1", "eur")
    with pytest.raises(ValueError):
        Money("NaN", "EUR")
    with pytest.raises(ValueError):
        Money("abc", "EUR")


def test_money_is_immutable_and_hashable():
    money = Money("1.50", "EUR")
    with pytest.raises(AttributeError):
        money.amount = Decimal(2)
    assert {money, Money("1.5", "EUR")} == {money}


def test_arithmetic_is_exact():
    assert Money("0.1", "EUR") + Money("0.2", "EUR") == Money("0.3", "EUR")
    assert Money("10", "EUR") * 3 == Money("30", "EUR")
    assert (Money("10", "EUR") / 3).round() == Money("3.33", "EUR")
    assert -Money("1", "USD") == Money("-1", "USD")


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "expected"),
    [
        ("1234.56", "JPY", "en", "¥1,235"),
        ("1234.56", "EUR", "de_DE", "1.234,56\xa0€"),
        ("1234.5", "USD", "en_US", "$1,234.50"),
        ("1234.5678", "KWD", "en", "KWD1,234.568"),
        ("1234", "CLF", "en", "CLF1,234.0000"),
        ("1234.56", "CNY", "zh_Hans_CN", "¥1,234.56"),
    ],
)
def test_format_is_locale_aware_and_rounded(amount, currency, locale, expected):
    assert Money(amount, currency).format(locale) == expected


def test_format_does_not_leak_into_other_formats():
    Money("1", "KWD").format("en")
    assert Money("1234.5", "USD").format("en") == "$1,234.50"


@given(
    amount=st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), allow_nan=False, places=4),
    currency=st.sampled_from(["EUR", "JPY", "KWD", "CLF", "USD", "INR", "KES", "CHF", "VND", "BHD"]),
    locale=st.sampled_from(
        ["en", "en_US", "de_DE", "fr_FR", "zh_Hans", "ja", "en_IN", "ar", "fa", "de_CH", "sw"]
    ),
)
def test_fast_formatting_matches_babel_exactly(amount, currency, locale):
    from babel import Locale
    from babel.numbers import parse_pattern

    # the reference: babel's own pattern with the ISO number of decimals, on the rounded amount
    money = Money(amount, currency)
    babel_locale = Locale.parse(locale)
    pattern = copy.copy(parse_pattern(babel_locale.currency_formats["standard"]))
    pattern.frac_prec = (money.exponent, money.exponent)
    rounded = money.round().amount
    rounded = rounded if rounded else rounded.copy_abs()  # no "-0.00"
    expected = pattern.apply(rounded, babel_locale, currency=currency, currency_digits=False)
    assert money.format(locale) == expected
