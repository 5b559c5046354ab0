"""The seller dashboard at /sell/: orders to fulfil, shipments on their way, the seller's money from the
ledger and the sales charts, read for the logged-in seller only; figures worked by hand.

The Nairobi workshop sells in KES. Today is 15 November 2026 (UTC); the charts cover December 2025 to
November 2026 and start at the first month with a sale.

    order      ship to  paid         status        KES        counted?
    ORD-A      DE       2026-10-05   delivered     1,500.00   yes
    ORD-B      DE       2026-11-03   paid          2,500.00   yes (to fulfil)
    ORD-C      FR       2026-11-10   in transit    1,000.00   yes (on its way, held in customs)
    ORD-D      FR       2026-11-11   refunded      9,999.00   no: refunded in full
    ORD-OLD    DE       2025-09-30   completed     4,444.00   no: before the 12 months
    ORD-NEW    DE       -            pending pay   3,333.00   no: not paid
    ORD-X      DE       2026-11-12   paid          7,777.00   no: another seller's

    by country: Germany 1,500.00 + 2,500.00 = 4,000.00; France 1,000.00; all 5,000.00 from 3 orders
    by month:   October 1,500.00; November 2,500.00 + 1,000.00 = 3,500.00
"""

from datetime import UTC, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from ewtp import urls as site_urls
from ewtp.money import Money
from logistics.dispatch.models import Party, Shipment, ShipmentCategory
from marketplace.ledger.models import AccountKind as K
from marketplace.ledger.posting import credit, debit, post
from marketplace.orders.models import Checkout, Order, OrderLine
from tests.marketplace.sellers.factories import PASSWORD, SellerFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)
TODAY = "marketplace.orders.templatetags.seller_dashboard.timezone"  # where the dashboard reads the time


def kes(amount: str) -> Money:
    return Money(amount, "KES")


def _shipment(reference: str, seller_id: int, status: str, reason: str = "") -> Shipment:
    party = {"name": "A", "street": "1 Road", "city": "Nairobi", "country": "KE"}
    return Shipment.objects.create(
        seller_id=seller_id, reference=reference, sender=Party.objects.create(**party),
        receiver=Party.objects.create(**party), category=ShipmentCategory.SALE_OF_GOODS,
        currency="KES", status=status, status_reason=reason,
    )  # fmt: skip


def make_order(seller, reference, *, ship_to, amount, status, paid_at=None, shipment=None) -> Order:
    """An order as checkout leaves it, then moved to `status` (orders' own tests cover the moves)."""
    checkout = Checkout.objects.create(reference=f"chk-{reference}", currency="EUR")
    zero = Decimal(0)
    order = Order.objects.create(
        reference=reference, checkout=checkout, review_version=1, seller=seller, email="b@example.com",
        currency="EUR", items_amount=zero, shipping_amount=zero, duties_amount=zero, taxes_amount=zero,
        fees_amount=zero, total_amount=zero, due_at_checkout_amount=zero, due_on_delivery_amount=zero,
        seller_currency="KES", seller_items_amount=Decimal(amount), incoterm="DAP", ship_to=ship_to,
        address={}, shipping_option={}, fx_rates={}, snapshot={},
    )  # fmt: skip
    OrderLine.objects.create(
        order=order, position=1, title=f"Basket {reference}", sku="B", quantity=2,
        unit_price=Decimal(amount) / 2, unit_price_buyer=zero, line_total_buyer=zero, fx_rate=Decimal(1),
        fx_rate_date=NOW.date(), fx_source="ECB", hs_code="460200", origin_country="KE",
        net_weight_kg=Decimal("0.5"),
    )  # fmt: skip
    shipment_id = _shipment(reference, seller.pk, *shipment).pk if shipment else None
    Order.objects.filter(pk=order.pk).update(status=status, paid_at=paid_at, shipment_id=shipment_id)
    return order


@pytest.fixture
def shop(client, monkeypatch):
    """The verified Kenyan seller's orders of the table above, logged in, on 15 November 2026."""
    monkeypatch.setattr(TODAY, SimpleNamespace(now=lambda: NOW))
    seller = SellerFactory(verified=True, country="KE")
    other = SellerFactory(verified=True, country="KE")
    make_order(seller, "ORD-A", ship_to="DE", amount="1500.00", status="delivered",
               paid_at=datetime(2026, 10, 5, 9, tzinfo=UTC), shipment=("delivered",))  # fmt: skip
    make_order(seller, "ORD-B", ship_to="DE", amount="2500.00", status="paid",
               paid_at=datetime(2026, 11, 3, 9, tzinfo=UTC), shipment=("awaiting_partner",))  # fmt: skip
    make_order(seller, "ORD-C", ship_to="FR", amount="1000.00", status="in_transit",
               paid_at=datetime(2026, 11, 10, 9, tzinfo=UTC),
               shipment=("customs_hold", "Awaiting proof of value"))  # fmt: skip
    make_order(seller, "ORD-D", ship_to="FR", amount="9999.00", status="refunded",
               paid_at=datetime(2026, 11, 11, 9, tzinfo=UTC))  # fmt: skip
    make_order(seller, "ORD-OLD", ship_to="DE", amount="4444.00", status="completed",
               paid_at=datetime(2025, 9, 30, 9, tzinfo=UTC))  # fmt: skip
    make_order(seller, "ORD-NEW", ship_to="DE", amount="3333.00", status="pending_payment")
    make_order(other, "ORD-X", ship_to="DE", amount="7777.00", status="paid",
               paid_at=datetime(2026, 11, 12, 9, tzinfo=UTC))  # fmt: skip
    client.login(username=seller.user.email, password=PASSWORD)
    return SimpleNamespace(client=client, seller=seller, other=other)


def page(shop) -> str:
    response = shop.client.get("/sell/")
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, element_id: str) -> str:
    start = html.index(f'id="{element_id}"')
    return html[start : html.index("</section>", start)]


def test_orders_to_fulfil_are_the_paid_ones_and_shipments_show_their_status(shop):
    html = page(shop)
    fulfil = section(html, "dashboard-fulfil")
    # only ORD-B is paid and not yet sent (ORD-X is the other seller's)
    assert "1 paid order is waiting to be sent." in fulfil
    assert 'href="/sell/orders/ORD-B/"' in fulfil and "2 \u00d7 Basket ORD-B" in fulfil
    assert "Germany" in fulfil and "KES2,500.00" in fulfil
    assert 'data-shipment-status="awaiting_partner"' in fulfil
    assert "ORD-X" not in html and "7,777" not in html
    # ORD-C is on its way, held in customs with the reason; the delivered ORD-A is not listed
    under_way = section(html, "dashboard-shipments")
    assert 'href="/sell/orders/ORD-C/"' in under_way and "France" in under_way
    assert 'data-shipment-status="customs_hold"' in under_way
    assert "Held in customs (Awaiting proof of value)" in under_way
    assert "ORD-A" not in under_way and "ORD-B" not in under_way


def test_the_sales_charts_show_the_hand_worked_figures(shop):
    sales = section(page(shop), "dashboard-sales")
    # 1,500.00 + 2,500.00 + 1,000.00 = 5,000.00 from ORD-A, B and C
    assert "KES5,000.00 from 3 orders" in sales
    assert "from October 2026 to November 2026" in sales
    # by country: Germany 4,000.00 (the full 180 units), France 1,000.00 (180 x 1,000 / 4,000 = 45.0),
    # rows of 42 units: labels at 15 and 57, bars at 21 and 63, amounts 6 units after the bars
    assert '<text x="0" y="15">Germany</text>' in sales
    assert '<rect x="0" y="21" width="180.0" height="14"' in sales
    assert '<text x="186.0" y="33">KES4,000.00</text>' in sales
    assert '<text x="0" y="57">France</text>' in sales
    assert '<rect x="0" y="63" width="45.0" height="14"' in sales
    assert '<text x="51.0" y="75">KES1,000.00</text>' in sales
    # by month: November 3,500.00 fills the 140-unit plot, October 1,500.00 is 140 x 1,500 / 3,500 = 60.0
    # high, so its top is at 164 - 60 = 104; two slots of 156, bars 40 wide, at 62.0 and 218.0
    assert '<rect x="62.0" y="104.0" width="40.0" height="60.0"' in sales
    assert '<rect x="218.0" y="24.0" width="40.0" height="140.0"' in sales
    assert "October 2026: KES1,500.00" in sales and "November 2026: KES3,500.00" in sales
    # the month labels: Oct with its year under it (the first month), Nov alone
    assert ">Oct</text>" in sales and ">2026</text>" in sales and ">Nov</text>" in sales
    # what is left out: refunded, too old, unpaid
    assert "9,999" not in sales and "4,444" not in sales and "3,333" not in sales


def test_the_charts_are_accessible_images_with_their_figures_in_tables(shop):
    sales = section(page(shop), "dashboard-sales")
    for chart in ("sales-by-country-kes", "sales-by-month-kes"):
        assert f'role="img" aria-labelledby="{chart}-title {chart}-desc"' in sales
        assert f'<title id="{chart}-title">' in sales and f'<desc id="{chart}-desc">' in sales
    assert "KES5,000.00 in all; the most, KES4,000.00, in Germany. Every figure is in the table." in sales
    assert '<th scope="row">Germany</th><td>KES4,000.00</td>' in sales
    assert '<th scope="row">October 2026</th><td class="num">KES1,500.00</td>' in sales
    # drawn to scale on any screen (a 412 px phone included): a viewBox, the width of its container
    assert 'viewBox="0 0 320 84" width="100%"' in sales
    assert 'viewBox="0 0 320 200" width="100%"' in sales
    assert "<script" not in sales


def test_the_balance_reads_the_seller_ledger_postings_per_currency(shop, settings):
    seller, other = shop.seller.pk, shop.other.pk
    # given ORD-B paid: KES 2,700.00 from the buyer = 2,375.00 for the seller (2,500.00 less the 5 % fee
    # of 125.00) + 125.00 fee + 200.00 shipping
    post(event_key="payment:pay_1:ORD-B", kind="payment", seller_id=seller, legs=[
        debit(K.BUYER_CLEARING, kes("2700.00")), credit(K.SELLER_PENDING, kes("2375.00"), party=seller),
        credit(K.PLATFORM_FEES, kes("125.00")), credit(K.SHIPPING_PAYABLE, kes("200.00"), party="swift"),
    ])  # fmt: skip
    # and ORD-A paid (1,425.00 for the seller), released after delivery, and KES 1,000.00 paid out
    post(event_key="payment:pay_2:ORD-A", kind="payment", seller_id=seller, legs=[
        debit(K.BUYER_CLEARING, kes("1600.00")), credit(K.SELLER_PENDING, kes("1425.00"), party=seller),
        credit(K.PLATFORM_FEES, kes("75.00")), credit(K.SHIPPING_PAYABLE, kes("100.00"), party="swift"),
    ])  # fmt: skip
    post(event_key="release:ORD-A", kind="release", seller_id=seller, legs=[
        debit(K.SELLER_PENDING, kes("1425.00"), party=seller),
        credit(K.SELLER_PAYABLE, kes("1425.00"), party=seller),
    ])  # fmt: skip
    post(event_key="payout:po_1", kind="payout", seller_id=seller, legs=[
        debit(K.SELLER_PAYABLE, kes("1000.00"), party=seller),
        credit(K.PAYOUTS, kes("1000.00"), party=seller),
    ])  # fmt: skip
    # and a sale in EUR: 50.00 paid, 47.50 for the seller, 2.50 fee
    post(event_key="payment:pay_3:ORD-E", kind="payment", seller_id=seller, legs=[
        debit(K.BUYER_CLEARING, Money("50.00", "EUR")),
        credit(K.SELLER_PENDING, Money("47.50", "EUR"), party=seller),
        credit(K.PLATFORM_FEES, Money("2.50", "EUR")),
    ])  # fmt: skip
    # and the other seller's KES 6,543.21 pending
    post(event_key="payment:pay_4:ORD-X", kind="payment", seller_id=other, legs=[
        debit(K.BUYER_CLEARING, kes("6543.21")), credit(K.SELLER_PENDING, kes("6543.21"), party=other),
    ])  # fmt: skip
    settings.PAYOUT_HOLD_DAYS = 14

    balance = section(page(shop), "dashboard-balance")

    # then KES: pending 2,375.00 + 1,425.00 - 1,425.00 = 2,375.00; payable 1,425.00 - 1,000.00 = 425.00;
    # paid out 1,000.00; EUR: 47.50 pending, nothing payable or paid out; currencies in code order
    assert balance.index('data-currency="EUR"') < balance.index('data-currency="KES"')
    assert (
        '<tr data-currency="KES"><th scope="row">KES</th><td class="num" data-balance="pending">KES2,375.00'
        '</td><td class="num" data-balance="available">KES425.00</td><td class="num" '
        'data-balance="paid_out">KES1,000.00</td></tr>'
    ) in balance
    assert 'data-balance="pending">€47.50</td><td class="num" data-balance="available">€0.00' in balance
    assert "6,543.21" not in balance
    assert "pending until 14 days after the parcel is delivered" in balance
    assert "You owe" not in balance


def test_a_refund_after_a_payout_shows_what_the_seller_owes(shop):
    seller = shop.seller.pk
    post(event_key="refund:rf_1", kind="refund", seller_id=seller, legs=[
        debit(K.SELLER_PAYABLE, kes("300.00"), party=seller), credit(K.REFUNDS, kes("300.00")),
    ])  # fmt: skip
    balance = section(page(shop), "dashboard-balance")
    assert 'data-balance="available">-KES300.00' in balance
    # then the payable KES -300.00 reads as KES 300.00 owed, taken from the next payouts
    assert "You owe KES300.00: a refund or dispute came after the money was paid out." in balance


class SiteWithoutPayouts:
    """The site's URLs as they were before the payouts page landed (a URLconf may be any object)."""

    urlpatterns = [
        pattern
        for pattern in site_urls.urlpatterns
        if getattr(pattern, "namespace", None) not in ("seller_payouts", "payouts")
    ]


def test_the_payouts_page_is_linked_only_where_it_exists(shop, settings):
    # where the site has the payouts page (marketplace.payouts, as seller_payouts:list), it is linked
    assert 'href="/sell/payouts/" id="payouts-link"' in page(shop)
    # and a site without it (before it landed) shows the dashboard without the link
    settings.ROOT_URLCONF = SiteWithoutPayouts
    html = page(shop)
    assert 'id="dashboard-balance"' in html and 'id="payouts-link"' not in html


def test_a_new_seller_sees_an_empty_dashboard_that_says_what_will_come(client, monkeypatch):
    monkeypatch.setattr(TODAY, SimpleNamespace(now=lambda: NOW))
    seller = SellerFactory(verified=True, country="KE")
    client.login(username=seller.user.email, password=PASSWORD)
    html = client.get("/sell/").content.decode()
    assert "No paid orders are waiting to be sent." in html
    assert "No parcels are on their way to buyers." in html
    assert "No money yet: it shows here as soon as a buyer pays for one of your orders." in html
    assert "No sales in the last twelve months." in html
    assert "<svg" not in html and '<table id="balances"' not in html


def test_a_seller_still_onboarding_sees_no_trade_sections(client):
    seller = SellerFactory(complete=True)
    client.login(username=seller.user.email, password=PASSWORD)
    html = client.get("/sell/").content.decode()
    assert "To finish setting up" in html or "Everything is ready." in html
    assert 'id="dashboard-balance"' not in html and 'id="dashboard-sales"' not in html


def test_the_dashboard_reads_in_a_fixed_number_of_queries(shop, django_assert_max_num_queries):
    for n in range(30):
        make_order(shop.seller, f"ORD-M{n}", ship_to="US", amount="10.00", status="paid",
                   paid_at=datetime(2026, 6, 1, 9, tzinfo=UTC))  # fmt: skip
    with django_assert_max_num_queries(20):
        html = page(shop)
    # 20 listed of the 31 to fulfil, the rest linked
    assert "31 paid orders are waiting to be sent." in html and "and 11 more orders" in html


def _payout(seller, reference: str, status: str, reason: str = ""):
    from marketplace.payouts.models import Payout

    return Payout.objects.create(
        reference=reference, seller=seller, method="stripe", source_currency="EUR",
        source_amount=Decimal("10.00"), currency="KES", amount=Decimal("1443.00"), fx_rate=Decimal("144.3"),
        fx_rate_date=NOW.date(), fx_source="ECB", platform_fee_amount=Decimal("0.53"), status=status,
        hold_reason=reason,
    )  # fmt: skip


def test_a_held_payout_is_shown_with_its_reason_to_its_seller_only(shop):
    # given a payout held because the seller's Stripe account is restricted, one paid, and another seller's
    _payout(shop.seller, "po_held", "held", "Your Stripe account needs your ID document.")
    _payout(shop.seller, "po_paid", "paid")
    _payout(shop.other, "po_other", "held", "Another seller's reason.")
    # then the dashboard says the payout of KES 1,443.00 is held, and why
    money = section(page(shop), "dashboard-balance")
    assert 'data-held="po_held"' in money and "Your Stripe account needs your ID document." in money
    assert "1,443.00" in money
    # and nothing of the paid payout or of the other seller's
    assert 'data-held="po_paid"' not in money and "po_other" not in money and "Another seller" not in money
