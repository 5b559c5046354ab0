"""Payouts without Stripe (recorded, paid at once): per seller and currency, in the seller's currency at the
day's rate, of what is available; a refund after a payout is recovered from the next one. Figures from
conftest.py: EUR 95.00 of each EUR 110.00 sale is the seller's; 1 EUR = 144.30 KES."""

from decimal import Decimal

import pytest

from marketplace.ledger.balances import balance, seller_balances
from marketplace.ledger.models import AccountKind as K
from marketplace.ledger.models import Transaction
from marketplace.payouts.models import Payout
from marketplace.payouts.tasks import run
from tests.marketplace.payouts.conftest import eur, kes, order_delivered, refund_post

pytestmark = pytest.mark.django_db


def test_a_payout_after_delivery_pays_the_seller_in_their_currency_with_the_rate_and_fee(seller):
    # given an order delivered 15 days ago (hold 14)
    order = order_delivered(seller, days_ago=15)
    # when the beat task runs
    result = run()
    # then one payout: EUR 95.00 x 144.30 = KES 13,708.50, recorded as paid
    payout = Payout.objects.get()
    assert result["released"] == 1 and result["created"] == [payout.reference]
    assert (payout.source_money, payout.money) == (eur("95.00"), kes("13708.50"))
    assert (payout.fx_rate, str(payout.fx_rate_date), payout.fx_source) == (
        Decimal("144.30"),
        "2026-10-30",
        "Central Bank of Kenya",
    )
    assert (payout.status, payout.method) == (Payout.Status.PAID, Payout.Method.RECORDED)
    assert payout.platform_fee == eur("5.00")  # 5 % of EUR 100.00 of items
    [item] = payout.items.all()
    assert (item.order, item.amount, item.platform_fee_amount) == (order, Decimal("95.00"), Decimal("5.00"))
    assert payout.transfer_group == order.checkout.reference  # one checkout: its transfer group
    # and the ledger: nothing available, KES 13,708.50 paid out; FX took EUR 95.00 in and gave KES out
    [eur_balance, kes_balance] = seller_balances(seller.pk)
    assert (eur_balance.available, eur_balance.pending) == (eur("0"), eur("0"))
    assert kes_balance.paid_out == kes("13708.50")
    assert balance(K.FX, "EUR", "EUR/KES") == eur("-95.00")
    assert balance(K.FX, "KES", "EUR/KES") == kes("13708.50")
    assert balance(K.PAYOUTS, "KES", seller.pk) == kes("0")  # settled: Dr PAYOUTS / Cr PROVIDER_BALANCE
    assert balance(K.PROVIDER_BALANCE, "KES") == kes("-13708.50")
    keys = set(Transaction.objects.filter(reference=payout.reference).values_list("event_key", flat=True))
    assert keys == {f"payout:{payout.reference}", f"payout-settled:{payout.reference}"}


def test_nothing_is_paid_before_the_hold_has_passed(seller):
    order_delivered(seller, days_ago=10)
    assert run()["created"] == []
    assert not Payout.objects.exists()


def test_running_twice_pays_once(seller):
    order_delivered(seller, days_ago=15)
    order_delivered(seller, days_ago=16)
    run()
    second = run()
    # 2 x 95.00 = EUR 190.00 in one payout, and the second run finds nothing
    assert second == {"released": 0, "created": [], "skipped": {}, "requeued": 0}
    payout = Payout.objects.get()
    assert payout.source_money == eur("190.00")
    assert payout.platform_fee == eur("10.00")  # 2 x 5.00
    assert payout.items.count() == 2
    assert payout.transfer_group == payout.reference  # two checkouts: the payout's own group
    assert Transaction.objects.filter(kind="payout").count() == 1


def test_a_refund_after_payout_is_recovered_from_the_next_payout(seller):
    # given a first order paid out (EUR 95.00)
    first = order_delivered(seller, days_ago=20)
    run()
    # when the buyer is refunded in full after the payout (EUR 110.00: 95.00 seller, 5.00 fee, 10.00 shipping)
    refund_post(first, seller_part="95.00", fee="5.00", shipping="10.00", released=True)
    # then the seller owes EUR 95.00 and nothing is paid out
    [eur_balance, _] = seller_balances(seller.pk)
    assert eur_balance.available == eur("-95.00")
    assert run()["created"] == []
    assert Payout.objects.count() == 1
    # when a second order of EUR 300.00 items (fee 15.00, seller 285.00) is past the hold
    second = order_delivered(seller, days_ago=15, items="300.00", shipping="20.00")
    run()
    # then the next payout pays the net: 285.00 - 95.00 = EUR 190.00, x 144.30 = KES 27,417.00
    payout = Payout.objects.get(items__order=second)
    assert (payout.source_money, payout.money) == (eur("190.00"), kes("27417.00"))
    assert payout.platform_fee == eur("15.00")
    [eur_balance, kes_balance] = seller_balances(seller.pk)
    assert eur_balance.available == eur("0")
    assert kes_balance.paid_out == kes("41125.50")  # 13,708.50 + 27,417.00


def test_a_seller_paid_in_the_currency_of_the_sale_needs_no_rate(seller):
    seller.default_currency = "EUR"
    seller.save(update_fields=["default_currency"])
    order_delivered(seller, days_ago=15)
    run()
    payout = Payout.objects.get()
    assert (payout.money, payout.fx_rate, payout.fx_source) == (eur("95.00"), Decimal(1), "")
    assert not Transaction.objects.filter(entries__account__kind=K.FX).exists()


def test_a_stale_rate_is_not_used_and_the_currency_waits(seller, settings):
    # given rates of 2026-10-30 and a tolerance of 0 days
    settings.FX_STALE_AFTER_DAYS = 0
    order_delivered(seller, days_ago=15)
    # when
    result = run()
    # then no payout, and the run says why; the money stays available
    assert result["created"] == [] and "stale" in result["skipped"][f"{seller.pk}:EUR"]
    [eur_balance] = seller_balances(seller.pk)
    assert eur_balance.available == eur("95.00")


def test_a_suspended_seller_is_not_paid_out(seller):
    from marketplace.sellers.models import Seller

    Seller.objects.filter(pk=seller.pk).update(status=Seller.Status.SUSPENDED)
    order_delivered(seller, days_ago=15)
    result = run()
    assert result["skipped"] == {f"{seller.pk}:EUR": "the seller is suspended"}
    [eur_balance] = seller_balances(seller.pk)
    assert eur_balance.available == eur("95.00")  # released, waiting
