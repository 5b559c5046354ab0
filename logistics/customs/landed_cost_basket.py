"""A landed-cost basket in the destination's currency, and the figures a quote is made of.

Conversions use the quote date's rates; a missing rate is a LandedCostRateMissingError naming the field it
was needed for. The converter remembers the latest rate date it used, which the quote shows. Duty and tax
are rounded the destination's way (`Basket.round`: half up, or down as Japan does); converted amounts and
carrier fees half up, as every amount on the platform.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from ewtp.fx.conversion import RateTable
from ewtp.fx.errors import FxRateNotFoundError
from ewtp.money import Money
from logistics.customs.errors import LandedCostRateMissingError
from logistics.customs.rules_models import Rounding


@dataclass(frozen=True, slots=True)
class Figure:
    """One amount of the quote with what it was computed from and the rule data behind it."""

    label: str  # lazily translated
    amount: Money
    source: str
    valid_from: date | None
    estimate: bool = False
    rate: Decimal | None = None
    base: Money | None = None
    source_url: str = ""
    origin: str = ""  # the goods' origin, for a duty charged on that origin only


class Converter:
    """Conversions with the quote date's rates, turning a missing rate into an error naming the field."""

    def __init__(self, rates: RateTable):
        self.rates = rates
        self.rate_date: date | None = None

    def __call__(self, money: Money, currency: str, *, field_name: str) -> Money:
        if money.currency == currency:
            return money
        try:
            conversion = self.rates.convert(money, currency)
        except FxRateNotFoundError as exc:
            raise LandedCostRateMissingError(
                f"Cannot convert {money.currency} into {currency} for {field_name}: no "
                f"{exc.details.get('currency')} exchange rate on or before {self.rates.on}.",
                details={field_name: exc.message},
            ) from None
        self.rate_date = max(self.rate_date or conversion.rate_date, conversion.rate_date)
        return conversion.money


@dataclass(frozen=True, slots=True)
class Basket:
    """The lines and shipping as given (`originals`, `shipping_original`) and in `currency`, rounded;
    each line's unit value as given and its goods' origin."""

    currency: str
    originals: list[Money]
    shipping_original: Money
    line_values: list[Money]
    goods: Money
    shipping: Money
    convert: Converter
    unit_originals: list[Money]
    origins: list[str]
    rounding: str = Rounding.HALF_UP

    @property
    def zero(self) -> Money:
        return Money.zero(self.currency)

    def round(self, money: Money) -> Money:
        """A duty or tax rounded to the currency's exponent the destination's way."""
        if self.rounding == Rounding.DOWN:
            quantum = Decimal(1).scaleb(-money.exponent)
            return Money(money.amount.quantize(quantum, rounding=ROUND_DOWN), money.currency)
        return money.round()

    def value_in(
        self, currency: str, *, with_shipping: bool, per_item: bool = False, factor: Decimal = Decimal(1)
    ) -> Money:
        """The basket in `currency` for a band limit, converted from each line's own currency, so that
        EUR lines meet the EUR 150 limit exactly (not rounded: the limit is compared with the exact value).

        `per_item`: the dearest single item instead of the basket (Norway's VOEC). `factor`: the share of
        the goods' value that is their customs value (Japan, personal imports: 60 % of the retail price)."""
        if per_item:
            total = max(
                self.convert(m, currency, field_name="threshold.currency") for m in self.unit_originals
            )
        else:
            total = Money.sum(
                (self.convert(m, currency, field_name="threshold.currency") for m in self.originals), currency
            )
        if factor != 1:
            total = total * factor
        if with_shipping:
            total += self.convert(self.shipping_original, currency, field_name="threshold.currency")
        return total

    def from_rule(self, amount: Decimal, rule_currency: str) -> Money:
        """A rule's fixed amount (a duty per subheading, a fee, a minimum) in the basket's currency."""
        return self.convert(Money(amount, rule_currency), self.currency, field_name="threshold.currency")
