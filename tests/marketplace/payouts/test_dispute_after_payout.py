"""A dispute after a payout (the issue: "a refund or dispute after payout makes the seller's balance negative,
and it is recovered from the next payouts"), through the ledger's own dispute posting. Figures worked by hand
with the fixtures' EUR 110.00 order (items 100.00 less the 5 % fee: EUR 95.00 the seller's) at 144.30 KES."""

import pytest

from marketplace.ledger.balances import seller_balances
from marketplace.ledger.models import Transaction
from marketplace.ledger.refunds import dispute_post
from marketplace.payouts.models import Payout
from marketplace.payouts.tasks import run
from tests.marketplace.payouts.conftest import eur, kes, order_delivered

pytestmark = pytest.mark.django_db


def test_a_dispute_after_payout_is_recovered_from_the_next_payout(seller):
    # given a first order paid out: EUR 95.00 as KES 13,708.50 (95.00 x 144.30)
    first = order_delivered(seller, days_ago=20)
    run()
    assert Payout.objects.get().money == kes("13708.50")
    # when the buyer's bank disputes the whole payment (EUR 110.00) after the payout
    dispute_post(payment_reference=f"pay_{first.reference}", amount=eur("110.00"))
    # then the seller's EUR 95.00 share is taken back from what was payable: the seller owes EUR 95.00
    assert Transaction.objects.filter(kind="dispute").count() == 1
    [eur_balance, _] = seller_balances(seller.pk)
    assert eur_balance.available == eur("-95.00")
    # and nothing is paid out while the seller owes
    assert run()["created"] == []
    # when a second order of EUR 200.00 items (fee 10.00, the seller's 190.00) is past the hold
    second = order_delivered(seller, days_ago=15, items="200.00", shipping="20.00")
    run()
    # then the next payout pays the net: 190.00 - 95.00 = EUR 95.00, x 144.30 = KES 13,708.50
    payout = Payout.objects.get(items__order=second)
    assert (payout.source_money, payout.money) == (eur("95.00"), kes("13708.50"))
    [eur_balance, kes_balance] = seller_balances(seller.pk)
    assert eur_balance.available == eur("0")
    assert kes_balance.paid_out == kes("27417.00")  # 13,708.50 twice
