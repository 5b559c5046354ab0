"""A paid checkout posts each order's split in the payment's own transaction, once.

Worked by hand (PLATFORM_FEE_BASIS_POINTS 500, i.e. 5 % of the items, rounded half up), a buyer in Germany
paying in EUR for two Kenyan sellers' orders, each under EUR 150 so the import VAT is collected at sale
(IOSS) and the EUR 3.00 duty is left to the carrier on delivery:

- order A: items 22.18, shipping 12.00 (swift), VAT 19 % of (22.18 + 12.00 + 3.00) = 7.0642 -> 7.06;
  paid now 22.18 + 12.00 + 7.06 = 41.24; fee 22.18 x 5 % = 1.109 -> 1.11; seller 22.18 - 1.11 = 21.07.
- order B: items 44.35, shipping 9.50 (kenya-post), VAT 19 % of (44.35 + 9.50 + 3.00) = 10.8015 -> 10.80;
  paid now 44.35 + 9.50 + 10.80 = 64.65; fee 44.35 x 5 % = 2.2175 -> 2.22; seller 44.35 - 2.22 = 42.13.
- the payment: 41.24 + 64.65 = EUR 105.89.
"""

import pytest

from ewtp.money import Money
from marketplace.ledger.balances import balance, owed, seller_balances
from marketplace.ledger.errors import UnbalancedTransactionError
from marketplace.ledger.models import AccountKind as K
from marketplace.ledger.models import Entry, Transaction
from marketplace.ledger.posting import credit, debit
from marketplace.ledger.sales import order_sale_post, platform_fee
from marketplace.orders.models import OrderStatus
from marketplace.payments.models import Payment
from tests.marketplace.ledger.world import Sale, checkout_placed, deliver, session_completed

pytestmark = pytest.mark.django_db

ORDER_A = Sale(
    items="22.18", shipping="12.00", taxes="7.06", duties="3.00", taxes_at_checkout=True, on_delivery="3.00"
)
ORDER_B = Sale(
    items="44.35", shipping="9.50", taxes="10.80", duties="3.00", taxes_at_checkout=True, on_delivery="3.00",
    partner="kenya-post",
)  # fmt: skip


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def legs_of(transaction) -> set[tuple[str, str, str]]:
    return {
        (kind, party, format(amount.normalize(), "f"))
        for kind, party, amount in transaction.entries.values_list(
            "account__kind", "account__party", "amount"
        )
    }


def test_a_paid_checkout_of_two_sellers_posts_each_orders_split(gateway):
    # given a checkout of two sellers' orders
    payment, (a, b) = checkout_placed(ORDER_A, ORDER_B)
    assert payment.amount == eur("105.89")
    # when the provider says the payment succeeded
    assert deliver("checkout.session.completed", session_completed(payment)) == "succeeded"
    # then each order is paid and its split posted under its own event
    a.refresh_from_db()
    assert a.status == OrderStatus.PAID
    sale_a = Transaction.objects.get(event_key=f"payment:{payment.reference}:{a.reference}")
    sale_b = Transaction.objects.get(event_key=f"payment:{payment.reference}:{b.reference}")
    assert legs_of(sale_a) == {
        ("buyer_clearing", "", "41.24"),
        ("seller_pending", str(a.seller_id), "-21.07"),
        ("platform_fees", "", "-1.11"),
        ("taxes_collected", "DE:ioss", "-7.06"),
        ("shipping_payable", "swift", "-12"),
    }
    assert legs_of(sale_b) == {
        ("buyer_clearing", "", "64.65"),
        ("seller_pending", str(b.seller_id), "-42.13"),
        ("platform_fees", "", "-2.22"),
        ("taxes_collected", "DE:ioss", "-10.8"),
        ("shipping_payable", "kenya-post", "-9.5"),
    }
    assert (sale_a.seller_id_ref, sale_a.reference, sale_a.effective_at) == (
        a.seller_id,
        a.reference,
        a.paid_at,
    )
    # and the accounts read the sums: 41.24 + 64.65, 1.11 + 2.22, 7.06 + 10.80
    assert balance(K.BUYER_CLEARING, "EUR") == eur("105.89")
    assert owed(K.PLATFORM_FEES, "EUR") == eur("3.33")
    assert owed(K.TAXES_COLLECTED, "EUR", "DE:ioss") == eur("17.86")
    assert owed(K.SHIPPING_PAYABLE, "EUR", "swift") == eur("12.00")
    [seller_a] = seller_balances(a.seller_id)
    assert (seller_a.pending, seller_a.available) == (eur("21.07"), eur("0"))


def test_a_replayed_payment_webhook_posts_nothing(gateway):
    # given a paid checkout
    payment, (a, _b) = checkout_placed(ORDER_A, ORDER_B)
    deliver("checkout.session.completed", session_completed(payment), event_id="evt_paid")
    posted = list(Transaction.objects.values_list("pk", flat=True))
    # when the provider sends the event again, under its own id and under a new one
    post_again = deliver("checkout.session.completed", session_completed(payment), event_id="evt_paid")
    other_id = deliver("checkout.session.completed", session_completed(payment), event_id="evt_again")
    # then nothing more is posted
    assert (post_again, other_id) == ("duplicate", "unchanged")
    assert list(Transaction.objects.values_list("pk", flat=True)) == posted and Entry.objects.count() == 10
    # and a receiver run again after a rolled-back retry returns the sale posted then
    a.refresh_from_db()
    assert order_sale_post(order=a, payment_reference=payment.reference).pk == posted[0]
    assert balance(K.BUYER_CLEARING, "EUR") == eur("105.89")


def test_the_sale_commits_with_the_order_becoming_paid_or_not_at_all(gateway, monkeypatch):
    # given a ledger that refuses the second order's split (an unbalanced set of legs)
    payment, (a, b) = checkout_placed(ORDER_A, ORDER_B)
    real = __import__("marketplace.ledger.sales", fromlist=["sale_legs"]).sale_legs

    def refusing(order):
        if order.pk == b.pk:
            return [debit(K.BUYER_CLEARING, eur("1.00")), credit(K.PLATFORM_FEES, eur("0.99"))]
        return real(order)

    monkeypatch.setattr("marketplace.ledger.sales.sale_legs", refusing)
    # when the payment's event is processed, then it fails as a whole
    with pytest.raises(UnbalancedTransactionError):
        deliver("checkout.session.completed", session_completed(payment))
    # and neither order is paid, no sale is posted, the payment is as it was (the worker retries it)
    a.refresh_from_db()
    payment.refresh_from_db()
    assert a.status == OrderStatus.PENDING_PAYMENT and payment.status == Payment.Status.CREATED
    assert not Transaction.objects.exists()


def test_the_platform_fee_is_basis_points_of_the_items_rounded_half_up(settings):
    settings.PLATFORM_FEE_BASIS_POINTS = 500
    assert platform_fee(eur("22.18")) == eur("1.11")  # 1.109
    assert platform_fee(eur("0.30")) == eur("0.02")  # 0.015, a half: up
    assert platform_fee(Money("1999", "JPY")) == Money("100", "JPY")  # 99.95
    settings.PLATFORM_FEE_BASIS_POINTS = 250
    assert platform_fee(Money("10.005", "KWD")) == Money("0.250", "KWD")  # 0.250125
