"""What the seller's dashboard at /sell/ reads of the seller's orders: those to fulfil, those on their way
with their shipment's status, and the sales of the last months by destination country and by month.

It lives with orders because sellers never imports orders (orders import listings, which sellers never
import): the dashboard template loads it through {% load seller_dashboard %}, and
marketplace.sellers.dashboard draws the sales as charts. Every read is of one seller's own orders, in a fixed
number of queries whatever their number.

Sales are the goods at the seller's own prices (`Order.seller_items_amount`, in `Order.seller_currency`) of
the orders paid for and not refunded in full, cancelled or disputed (PAID_STATES), dated by payment, over the
current month and the MONTHS - 1 before it. A partial refund is in the buyer's currency and is not taken
off. A seller who changed currency has sales in each: amounts in two currencies are never added up.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ewtp.countries import country_name
from logistics.tracking.selectors import ShipmentStatusView, shipments_status
from marketplace.orders.models import Order, OrderStatus
from marketplace.orders.order_models import PAID_STATES
from marketplace.sellers.dashboard import (
    MONTHS,
    CurrencySales,
    SalesOverview,
    month_start,
    months_back,
    sales_charts,
)

LIST_LIMIT = 20  # orders shown in each list; the rest are under /sell/orders/
UNDER_WAY = [OrderStatus.DISPATCHED, OrderStatus.IN_TRANSIT]


@dataclass(frozen=True)
class OrderRow:
    order: Order
    destination: str  # the country's name in the reader's language
    shipment: ShipmentStatusView | None


@dataclass(frozen=True)
class OrderList:
    rows: list[OrderRow]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def _order_list(orders, *, locale: str, oldest_first: bool) -> OrderList:
    ordering = ["paid_at", "id"] if oldest_first else ["-paid_at", "-id"]
    rows = list(orders.prefetch_related("lines").order_by(*ordering)[:LIST_LIMIT])
    total = len(rows) if len(rows) < LIST_LIMIT else orders.count()
    statuses = shipments_status(shipment_ids=[order.shipment_id for order in rows])
    return OrderList(
        rows=[
            OrderRow(order, country_name(order.ship_to, locale), statuses.get(order.shipment_id))
            for order in rows
        ],
        total=total,
    )


def orders_to_fulfil(*, seller_id: int, locale: str) -> OrderList:
    """Paid orders not yet handed to a carrier, the oldest first (the first to ship)."""
    orders = Order.objects.filter(seller_id=seller_id, status=OrderStatus.PAID)
    return _order_list(orders, locale=locale, oldest_first=True)


def orders_under_way(*, seller_id: int, locale: str) -> OrderList:
    """Dispatched orders not yet delivered, with their shipment's status, the latest paid first."""
    orders = Order.objects.filter(seller_id=seller_id, status__in=UNDER_WAY)
    return _order_list(orders, locale=locale, oldest_first=False)


def seller_sales(*, seller_id: int, now: datetime) -> list[CurrencySales]:
    """The seller's sales per currency (by currency code) over the current month of `now` and the
    MONTHS - 1 before it, by destination country and by month of payment (two queries)."""
    first = months_back(month_start(timezone.localdate(now)), MONTHS - 1)
    since = timezone.make_aware(datetime(first.year, first.month, 1))
    sales = Order.objects.filter(seller_id=seller_id, status__in=PAID_STATES, paid_at__gte=since)
    by_country = (
        sales.values_list("seller_currency", "ship_to").annotate(total=Sum("seller_items_amount")).order_by()
    )
    by_month = (
        sales.annotate(month=TruncMonth("paid_at"))
        .values_list("seller_currency", "month")
        .annotate(total=Sum("seller_items_amount"), orders=Count("id"))
        .order_by()
    )
    countries: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for currency, code, total in by_country:
        countries[currency][code] = total
    months: dict[str, dict] = defaultdict(dict)
    counts: dict[str, int] = defaultdict(int)
    for currency, month, total, orders in by_month:
        months[currency][month.date() if isinstance(month, datetime) else month] = total
        counts[currency] += orders
    return [
        CurrencySales(
            currency=currency,
            by_country=countries[currency],
            by_month=months[currency],
            orders=counts[currency],
        )
        for currency in sorted(countries)
    ]


@dataclass(frozen=True)
class SellerTrade:
    to_fulfil: OrderList
    under_way: OrderList
    sales: SalesOverview


def seller_trade(*, seller_id: int, now: datetime, locale: str) -> SellerTrade:
    """The dashboard's orders and sales charts of one seller, in the reader's `locale`."""
    return SellerTrade(
        to_fulfil=orders_to_fulfil(seller_id=seller_id, locale=locale),
        under_way=orders_under_way(seller_id=seller_id, locale=locale),
        sales=sales_charts(
            sales=seller_sales(seller_id=seller_id, now=now), today=timezone.localdate(now), locale=locale
        ),
    )
