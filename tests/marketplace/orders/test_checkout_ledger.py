"""A checkout through the pages, paid with the built-in test gateway, reaches the ledger: the order's split is
posted once, and a full refund gives every account back.

Worked by hand (test_checkout_flow.py has the basket: rates of 2026-10-30, seeded rules): the buyer pays
EUR 44.24 = items 22.18 + shipping 12.00 + duty 3.00 + import VAT 7.06 (IOSS, collected at sale).
Platform fee 5 % (PLATFORM_FEE_BASIS_POINTS 500) of 22.18 = 1.109 -> EUR 1.11; the seller's share
22.18 - 1.11 = EUR 21.07. Check: 21.07 + 1.11 + 12.00 + 3.00 + 7.06 = 44.24.
"""

import pytest

from ewtp.money import Money
from marketplace.ledger.balances import owed, seller_balances
from marketplace.ledger.chain import chain_verify
from marketplace.ledger.models import AccountKind as K
from marketplace.ledger.models import Transaction
from marketplace.orders.models import Order
from marketplace.orders.refunds import order_refund, refunded_marker

pytestmark = pytest.mark.django_db


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def test_a_paid_checkout_posts_the_orders_split_once_and_a_full_refund_gives_it_back(
    buyer, basket, settings, django_capture_on_commit_callbacks
):
    settings.PLATFORM_FEE_BASIS_POINTS = 500
    buyer.add(basket)
    buyer.checkout()
    gateway_page = buyer.pay().url
    buyer.card(gateway_page)
    order = Order.objects.get()
    # then one payment transaction, split as worked out above
    [sale] = Transaction.objects.filter(kind="payment")
    assert sale.event_key.endswith(f":{order.reference}") and sale.reference == order.reference
    assert owed(K.BUYER_CLEARING, "EUR") == eur("44.24")
    assert owed(K.SELLER_PENDING, "EUR", order.seller_id) == eur("21.07")
    assert owed(K.PLATFORM_FEES, "EUR") == eur("1.11")
    assert owed(K.SHIPPING_PAYABLE, "EUR", "swift") == eur("12.00")
    assert owed(K.TAXES_COLLECTED, "EUR", "DE:ioss") == eur("7.06")
    assert owed(K.TAXES_COLLECTED, "EUR", "DE:duty") == eur("3.00")
    [money] = seller_balances(order.seller_id)
    assert (money.pending, money.available) == (eur("21.07"), eur("0"))
    # when the same card page is submitted again (a replayed payment): nothing more is posted
    buyer.card(gateway_page)
    assert Transaction.objects.filter(kind="payment").count() == 1
    # when an operator refunds the whole order (the gateway's refund and its event run after commit)
    with django_capture_on_commit_callbacks(execute=True):
        order_refund(order=order, amount=None, reason="Damaged", refunded_before=refunded_marker(order),
                     by=None, as_operator=True)  # fmt: skip
    # then every account of the sale is back at zero, and EUR 44.24 is owed back through REFUNDS
    sale_accounts = [
        (K.SELLER_PENDING, order.seller_id), (K.PLATFORM_FEES, ""), (K.SHIPPING_PAYABLE, "swift"),
        (K.TAXES_COLLECTED, "DE:ioss"), (K.TAXES_COLLECTED, "DE:duty"),
    ]  # fmt: skip
    for kind, party in sale_accounts:
        assert owed(kind, "EUR", party) == eur("0"), kind
    assert owed(K.REFUNDS, "EUR") == eur("-44.24")  # credited: money that left for the buyer
    # and the chain is intact
    assert chain_verify() == (Transaction.objects.count(), None)
