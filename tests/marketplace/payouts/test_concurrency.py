"""On PostgreSQL, runs at the same moment never pay twice: the seller's row lock serialises payouts (the
second run reads the balance the first left, zero) and the unique event key serialises releases; a refund
posted while a release reads waits for the journal lock, so it never takes what is being released."""

import threading

import pytest
from django.conf import settings
from django.db import connections

from marketplace.ledger.balances import seller_balances
from marketplace.ledger.models import Transaction
from marketplace.ledger.refunds import refund_post
from marketplace.payouts import release
from marketplace.payouts.creation import payout_create
from marketplace.payouts.models import Payout
from marketplace.payouts.release import releases_due
from tests.marketplace.payouts.conftest import eur, order_delivered
from tests.threads import at_once

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
        reason="needs PostgreSQL: SQLite has no row locks (select_for_update)",
    ),
]


def test_four_releases_at_once_release_each_order_once(seller):
    # given three orders past the hold
    for days in (15, 16, 17):
        order_delivered(seller, days_ago=days)
    # when four runs release at the same moment
    results = at_once([releases_due] * 4)
    # then no run failed, and each order was released once: 3 x 95.00 = EUR 285.00 available
    assert not [r for r in results if isinstance(r, Exception)], results
    assert Transaction.objects.filter(kind="release").count() == 3
    [eur_balance] = seller_balances(seller.pk)
    assert (eur_balance.pending, eur_balance.available) == (eur("0"), eur("285.00"))


def test_four_payouts_at_once_pay_once(seller):
    # given EUR 95.00 available
    order_delivered(seller, days_ago=15)
    releases_due()
    # when four workers pay the seller out at the same moment
    results = at_once([lambda: payout_create(seller_id=seller.pk, currency="EUR")] * 4)
    # then one payout of EUR 95.00, the three others found nothing available
    assert sorted(type(r).__name__ for r in results) == ["Payout", "str", "str", "str"], results
    assert [r for r in results if isinstance(r, str)] == ["nothing available"] * 3
    payout = Payout.objects.get()
    assert payout.source_money == eur("95.00")
    [eur_balance, _] = seller_balances(seller.pk)
    assert eur_balance.available == eur("0")


def test_a_refund_during_a_release_waits_and_takes_from_what_was_released(seller, monkeypatch):
    """Without the journal lock the refund commits between the release's read and its posting: it takes
    EUR 47.50 from pending, the release then moves the whole 95.00 to payable, and the seller is paid the
    refunded share (pending -47.50, available 95.00)."""
    # given an order past the hold, EUR 95.00 of the seller's pending (conftest: 100.00 items less 5 % fee)
    order = order_delivered(seller, days_ago=20)
    refund_done = threading.Event()

    def refund():
        try:
            # half the EUR 110.00 paid: seller 47.50, fee 2.50, shipping 5.00
            refund_post(
                payment_reference=f"pay_{order.reference}",
                refund_reference="rf_race",
                order_reference=order.reference,
                amount=eur("55.00"),
            )
            refund_done.set()
        finally:
            connections.close_all()

    refunder = threading.Thread(target=refund)
    read_pending = release._pending_by_order

    def pending_then_refund(references):
        left = read_pending(references)
        refunder.start()  # when the release has read what is left, the refund comes in
        refund_done.wait(timeout=2)
        return left

    monkeypatch.setattr(release, "_pending_by_order", pending_then_refund)
    # when the release runs
    assert releases_due() == 1
    refunder.join(timeout=30)
    # then the refund waited for the release and took the seller's share from payable: 95.00 - 47.50
    assert refund_done.is_set()
    [eur_balance, *_] = seller_balances(seller.pk)
    assert (eur_balance.pending, eur_balance.available) == (eur("0"), eur("47.50"))
