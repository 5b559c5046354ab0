"""Posting: balanced per currency, idempotent per event, chained, reversible; figures worked by hand."""

from datetime import UTC, datetime

import pytest

from ewtp.money import Money
from marketplace.ledger.balances import balance, owed, seller_balances
from marketplace.ledger.errors import (
    AlreadyReversedError,
    EventConflictError,
    LegInvalidError,
    UnbalancedTransactionError,
)
from marketplace.ledger.models import AccountKind as K
from marketplace.ledger.models import Entry, Transaction
from marketplace.ledger.posting import Posting, credit, debit, exchange_legs, post, post_many, reverse

pytestmark = pytest.mark.django_db


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def sale_legs(seller: int = 7) -> list:
    # A buyer pays EUR 110.00: EUR 95.00 for the seller, EUR 5.00 fee, EUR 10.00 shipping.
    return [
        debit(K.BUYER_CLEARING, eur("110.00")),
        credit(K.SELLER_PENDING, eur("95.00"), party=seller),
        credit(K.PLATFORM_FEES, eur("5.00")),
        credit(K.SHIPPING_PAYABLE, eur("10.00"), party="silk-road-post"),
    ]


def test_a_sale_posts_balanced_entries_and_balances_read_them():
    t = post(event_key="payment:pay_1", kind="payment", legs=sale_legs())
    assert t.entries.count() == 4
    assert balance(K.BUYER_CLEARING, "EUR") == eur("110.00")
    assert balance(K.SELLER_PENDING, "EUR", 7) == eur("-95.00")  # a credit
    assert owed(K.SELLER_PENDING, "EUR", 7) == eur("95.00")  # as the seller reads it
    assert owed(K.PLATFORM_FEES, "EUR") == eur("5.00")
    [mine] = seller_balances(7)
    assert (mine.pending, mine.available, mine.posted) == (eur("95.00"), eur("0"), eur("95.00"))


def test_replaying_an_event_posts_nothing():
    first = post(event_key="payment:pay_1", kind="payment", legs=sale_legs())
    again = post(event_key="payment:pay_1", kind="payment", legs=sale_legs())
    assert again.pk == first.pk
    assert Transaction.objects.count() == 1 and Entry.objects.count() == 4
    assert balance(K.BUYER_CLEARING, "EUR") == eur("110.00")  # not 220.00


def test_replaying_an_event_with_other_amounts_is_refused():
    post(event_key="payment:pay_1", kind="payment", legs=sale_legs())
    other = [debit(K.BUYER_CLEARING, eur("1.00")), credit(K.PLATFORM_FEES, eur("1.00"))]
    with pytest.raises(EventConflictError):
        post(event_key="payment:pay_1", kind="payment", legs=other)


def test_unbalanced_zero_and_unrounded_legs_are_refused_and_nothing_written():
    with pytest.raises(UnbalancedTransactionError, match=r"EUR.*0\.01"):
        post(
            event_key="x",
            kind="payment",
            legs=[debit(K.BUYER_CLEARING, eur("10.00")), credit(K.REFUNDS, eur("9.99"))],
        )
    with pytest.raises(LegInvalidError):
        post(
            event_key="x",
            kind="payment",
            legs=[debit(K.BUYER_CLEARING, eur("0")), credit(K.REFUNDS, eur("0"))],
        )
    with pytest.raises(LegInvalidError):  # EUR has two decimals
        post(
            event_key="x",
            kind="payment",
            legs=[debit(K.BUYER_CLEARING, eur("0.005")), credit(K.REFUNDS, eur("0.005"))],
        )
    assert not Transaction.objects.exists()


def test_one_leg_in_two_currencies_does_not_balance_exchange_goes_through_fx():
    # EUR 100.00 payable converted at 144.30 KES/EUR: KES 14,430.00 paid out.
    euros, shillings = eur("100.00"), Money("14430.00", "KES")
    with pytest.raises(UnbalancedTransactionError):
        post(
            event_key="payout:1",
            kind="payout",
            legs=[debit(K.SELLER_PAYABLE, euros, 7), credit(K.PAYOUTS, shillings, 7)],
        )
    post(
        event_key="payout:1",
        kind="payout",
        legs=[
            debit(K.SELLER_PAYABLE, euros, 7),
            *exchange_legs(euros, shillings),
            credit(K.PAYOUTS, shillings, 7),
        ],
    )
    assert balance(K.FX, "EUR", "EUR/KES") == eur("-100.00")
    assert balance(K.FX, "KES", "EUR/KES") == Money("14430.00", "KES")
    assert seller_balances(7)[1].paid_out == Money("14430.00", "KES")  # currencies sorted: EUR, KES


def test_a_reversal_restores_balances_and_happens_once():
    t = post(event_key="payment:pay_1", kind="payment", legs=sale_legs())
    r = reverse(t)
    assert r.reverses_id == t.pk and r.event_key == "reversal:payment:pay_1"
    assert balance(K.BUYER_CLEARING, "EUR") == eur("0")
    assert owed(K.SELLER_PENDING, "EUR", 7) == eur("0")
    assert reverse(t).pk == r.pk  # replay
    assert Transaction.objects.count() == 2


def test_reversing_twice_under_another_key_is_refused():
    t = post(event_key="payment:pay_1", kind="payment", legs=sale_legs())
    reverse(t)
    with pytest.raises(AlreadyReversedError):
        reverse_legs = [debit(K.SELLER_PENDING, eur("95.00"), 7), credit(K.BUYER_CLEARING, eur("95.00"))]
        post_many([Posting("reversal-bis", "reversal", reverse_legs, reverses=t)])


def test_balances_as_of_a_date():
    post(event_key="a", kind="payment", legs=sale_legs(), effective_at=datetime(2026, 11, 1, tzinfo=UTC))
    post(event_key="b", kind="payment", legs=sale_legs(), effective_at=datetime(2026, 11, 20, tzinfo=UTC))
    assert balance(K.BUYER_CLEARING, "EUR", as_of=datetime(2026, 10, 31, tzinfo=UTC)) == eur("0")
    assert balance(K.BUYER_CLEARING, "EUR", as_of=datetime(2026, 11, 10, tzinfo=UTC)) == eur("110.00")
    assert balance(K.BUYER_CLEARING, "EUR") == eur("220.00")


def test_transactions_chain_in_sequence():
    a = post(event_key="a", kind="payment", legs=sale_legs())
    b = post(event_key="b", kind="payment", legs=sale_legs())
    assert (a.sequence, b.sequence) == (1, 2)
    assert a.previous_hash == "0" * 64 and b.previous_hash == a.hash and len(b.hash) == 64


def test_a_balance_paid_out_to_nothing_reads_zero_not_minus_zero():
    # given EUR 95.00 payable to seller 7, then paid out: 95.00 - 95.00 = 0
    post(event_key="release:EW-1", kind="release", legs=[debit(K.SELLER_PENDING, eur("95.00"), 7),
         credit(K.SELLER_PAYABLE, eur("95.00"), 7)])  # fmt: skip
    post(event_key="payout:PO-1", kind="payout", legs=[debit(K.SELLER_PAYABLE, eur("95.00"), 7),
         credit(K.PAYOUTS, eur("95.00"), 7)])  # fmt: skip
    # then what is owed reads as zero (a credit-normal account's balance negated), without a sign
    owed_now = owed(K.SELLER_PAYABLE, "EUR", 7)
    assert owed_now == eur("0") and not owed_now.amount.is_signed()
    [balances] = seller_balances(7)
    assert balances.available == eur("0") and not balances.available.amount.is_signed()


def test_replaying_a_batch_reads_its_entries_in_one_query_whatever_its_size():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def batch(n):
        return [Posting(f"e{i}", "payment", sale_legs(seller=i)) for i in range(n)]

    post_many(batch(50))
    with CaptureQueriesContext(connection) as two:
        post_many(batch(2))
    with CaptureQueriesContext(connection) as fifty:
        post_many(batch(50))
    # the same queries for 2 replayed events as for 50: nothing per event, nothing written
    assert len(fifty.captured_queries) == len(two.captured_queries)
    assert Transaction.objects.count() == 50
