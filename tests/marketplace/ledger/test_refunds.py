"""Refunds and disputes give an order's sale back in proportion, once, from wherever the seller's money is.

Order A of test_sales.py: paid EUR 41.24 = seller 21.07 + fee 1.11 + IOSS VAT 7.06 + shipping 12.00
(in minor units 2107 + 111 + 706 + 1200 = 4124). Order B: paid 64.65 = 42.13 + 2.22 + 10.80 + 9.50.
"""

import pytest

from ewtp.money import Money
from marketplace.ledger.balances import balance, owed, seller_balances
from marketplace.ledger.models import AccountKind as K
from marketplace.ledger.models import Transaction
from marketplace.ledger.posting import credit, debit, post
from marketplace.payments.services import refund_request
from tests.marketplace.ledger.test_sales import ORDER_A, ORDER_B, legs_of
from tests.marketplace.ledger.world import (
    Sale,
    charge_refunded,
    checkout_placed,
    deliver,
    dispute_created,
    session_completed,
)

pytestmark = pytest.mark.django_db


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def paid(*sales: Sale):
    payment, orders = checkout_placed(*sales)
    deliver("checkout.session.completed", session_completed(payment))
    payment.refresh_from_db()
    for order in orders:
        order.refresh_from_db()
    return payment, orders


def refund(payment, order, amount: str, *, refunded_in_all: int):
    """Refund `amount` of `order` through the platform; the provider then reports the charge refunded."""
    made = refund_request(
        payment=payment, amount=eur(amount), reason="Scratched", order_reference=order.reference,
        idempotency_key=f"test:{order.reference}:{amount}",
    )  # fmt: skip
    deliver("charge.refunded", charge_refunded(payment, refunded=refunded_in_all))
    payment.refresh_from_db()
    return Transaction.objects.get(event_key=f"refund:{made.reference}")


def order_accounts_are_empty(order) -> bool:
    return (
        owed(K.SELLER_PENDING, "EUR", order.seller_id).amount == 0
        and owed(K.SELLER_PAYABLE, "EUR", order.seller_id).amount == 0
    )


def test_a_partial_refund_gives_back_each_share_then_the_rest_empties_every_account(gateway):
    payment, (a,) = paid(ORDER_A)
    # when EUR 10.00 of order A is refunded: 1000 units by 2107 : 111 : 706 : 1200 (of 4124)
    #   seller   1000 x 2107 / 4124 = 510.91 -> 510, remainder .91
    #   fee      1000 x  111 / 4124 =  26.92 ->  26, remainder .92
    #   taxes    1000 x  706 / 4124 = 171.19 -> 171, remainder .19
    #   shipping 1000 x 1200 / 4124 = 290.98 -> 290, remainder .98
    #   997 given, 3 units left to the largest remainders: shipping, fee, seller -> 511, 27, 171, 291
    first = refund(payment, a, "10.00", refunded_in_all=1000)
    assert legs_of(first) == {
        ("seller_pending", str(a.seller_id), "5.11"),
        ("platform_fees", "", "0.27"),
        ("taxes_collected", "DE:ioss", "1.71"),
        ("shipping_payable", "swift", "2.91"),
        ("refunds", "", "-10"),
    }
    assert first.reference == a.reference and first.seller_id_ref == a.seller_id
    # when the rest, 41.24 - 10.00 = 31.24, is refunded: each account gives back what it has left
    #   seller 21.07 - 5.11 = 15.96; fee 1.11 - 0.27 = 0.84; taxes 7.06 - 1.71 = 5.35;
    #   shipping 12.00 - 2.91 = 9.09
    rest = refund(payment, a, "31.24", refunded_in_all=4124)
    assert legs_of(rest) == {
        ("seller_pending", str(a.seller_id), "15.96"),
        ("platform_fees", "", "0.84"),
        ("taxes_collected", "DE:ioss", "5.35"),
        ("shipping_payable", "swift", "9.09"),
        ("refunds", "", "-31.24"),
    }
    # then the sale is wholly given back: nothing pending, no fee, no tax, no shipping; 41.24 refunded
    assert order_accounts_are_empty(a)
    assert owed(K.PLATFORM_FEES, "EUR").amount == 0 and owed(K.TAXES_COLLECTED, "EUR", "DE:ioss").amount == 0
    assert owed(K.SHIPPING_PAYABLE, "EUR", "swift").amount == 0
    assert balance(K.REFUNDS, "EUR") == eur("-41.24")


def test_a_full_refund_gives_back_the_sale_exactly_and_a_replay_posts_nothing(gateway):
    payment, (a,) = paid(ORDER_A)
    full = refund(payment, a, "41.24", refunded_in_all=4124)
    assert legs_of(full) == {
        ("seller_pending", str(a.seller_id), "21.07"),
        ("platform_fees", "", "1.11"),
        ("taxes_collected", "DE:ioss", "7.06"),
        ("shipping_payable", "swift", "12"),
        ("refunds", "", "-41.24"),
    }
    # when the provider reports the same refunded total again, then nothing more is posted
    count = Transaction.objects.count()
    assert deliver("charge.refunded", charge_refunded(payment, refunded=4124)) == "unchanged"
    assert Transaction.objects.count() == count and order_accounts_are_empty(a)


def test_a_refund_after_release_and_payout_makes_the_sellers_available_balance_negative(gateway):
    payment, (a,) = paid(ORDER_A)
    # given the order's money released (chart 5) and paid out (chart 6, in euros for simplicity)
    seller = a.seller_id
    post(
        event_key=f"release:{a.reference}", kind="release", reference=a.reference, seller_id=seller,
        legs=[debit(K.SELLER_PENDING, eur("21.07"), seller), credit(K.SELLER_PAYABLE, eur("21.07"), seller)],
    )  # fmt: skip
    post(
        event_key="payout:po_1", kind="payout", seller_id=seller,
        legs=[debit(K.SELLER_PAYABLE, eur("21.07"), seller), credit(K.PAYOUTS, eur("21.07"), seller)],
    )  # fmt: skip
    # when the order is refunded in full
    full = refund(payment, a, "41.24", refunded_in_all=4124)
    # then the seller's share comes out of what is payable, which goes negative (recovered from later payouts)
    assert ("seller_payable", str(seller), "21.07") in legs_of(full)
    [mine] = seller_balances(seller)
    assert (mine.pending, mine.available, mine.paid_out) == (eur("0"), eur("-21.07"), eur("21.07"))


def test_a_dispute_takes_back_what_each_order_has_left(gateway):
    # given a paid checkout of two orders, EUR 10.00 of order A already refunded
    payment, (a, b) = paid(ORDER_A, ORDER_B)
    refund(payment, a, "10.00", refunded_in_all=1000)
    # when the buyer's bank disputes the payment: 105.89 - 10.00 = 95.89 left
    assert deliver("charge.dispute.created", dispute_created(payment, amount=9589)) == "disputed"
    # then order A gives back its 41.24 - 10.00 = 31.24 and order B its 64.65, each under its own event
    dispute_a = Transaction.objects.get(event_key=f"dispute:{payment.reference}:{a.reference}")
    dispute_b = Transaction.objects.get(event_key=f"dispute:{payment.reference}:{b.reference}")
    assert ("refunds", "", "-31.24") in legs_of(dispute_a) and dispute_a.kind == "dispute"
    assert legs_of(dispute_b) == {
        ("seller_pending", str(b.seller_id), "42.13"),
        ("platform_fees", "", "2.22"),
        ("taxes_collected", "DE:ioss", "10.8"),
        ("shipping_payable", "kenya-post", "9.5"),
        ("refunds", "", "-64.65"),
    }
    # and both sellers' money for the orders is gone; everything paid went back: 10.00 + 31.24 + 64.65
    assert order_accounts_are_empty(a) and order_accounts_are_empty(b)
    assert balance(K.REFUNDS, "EUR") == eur("-105.89")
    # and the same dispute sent again posts nothing
    count = Transaction.objects.count()
    deliver("charge.dispute.created", dispute_created(payment, amount=9589))
    assert Transaction.objects.count() == count


def test_a_refund_made_at_the_providers_dashboard_is_spread_over_the_orders_by_what_each_has_left(gateway):
    payment, (a, b) = paid(ORDER_A, ORDER_B)
    # when EUR 5.00 is refunded at the dashboard: 500 units by 4124 : 6465 (of 10589)
    #   A 500 x 4124 / 10589 = 194.73 -> 194 (.73), B 500 x 6465 / 10589 = 305.27 -> 305 (.27); 1 left to A
    assert deliver("charge.refunded", charge_refunded(payment, refunded=500)) == "partially_refunded"
    to_a = Transaction.objects.get(event_key=f"refund:{payment.reference}:500:{a.reference}")
    to_b = Transaction.objects.get(event_key=f"refund:{payment.reference}:500:{b.reference}")
    assert ("refunds", "", "-1.95") in legs_of(to_a) and ("refunds", "", "-3.05") in legs_of(to_b)
    assert balance(K.REFUNDS, "EUR") == eur("-5.00")


def test_money_no_order_took_goes_back_through_clearing(gateway):
    # given a payment for a checkout nobody knows (a duplicate, say): no sale was posted for it
    payment, _ = checkout_placed(ORDER_A)
    payment.purpose_reference = "chk_gone"
    payment.save(update_fields=["purpose_reference"])
    deliver("checkout.session.completed", session_completed(payment))
    payment.refresh_from_db()
    assert not Transaction.objects.exists()
    # when it is refunded whole
    made = refund_request(
        payment=payment, amount=eur("41.24"), reason="Duplicate", order_reference="", idempotency_key="dup"
    )
    deliver("charge.refunded", charge_refunded(payment, refunded=4124))
    # then the refund is taken from buyer clearing (reconciliation credits clearing with the charge)
    only = Transaction.objects.get(event_key=f"refund:{made.reference}")
    assert legs_of(only) == {("buyer_clearing", "", "41.24"), ("refunds", "", "-41.24")}
    assert only.reference == payment.reference and only.seller_id_ref is None
