"""20 buyers race for the last 5 items, with real threads on PostgreSQL: exactly 5 orders are paid, the stock
ends at 0, and the other 15 are told there is none left. Each buyer goes to payment (stock reserved with the
listing's row locked) and pays with the test gateway (stock taken by a conditional UPDATE) at once."""

import threading
from collections import Counter

import pytest
from django.conf import settings
from django.db import connections

from ewtp.fx.conversion import fx_rate_table
from marketplace.orders.cart import cart_item_add
from marketplace.orders.checkout import checkout_address_set, checkout_open, checkout_review
from marketplace.orders.errors import StockInsufficientError
from marketplace.orders.models import Cart, Order, OrderStatus
from marketplace.orders.paying import checkout_pay
from marketplace.payments.gateways.builtin import CARD_SUCCEEDS, hosted_card_submit
from marketplace.payments.models import Payment
from tests.marketplace.orders.conftest import ADDRESS_DE, TODAY

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL): SQLite serialises every write anyway"
    ),
]

BUYERS = 20
STOCK = 5


def checkout_ready(listing, n: int):
    """A guest's checkout of one item, reviewed and ready to pay."""
    cart = Cart.objects.create(session_key=f"race-{n}")
    cart_item_add(cart=cart, listing_id=listing.pk, quantity=1)
    checkout = checkout_open(cart=cart, user=None, currency="EUR")
    checkout_address_set(checkout=checkout, data={**ADDRESS_DE, "email": f"buyer{n}@example.com"})
    rates = fx_rate_table(on=TODAY)
    checkout_review(checkout=checkout, rates=rates, on=TODAY)
    return checkout


def race(checkouts) -> list[str]:
    """Every buyer presses Pay and pays at the same moment; what each got: "paid" or the refusal's class."""
    barrier = threading.Barrier(len(checkouts))
    outcomes: list[str] = []

    def run(checkout):
        try:
            barrier.wait()
            rates = fx_rate_table(on=TODAY)
            checkout_pay(
                checkout=checkout, review_version=checkout.review_version, currency="EUR", rates=rates,
                on=TODAY, success_url="http://testserver/done/", cancel_url="http://testserver/review/",
            )  # fmt: skip
            hosted_card_submit(
                payment=Payment.objects.get(purpose_reference=checkout.reference), card_number=CARD_SUCCEEDS
            )
            outcomes.append(Order.objects.get(checkout=checkout).status)
        except StockInsufficientError as exc:
            assert "sold out" in exc.message  # the refusal the buyer reads
            outcomes.append(type(exc).__name__)
        finally:
            connections.close_all()  # each thread has its own connection

    threads = [threading.Thread(target=run, args=(checkout,)) for checkout in checkouts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def test_twenty_buyers_racing_for_five_items_make_five_paid_orders_and_fifteen_clear_refusals(
    basket, celery_eager
):
    # given 5 in stock and 20 buyers each ready to pay for one
    basket.stock = STOCK
    basket.save()
    checkouts = [checkout_ready(basket, n) for n in range(BUYERS)]
    # when they all pay at once
    outcomes = race(checkouts)
    # then exactly 5 are paid and 15 refused, the stock is 0 and no order was refunded for lack of stock
    assert Counter(outcomes) == {OrderStatus.PAID: STOCK, "StockInsufficientError": BUYERS - STOCK}
    basket.refresh_from_db()
    assert basket.stock == 0
    assert Order.objects.filter(status=OrderStatus.PAID).count() == STOCK
    assert not Order.objects.filter(stock_shortfall=True).exists()
    assert Payment.objects.count() == STOCK  # nobody refused was charged
