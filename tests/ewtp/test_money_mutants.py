"""Money at its edges: what each refusal says, every comparison, the codes without a minor unit, the tie
rules of allocation, and formats that babel must render itself. Written against the mutants `make mutation`
showed surviving: each test fails when one of those one-line breaks is made."""

import pickle
from decimal import Decimal

import pytest

from ewtp.currencies import CurrencyWithoutMinorUnitError
from ewtp.money import CurrencyMismatchError, Money


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0.5, "Money amounts must be Decimal, int or str, not float."),
        (True, "Money amounts must be Decimal, int or str, not bool."),
        (None, "Money amounts must be Decimal, int or str, not NoneType."),
        ([1], "Money amounts must be Decimal, int or str, not list."),
        ("abc", "Not a decimal amount: 'abc'."),
        ("Infinity", "Money amounts must be finite, not 'Infinity'."),
    ],
)
def test_a_refused_amount_says_what_was_refused(value, message):
    # given an amount that is not an exact, finite number
    # when it is made into Money
    with pytest.raises((TypeError, ValueError)) as refused:
        Money(value, "EUR")
    # then the error names the type or the text that was refused
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("operation", "verb"),
    [
        (lambda a, b: a + b, "add"),
        (lambda a, b: a - b, "subtract"),
        (lambda a, b: a < b, "compare"),
        (lambda a, b: a <= b, "compare"),
        (lambda a, b: a > b, "compare"),
        (lambda a, b: a >= b, "compare"),
    ],
)
def test_mixing_currencies_names_the_operation_and_both_currencies(operation, verb):
    # given euros and yen
    euros, yen = Money("1.00", "EUR"), Money("100", "JPY")
    # when they meet in one operation
    with pytest.raises(CurrencyMismatchError) as mixed:
        operation(euros, yen)
    # then the error says which operation, which currencies, and what to do
    assert mixed.value.message == f"Cannot {verb} EUR and JPY; convert first."
    assert mixed.value.details == {"currencies": ["EUR", "JPY"]}


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        (lambda m: m + 1, "Cannot add Money and int."),
        (lambda m: m - Decimal(1), "Cannot subtract Money and Decimal."),
        (lambda m: m < "2", "Cannot compare Money and str."),
        (lambda m: m * Money("2", "EUR"), "Cannot multiply Money by Money."),
        (lambda m: m / Money("2", "EUR"), "Divide amounts with .amount; Money / Money has no currency."),
    ],
)
def test_money_with_a_bare_number_or_money_by_money_is_a_type_error_that_says_so(operation, message):
    # given an amount
    money = Money("1.00", "EUR")
    # when it meets a bare number (or is multiplied or divided by Money)
    with pytest.raises(TypeError) as refused:
        operation(money)
    # then the message says what cannot be done
    assert str(refused.value) == message


def test_comparisons_at_equal_amounts():
    # given two equal amounts and a larger one
    one, same, two = Money("1.00", "EUR"), Money("1", "EUR"), Money("2", "EUR")
    # then equal is neither less nor greater, but both at-most and at-least
    assert not one < same and not one > same
    assert one <= same and one >= same
    assert one <= two and not two <= one
    assert two >= one and not one >= two


def test_abs_and_negation_keep_the_currency():
    # given a refund of JPY 1,500
    refund = Money("-1500", "JPY")
    # then its absolute value is JPY 1,500 and its negation too
    assert abs(refund) == Money("1500", "JPY")
    assert -refund == Money("1500", "JPY")


def test_money_survives_pickling_exactly():
    # given an amount with more digits than the currency has (an unrounded exact share), as Celery or a
    # cache would pickle it
    money = Money("12.3456", "KWD")
    # when it is pickled and read back
    again = pickle.loads(pickle.dumps(money))  # noqa: S301 - our own bytes
    # then it is the same amount, not rounded, in the same currency
    assert again == money
    assert (again.amount, again.currency) == (Decimal("12.3456"), "KWD")


def test_different_amounts_hash_apart():
    # given a hundred different prices (a dict of prices keyed by Money stays a hash table, not a list)
    prices = [Money(str(cents), "EUR") for cents in range(100)]
    # then they have a hundred different hashes, and equal amounts hash alike
    assert len({hash(price) for price in prices}) == 100
    assert hash(Money("1.50", "EUR")) == hash(Money("1.5", "EUR"))


@pytest.mark.parametrize("units", [12.5, "1234", Decimal(1234), None])
def test_minor_units_must_be_an_int(units):
    # given minor units that are not an int (a float would hide a rounding, a string a parsing)
    # when they are made into Money
    with pytest.raises(TypeError, match=r"^Minor units must be an int\.$"):
        Money.from_minor_units(units, "EUR")


def test_a_code_without_a_minor_unit_cannot_be_rounded():
    # given an amount of gold (XAU: ISO 4217 gives it no minor unit)
    gold = Money("1.5", "XAU")
    # when it is rounded
    with pytest.raises(CurrencyWithoutMinorUnitError) as refused:
        gold.round()
    # then the error is the kernel's own class and names the code
    assert refused.value.details == {"currency": "XAU"}


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        # no ISO exponent: babel's pattern as it is (2 decimals), rounded half up: 1234.5678 -> 1,234.57
        ("en", "XAU1,234.57"),
        ("de_DE", "1.234,57\xa0XAU"),
    ],
)
def test_a_code_without_a_minor_unit_is_formatted_by_babel(locale, expected):
    assert Money("1234.5678", "XAU").format(locale) == expected


def test_format_defaults_to_english():
    # given dollars formatted without naming a locale
    # then the text is English: $ before, comma groups, point decimals
    assert Money("1234.5", "USD").format() == "$1,234.50"


def test_format_through_babel_keeps_the_iso_exponent_not_cldrs():
    # given Iraqi dinars (ISO 4217: 3 decimals; CLDR shows them with 0) in Indian English, whose lakh
    # grouping (12,34,567) the fast path leaves to babel
    dinars = Money("1234567.891", "IQD")
    # then babel renders them with ISO's 3 decimals, in lakh groups
    assert dinars.format("en_IN") == "IQD12,34,567.891"


def test_allocate_refuses_a_negative_weight_even_when_the_sum_is_positive():
    # given weights -1 and 2 (sum 1, but a negative share makes no sense)
    with pytest.raises(
        ValueError, match=r"^Allocation needs at least one weight, none negative, not all zero\.$"
    ):
        Money("1.00", "EUR").allocate([-1, 2])


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [
        # 100 cents by 1:5: exact shares 16.67 and 83.33 cents; floors 16 + 83 = 99, one cent left; the
        # remainders are .67 and .33, so the smaller part (larger remainder) gets it: 0.17 + 0.83
        ("1.00", [1, 5], ["0.17", "0.83"]),
        # 10 cents by 1:3: exact 2.5 and 7.5; floors 2 + 7 = 9; remainders tie at .5: the earliest wins
        ("0.10", [1, 3], ["0.03", "0.07"]),
        # a refund of -0.10 by 1:3: the same split, negative
        ("-0.10", [1, 3], ["-0.03", "-0.07"]),
    ],
)
def test_allocate_gives_leftover_units_to_the_largest_remainders_earliest_first(total, weights, expected):
    assert Money(total, "EUR").allocate(weights) == [Money(a, "EUR") for a in expected]


def test_format_through_babel_keeps_the_locales_own_separators():
    # given euros in Arabic (Mauritania), whose default digits are not Latin, so babel renders them: groups
    # of three with ".", decimals with ",", the sign after the right-to-left mark, the symbol last
    assert Money("-1234567.5", "EUR").format("ar_MR") == "\u200f-1.234.567,50\xa0€"
