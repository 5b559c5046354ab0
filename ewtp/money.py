"""Money: an exact amount together with its ISO 4217 currency.

Rules the whole platform relies on:

- Amounts are `Decimal` (or int, or a numeric string), never float; a float is refused.
- Two currencies never mix: adding, subtracting or comparing EUR with JPY raises `CurrencyMismatchError`.
- Arithmetic is exact; rounding happens only where a caller asks for it (`round()`), at a defined boundary
  (a displayed price, an order line, an amount sent to a payment provider), to the currency's ISO 4217
  exponent, with one rounding mode for everything: ROUND_HALF_UP (halves away from zero, "commercial
  rounding", what buyers and customs forms expect).
- Minor units (integer cents, yen, fils) are the payment-provider boundary: `minor_units` refuses an amount
  that is not already rounded, so a 100x JPY charge cannot happen by accident.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    ROUND_DOWN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    InvalidOperation,
)
from functools import lru_cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern
from django.utils.translation import gettext

from ewtp.currencies import EXPONENTS, QUANTUMS, currency_exponent, currency_validate
from ewtp.errors import InvalidError, KernelErrorCode

ROUNDING = ROUND_HALF_UP
# Context.quantize with the rounding built in is about twice as fast as quantize(..., rounding=...).
ROUNDING_CONTEXT = Context(prec=MAX_PREC, rounding=ROUNDING, Emax=MAX_EMAX, Emin=MIN_EMIN)


class CurrencyMismatchError(InvalidError):
    code = KernelErrorCode.CURRENCY_MISMATCH


def _to_decimal(value: object) -> Decimal:
    if isinstance(value, bool | float):
        raise TypeError(f"Money amounts must be Decimal, int or str, not {type(value).__name__}.")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int | str):
        try:
            result = Decimal(value)
        except InvalidOperation:
            raise ValueError(f"Not a decimal amount: {value!r}.") from None
    else:
        raise TypeError(f"Money amounts must be Decimal, int or str, not {type(value).__name__}.")
    if not result.is_finite():
        raise ValueError(f"Money amounts must be finite, not {value!r}.")
    return result


def _mismatch_message(op: str) -> str:
    """Why two currencies cannot meet, one whole sentence per operation (a translator sees each)."""
    if op == "add":
        return gettext("Cannot add %(first)s and %(second)s; convert first.")
    if op == "subtract":
        return gettext("Cannot subtract %(first)s and %(second)s; convert first.")
    return gettext("Cannot compare %(first)s and %(second)s; convert first.")


class Money:
    """An immutable amount in one currency."""

    # Read-only properties over private slots: immutable, and cheap to build on hot paths.
    __slots__ = ("_amount", "_currency")

    def __init__(self, amount: Decimal | int | str, currency: str):
        self._amount = _to_decimal(amount)
        self._currency = currency_validate(currency)

    @property
    def amount(self) -> Decimal:
        return self._amount

    @property
    def currency(self) -> str:
        return self._currency

    @classmethod
    def _trusted(cls, amount: Decimal, currency: str) -> Money:
        """Build from an amount and currency already checked (hot paths inside this kernel)."""
        money = _new(cls)
        money._amount = amount
        money._currency = currency
        return money

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    @classmethod
    def from_minor_units(cls, units: int, currency: str) -> Money:
        """1234 JPY -> ¥1,234; 1234 EUR -> €12.34; 1234 KWD -> KWD 1.234."""
        if isinstance(units, bool) or not isinstance(units, int):
            raise TypeError("Minor units must be an int.")
        return cls(Decimal(units).scaleb(-currency_exponent(currency)), currency)

    @classmethod
    def sum(cls, items: Iterable[Money], currency: str) -> Money:
        """Exact sum of `items`, all in `currency`; zero when there are none."""
        total = cls.zero(currency)
        for item in items:
            total = total + item
        return total

    def __reduce__(self):
        return (Money, (str(self.amount), self.currency))

    # -- arithmetic --------------------------------------------------------------------------------

    def _check_same(self, other: object, op: str) -> Money:
        if not isinstance(other, Money):
            raise TypeError(f"Cannot {op} Money and {type(other).__name__}.")
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                _mismatch_message(op) % {"first": self.currency, "second": other.currency},
                details={"currencies": [self.currency, other.currency]},
            )
        return other

    def __add__(self, other: Money) -> Money:
        other = self._check_same(other, "add")
        return Money._trusted(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        other = self._check_same(other, "subtract")
        return Money._trusted(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money._trusted(-self.amount, self.currency)

    def __abs__(self) -> Money:
        return Money._trusted(abs(self.amount), self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, Money):
            raise TypeError("Cannot multiply Money by Money.")
        return Money._trusted(self.amount * _to_decimal(factor), self.currency)

    __rmul__ = __mul__

    def __truediv__(self, divisor: Decimal | int) -> Money:
        if isinstance(divisor, Money):
            raise TypeError("Divide amounts with .amount; Money / Money has no currency.")
        return Money._trusted(self.amount / _to_decimal(divisor), self.currency)

    # -- comparison --------------------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self.currency == other.currency and self.amount == other.amount

    def __hash__(self) -> int:
        return hash((self.amount, self.currency))

    def __lt__(self, other: Money) -> bool:
        return self.amount < self._check_same(other, "compare").amount

    def __le__(self, other: Money) -> bool:
        return self.amount <= self._check_same(other, "compare").amount

    def __gt__(self, other: Money) -> bool:
        return self.amount > self._check_same(other, "compare").amount

    def __ge__(self, other: Money) -> bool:
        return self.amount >= self._check_same(other, "compare").amount

    def __bool__(self) -> bool:
        return bool(self.amount)

    # -- rounding and minor units ------------------------------------------------------------------

    @property
    def exponent(self) -> int:
        return currency_exponent(self.currency)

    def round(self) -> Money:
        """Round to the currency's ISO exponent with ROUND_HALF_UP (the platform's one rounding mode)."""
        quantum = QUANTUMS.get(self.currency)
        if quantum is None:
            currency_exponent(self.currency)  # raises: no minor unit
        return Money._trusted(ROUNDING_CONTEXT.quantize(self._amount, quantum), self._currency)

    @property
    def is_rounded(self) -> bool:
        return self.amount == self.round().amount

    @property
    def minor_units(self) -> int:
        """The amount as an integer of minor units; refuses an amount that is not rounded yet."""
        if not self.is_rounded:
            raise ValueError(f"{self!r} has more digits than {self.currency} allows; round() it first.")
        return int(self.amount.scaleb(self.exponent))

    def allocate(self, weights: Sequence[Decimal | int]) -> list[Money]:
        """Split this (rounded) amount by `weights` so that the parts are rounded and add up exactly.

        Largest-remainder method in minor units: each part gets its floor share, then the leftover minor
        units go one by one to the parts with the largest remainders (earliest first on ties).
        """
        weights = [_to_decimal(w) for w in weights]
        if not weights or any(w < 0 for w in weights) or sum(weights) == 0:
            raise ValueError("Allocation needs at least one weight, none negative, not all zero.")
        total_units = self.minor_units
        total_weight = sum(weights)
        sign = -1 if total_units < 0 else 1
        units = abs(total_units)
        shares = [Decimal(units) * w / total_weight for w in weights]
        floors = [int(s.to_integral_value(rounding=ROUND_DOWN)) for s in shares]
        leftover = units - sum(floors)
        by_remainder = sorted(range(len(shares)), key=lambda i: (-(shares[i] - floors[i]), i))
        for i in by_remainder[:leftover]:
            floors[i] += 1
        return [Money.from_minor_units(sign * f, self.currency) for f in floors]

    # -- presentation ------------------------------------------------------------------------------

    def format(self, locale: str | Locale = "en") -> str:
        """Locale-aware text, rounded to the ISO exponent: '¥1,235' in en, '1.234,56 €' in de_DE."""
        locale_name = str(locale)
        exponent = EXPONENTS.get(self.currency)
        if exponent is None:
            locale, pattern = _currency_pattern(locale_name, self.currency)
            return pattern.apply(self.amount, locale, currency=self.currency, currency_digits=False)
        amount = ROUNDING_CONTEXT.quantize(self._amount, QUANTUMS[self.currency])
        if not amount:
            amount = amount.copy_abs()  # -0.004 EUR shows as €0.00, never "-€0.00"
        fast = _fast_parts(locale_name, self.currency)
        if fast is None:
            locale, pattern = _currency_pattern(locale_name, self.currency)
            return pattern.apply(amount, locale, currency=self.currency, currency_digits=False)
        # Catalogue pages format dozens of prices: plain string formatting with the locale's own prefix,
        # suffix and separators (taken from babel's output once) is ~20x faster than babel per amount.
        prefix, suffix, neg_prefix, neg_suffix, decimal_sign, group_sign = fast
        core = f"{abs(amount):,.{exponent}f}".translate({44: "\x00", 46: decimal_sign}).replace(
            "\x00", group_sign
        )
        if amount < 0:
            return f"{neg_prefix}{core}{neg_suffix}"
        return f"{prefix}{core}{suffix}"

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    def __repr__(self) -> str:
        return f"Money('{self.amount}', '{self.currency}')"


_new = object.__new__

_SAMPLE = Decimal(123456789)


@lru_cache(maxsize=1024)
def _fast_parts(locale_name: str, currency: str) -> tuple[str, str, str, str, str, str] | None:
    """Prefix, suffix (positive and negative) and separators of a locale's currency format, read off babel's
    own rendering of a sample amount; None where the format is not plain groups of three in Latin digits
    (en_IN's lakh grouping, Persian digits...), which then go through babel every time."""
    locale, pattern = _currency_pattern(locale_name, currency)
    if pattern.grouping != (3, 3) or pattern.scale != 0 or locale.default_numbering_system != "latn":
        return None
    symbols = locale.number_symbols["latn"]
    decimal_sign, group_sign = symbols["decimal"], symbols["group"]
    exponent = EXPONENTS[currency]
    sample = _SAMPLE.scaleb(-exponent) if exponent else _SAMPLE
    core = f"{sample:,.{exponent}f}".translate({44: "\x00", 46: decimal_sign}).replace("\x00", group_sign)
    parts = []
    for value in (sample, -sample):
        text = pattern.apply(value, locale, currency=currency, currency_digits=False)
        if text.count(core) != 1:
            return None
        parts.extend(text.split(core))
    prefix, suffix, neg_prefix, neg_suffix = parts
    return prefix, suffix, neg_prefix, neg_suffix, decimal_sign, group_sign


@lru_cache(maxsize=1024)
def _currency_pattern(locale_name: str, currency: str) -> tuple[Locale, NumberPattern]:
    """The locale's currency pattern with the ISO number of decimals; built once per (locale, currency)."""
    locale = Locale.parse(locale_name)
    # babel shares the locale's pattern object: copy before setting the number of decimals.
    pattern = copy.copy(parse_pattern(locale.currency_formats["standard"]))
    exponent = EXPONENTS.get(currency)
    if exponent is not None:
        pattern.frac_prec = (exponent, exponent)
    return locale, pattern
