"""Reading exchange rates and converting Money between currencies.

`fx_rate_table(on=...)` loads, in one query, the latest rate of every currency on or before a date; the
table then converts any number of amounts in memory (a catalogue page, a basket, a benchmark) with no
further query. Each conversion says which rate it used, from which day and source, and whether that rate is
stale (older than FX_STALE_AFTER_DAYS before the date it was used for).

Cross rates go through EUR: 1 X = (rate_Y / rate_X) Y. The cross rate is computed to 12 significant digits,
and that recorded figure is exactly what multiplies the amount, so an order's stored rate reproduces its
converted amounts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Context, Decimal
from typing import NamedTuple

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from ewtp.currencies import QUANTUMS, currency_exponent, currency_validate
from ewtp.fx.ecb import BASE_CURRENCY
from ewtp.fx.errors import FxRateNotFoundError
from ewtp.fx.models import FxRate
from ewtp.money import ROUNDING_CONTEXT, Money

RATE_CONTEXT = Context(prec=12)
ONE = Decimal(1)
ZERO = Decimal(0)
RECENT_WINDOW_DAYS = 45


@dataclass(frozen=True, slots=True)
class Rate:
    """1 EUR = `rate` units of `currency`, published for `day` by `source`."""

    currency: str
    rate: Decimal
    day: date
    source: str


class Conversion(NamedTuple):
    """The result of a conversion (a NamedTuple: immutable and cheap to build on hot paths)."""

    original: Money
    amount: Decimal  # converted, rounded to the target currency's exponent
    currency: str
    rate: Decimal  # target units per source unit, margin included; amount = round(original * rate)
    rate_date: date
    source: str
    stale: bool
    margin: Decimal

    @property
    def money(self) -> Money:
        return Money._trusted(self.amount, self.currency)


# (rate, day, source, stale, quantum of the target currency), cached per currency pair.
CrossRate = tuple[Decimal, date, str, bool, Decimal]


class RateTable:
    """Every currency's latest rate on or before `on`, held in memory."""

    def __init__(
        self,
        rates: dict[str, Rate],
        *,
        on: date,
        stale_after_days: int,
        fallback: Callable[[str, date], Rate | None] | None = None,
    ):
        self.on = on
        self.stale_after_days = stale_after_days
        self._rates = rates
        self._fallback = fallback
        self._missing: set[str] = set()

        self._cross: dict[tuple[str, str], CrossRate] = {}
        self._cross_with_margin: dict[tuple[str, str, Decimal], CrossRate] = {}

    @property
    def currencies(self) -> list[str]:
        return sorted({BASE_CURRENCY, *self._rates})

    @property
    def latest_day(self) -> date | None:
        """The newest day any loaded rate is for: what "prices at the rates of ..." shows."""
        return max((rate.day for rate in self._rates.values()), default=None)

    @property
    def is_stale(self) -> bool:
        latest = self.latest_day
        return latest is None or (self.on - latest).days > self.stale_after_days

    def rate(self, currency: str) -> Rate:
        if currency == BASE_CURRENCY:
            return Rate(BASE_CURRENCY, ONE, self.on, BASE_CURRENCY)
        found = self._rates.get(currency)
        if found is None and self._fallback is not None and currency not in self._missing:
            found = self._fallback(currency_validate(currency), self.on)
            if found is None:
                self._missing.add(currency)  # asked once per table, not once per amount
            else:
                self._rates[currency] = found
        if found is None:
            currency_validate(currency)
            raise FxRateNotFoundError(
                gettext("No %(currency)s exchange rate on or before %(date)s.")
                % {"currency": currency, "date": self.on.isoformat()},
                details={"currency": currency, "date": self.on.isoformat()},
            )
        return found

    def _cross_rate(self, source: str, target: str, margin: Decimal) -> CrossRate:
        cache, key = (
            (self._cross_with_margin, (source, target, margin)) if margin else (self._cross, (source, target))
        )
        cached = cache.get(key)
        if cached is not None:
            return cached
        quantum = QUANTUMS.get(target)
        if quantum is None:
            currency_exponent(target)  # raises for unknown codes and codes without minor unit
        if source == target:
            cached = (ONE, self.on, "identity", False, quantum)
        else:
            leg_from, leg_to = self.rate(source), self.rate(target)
            legs = [leg for leg in (leg_from, leg_to) if leg.currency != BASE_CURRENCY]
            day = min(leg.day for leg in legs)
            names = list(dict.fromkeys(leg.source for leg in legs))
            rate = RATE_CONTEXT.divide(leg_to.rate, leg_from.rate)
            if margin:
                rate = RATE_CONTEXT.multiply(rate, ONE + margin)
            cached = (rate, day, " + ".join(names), (self.on - day).days > self.stale_after_days, quantum)
        cache[key] = cached
        return cached

    def convert(self, money: Money, to: str, *, margin: Decimal = ZERO) -> Conversion:
        """Convert `money` into `to`, rounded to its exponent, with an optional FX margin (0.02 = 2 %)."""
        # The hot path of every catalogue page and basket: one dict lookup, one multiply, one quantize.
        # It reads Money's slots directly (kernel-internal) to skip two property calls.
        entry = None if margin else self._cross.get((money._currency, to))
        if entry is None:
            entry = self._cross_rate(money._currency, to, margin)
        rate, day, source, stale, quantum = entry
        amount = ROUNDING_CONTEXT.quantize(money._amount * rate, quantum)
        return _tuple_new(Conversion, (money, amount, to, rate, day, source, stale, margin))

    def watched(self) -> RateTableWatched:
        """The same rates (and caches) in a table that notes the oldest rate each of its conversions used."""
        return RateTableWatched(self)


class RateTableWatched(RateTable):
    """A RateTable sharing another's rates and caches, noting the oldest rate its conversions used: a quote
    priced through it can say whether any rate behind it is stale, and from when."""

    def __init__(self, table: RateTable):
        # Shares the loaded rates and the cross-rate caches (the same dicts): nothing is loaded twice.
        vars(self).update(vars(table))
        self.oldest_rate_date: date | None = None
        self.stale = False

    def convert(self, money: Money, to: str, *, margin: Decimal = ZERO) -> Conversion:
        conversion = super().convert(money, to, margin=margin)
        self.note(conversion)
        return conversion

    def note(self, conversion: Conversion) -> None:
        """Count a conversion towards the oldest rate and staleness (one into the same currency used none)."""
        if conversion.original.currency != conversion.currency:
            self.note_rate(day=conversion.rate_date, stale=conversion.stale)

    def note_rate(self, *, day: date, stale: bool) -> None:
        """Count a rate used elsewhere with these rates (a shipping option's, say)."""
        if self.oldest_rate_date is None or day < self.oldest_rate_date:
            self.oldest_rate_date = day
        self.stale = self.stale or stale


# Hot-path constructors: tuple.__new__ skips NamedTuple's Python-level __new__ (same fields, same order).
_tuple_new = tuple.__new__


def _latest_rate(currency: str, on: date) -> Rate | None:
    row = (
        FxRate.objects.filter(currency=currency, date__lte=on)
        .order_by("-date")
        .values_list("currency", "rate", "date", "source")
        .first()
    )
    return Rate(*row) if row else None


def fx_rate_table(*, on: date | None = None, stale_after_days: int | None = None) -> RateTable:
    """The latest rate of every currency on or before `on` (default: today).

    One query loads the last RECENT_WINDOW_DAYS of rates, which holds every currency quoted in that time;
    a currency with no rate in that window is looked up on its own the first time it is asked for.
    """
    on = on or timezone.localdate()
    rows = FxRate.objects.filter(date__lte=on, date__gt=on - timedelta(days=RECENT_WINDOW_DAYS)).values_list(
        "currency", "rate", "date", "source"
    )
    rates: dict[str, Rate] = {}
    for currency, rate, day, source in rows:
        if currency not in rates or rates[currency].day < day:
            rates[currency] = Rate(currency, rate, day, source)
    if stale_after_days is None:
        stale_after_days = settings.FX_STALE_AFTER_DAYS
    return RateTable(rates, on=on, stale_after_days=stale_after_days, fallback=_latest_rate)


def fx_convert(*, money: Money, to: str, on: date | None = None, margin: Decimal = ZERO) -> Conversion:
    """Convert one amount with the rates of `on` (default today). For many amounts, use fx_rate_table."""
    return fx_rate_table(on=on).convert(money, to, margin=margin)
