"""Release (posting 5): an order's money becomes payable after delivery plus PAYOUT_HOLD_DAYS (14 here),
once, for what is left of it; figures from conftest.py (the seller's share of a sale is EUR 95.00)."""

import pytest

from marketplace.ledger.balances import seller_balances
from marketplace.ledger.models import Transaction
from marketplace.payouts.release import releases_due
from tests.marketplace.payouts.conftest import eur, order_delivered, refund_post

pytestmark = pytest.mark.django_db


def test_money_stays_pending_until_the_hold_after_delivery_has_passed(seller):
    # given an order delivered 13 days ago (hold 14 days)
    order_delivered(seller, days_ago=13)
    # when
    assert releases_due() == 0
    # then it is still pending
    [eur_balance] = seller_balances(seller.pk)
    assert (eur_balance.pending, eur_balance.available) == (eur("95.00"), eur("0"))


def test_after_the_hold_the_money_is_available_once(seller):
    # given an order delivered 15 days ago
    order = order_delivered(seller, days_ago=15)
    # when released twice
    assert releases_due() == 1
    assert releases_due() == 0
    # then EUR 95.00 moved from pending to available, once
    [eur_balance] = seller_balances(seller.pk)
    assert (eur_balance.pending, eur_balance.available) == (eur("0"), eur("95.00"))
    release = Transaction.objects.get(kind="release")
    assert (release.event_key, release.reference, release.seller_id_ref) == (
        f"release:{order.reference}",
        order.reference,
        seller.pk,
    )


def test_what_a_refund_before_release_took_is_not_released(seller):
    # given a sale of EUR 95.00 to the seller, half refunded before release: EUR 47.50 of the seller's
    # share, EUR 2.50 of fee and EUR 5.00 of shipping (EUR 55.00 to the buyer)
    order = order_delivered(seller, days_ago=20)
    refund_post(order, seller_part="47.50", fee="2.50", shipping="5.00", released=False)
    # when
    releases_due()
    # then what is left is released: 95.00 - 47.50 = EUR 47.50
    [eur_balance] = seller_balances(seller.pk)
    assert (eur_balance.pending, eur_balance.available) == (eur("0"), eur("47.50"))


def test_an_order_refunded_in_full_before_release_releases_nothing(seller):
    order = order_delivered(seller, days_ago=20)
    refund_post(order, seller_part="95.00", fee="5.00", shipping="10.00", released=False)
    assert releases_due() == 0
    assert not Transaction.objects.filter(kind="release").exists()


def test_a_disputed_order_is_not_released_while_the_dispute_is_open(seller):
    from marketplace.orders.status import order_transition

    order = order_delivered(seller, days_ago=20)
    order_transition(order=order, action="dispute", actor_label="payments")
    assert releases_due() == 0
    [eur_balance] = seller_balances(seller.pk)
    assert eur_balance.pending == eur("95.00")


def test_many_orders_are_released_in_one_run(seller):
    # given three orders past the hold and one not yet
    for days in (15, 16, 30, 2):
        order_delivered(seller, days_ago=days)
    # when
    assert releases_due() == 3
    # then 3 x 95.00 = EUR 285.00 available, 95.00 pending
    [eur_balance] = seller_balances(seller.pk)
    assert (eur_balance.pending, eur_balance.available) == (eur("95.00"), eur("285.00"))
