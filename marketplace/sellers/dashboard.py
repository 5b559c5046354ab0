"""The seller's dashboard at /sell/, the parts sellers may know of: the seller's money as the ledger holds it,
and the charts drawn from the sales that marketplace.orders.seller_dashboard reads (sellers never imports
orders: the dashboard template brings the two together through {% load seller_dashboard %}).

Sales come per currency (`CurrencySales`): a seller who changed currency gets one pair of charts per
currency, and amounts in two currencies are never added up. The months chart runs from the first month with a
sale in the window to the current month, so a new seller sees no row of empty months.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ewtp.countries import country_name
from ewtp.money import Money
from marketplace.ledger.balances import SellerBalance, seller_balances
from marketplace.sellers.charts import Chart, Point, columns_chart, rows_chart

MONTHS = 12  # the charts cover the current month and the eleven before it
TOP_COUNTRIES = 8  # more destinations than this are summed as "Other countries"
OTHER = "other"


def month_start(day: date) -> date:
    return day.replace(day=1)


def months_back(month: date, count: int) -> date:
    """The first of the month `count` months before `month` (after it when `count` is negative)."""
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class CurrencySales:
    """The goods sold in one currency: totals by destination country code and by month (its first day)."""

    currency: str
    by_country: dict[str, Decimal]
    by_month: dict[date, Decimal]
    orders: int


@dataclass(frozen=True)
class SalesCharts:
    currency: str
    total: Money
    orders: int
    by_country: Chart
    by_month: Chart


@dataclass(frozen=True)
class SalesOverview:
    charts: list[SalesCharts]
    first_month: date  # the months the charts cover, both included
    last_month: date


@dataclass(frozen=True)
class BalanceRow:
    """A seller's money in one currency, and what the seller owes when a refund or dispute after a payout took
    the payable amount below zero (recovered from the next payouts)."""

    balance: SellerBalance

    @property
    def owed(self) -> Money | None:
        available = self.balance.available
        return -available if available.amount < 0 else None


def seller_money(*, seller_id: int) -> list[BalanceRow]:
    """The seller's pending, payable and paid-out money per currency, from the ledger (one query)."""
    return [BalanceRow(balance) for balance in seller_balances(seller_id)]


def _country_points(totals: dict[str, Decimal], *, currency: str, locale: str) -> list[Point]:
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    points = [
        Point(key=code, label=country_name(code, locale), amount=Money(total, currency).round())
        for code, total in ranked[:TOP_COUNTRIES]
    ]
    rest = ranked[TOP_COUNTRIES:]
    if rest:
        amount = Money(sum((total for _code, total in rest), Decimal(0)), currency).round()
        label = _("Other countries (%(count)s)") % {"count": len(rest)}
        points.append(Point(key=OTHER, label=label, amount=amount))
    return points


def _month_points(totals: dict[date, Decimal], *, currency: str, first: date, last: date) -> list[Point]:
    points = []
    month = first
    while month <= last:
        points.append(
            Point(
                key=f"{month:%Y-%m}",
                label=date_format(month, "M"),
                long_label=date_format(month, "YEAR_MONTH_FORMAT"),
                sublabel=date_format(month, "Y"),
                amount=Money(totals.get(month, Decimal(0)), currency).round(),
            )
        )
        month = months_back(month, -1)
    return points


def _describe(points: list[Point], total: Money, locale: str) -> str:
    if not points:
        return ""
    top = max(points, key=lambda point: point.amount)
    return _("%(total)s in all; the most, %(top_amount)s, in %(top)s. Every figure is in the table.") % {
        "total": total.format(locale),
        "top_amount": top.amount.format(locale),
        "top": top.full_label,
    }


def sales_charts(*, sales: list[CurrencySales], today: date, locale: str) -> SalesOverview:
    """A chart by destination country and one by month for each currency the seller sold in."""
    months_sold = [month for currency in sales for month in currency.by_month]
    # A sale dated after today's month (a clock ahead, another time zone) extends the chart, never empties it.
    last = max([month_start(today), *months_sold])
    first = min(months_sold, default=last)
    charts = []
    for currency_sales in sales:
        currency = currency_sales.currency
        countries = _country_points(currency_sales.by_country, currency=currency, locale=locale)
        months = _month_points(currency_sales.by_month, currency=currency, first=first, last=last)
        total = Money.sum([point.amount for point in countries], currency)
        by_country = rows_chart(
            chart_id=f"sales-by-country-{currency.lower()}",
            title=_("Sales by destination country, in %(currency)s") % {"currency": currency},
            description=_describe(countries, total, locale),
            currency=currency,
            points=countries,
            locale=locale,
        )
        by_month = columns_chart(
            chart_id=f"sales-by-month-{currency.lower()}",
            title=_("Sales by month, in %(currency)s") % {"currency": currency},
            description=_describe(months, total, locale),
            currency=currency,
            points=months,
            locale=locale,
        )
        charts.append(SalesCharts(currency, total, currency_sales.orders, by_country, by_month))
    return SalesOverview(charts=charts, first_month=first, last_month=last)
