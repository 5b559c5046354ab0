"""`manage.py ledger_verify` walks the hash chain: it reports an intact journal, and names the first break
when a transaction's content was changed in the database or a transaction is missing.

The tampering goes around the service on purpose. On SQLite nothing stops it; on PostgreSQL the triggers of
migration ledger.0002 refuse it, so there the test turns them off for its own transaction first.
"""

from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ewtp.money import Money
from marketplace.ledger.models import AccountKind as K
from marketplace.ledger.models import Entry, Transaction
from marketplace.ledger.posting import credit, debit, post

pytestmark = pytest.mark.django_db


@contextmanager
def guards_off():
    """Let the test edit the journal: PostgreSQL's triggers off for this (rolled back) test transaction."""
    if connection.vendor != "postgresql":
        yield
        return
    tables = ("ledger_entry", "ledger_transaction")
    with connection.cursor() as cursor:
        # Pending deferred checks must run before ALTER TABLE (they pass: the service posted balanced rows).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table in tables:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def three_sales() -> list[Transaction]:
    # each: EUR 110.00 paid = 95.00 for seller 7 + 15.00 fee
    legs = [
        debit(K.BUYER_CLEARING, Money("110.00", "EUR")),
        credit(K.SELLER_PENDING, Money("95.00", "EUR"), 7),
        credit(K.PLATFORM_FEES, Money("15.00", "EUR")),
    ]
    return [post(event_key=key, kind="payment", legs=legs) for key in ("sale-a", "sale-b", "sale-c")]


def verify() -> str:
    out = StringIO()
    call_command("ledger_verify", stdout=out)
    return out.getvalue()


def test_an_intact_chain_is_reported_with_the_number_checked():
    three_sales()
    assert verify().strip() == "The ledger chain is intact: 3 transactions checked."


def test_an_empty_journal_is_intact():
    assert verify().strip() == "The ledger chain is intact: 0 transactions checked."


def test_a_changed_memo_is_named_as_the_first_break():
    _, b, _ = three_sales()
    with guards_off():
        Transaction.objects.filter(pk=b.pk).update(memo="nothing to see")
    with pytest.raises(CommandError) as refused:
        verify()
    assert str(refused.value) == (
        "The ledger chain breaks at transaction #2 (sale-b): its content does not match its hash (it was "
        "changed after posting) (1 transactions before it are intact)."
    )


def test_amounts_changed_but_still_balanced_break_the_hash():
    _, b, _ = three_sales()
    # 110.00 = 95.00 + 15.00 becomes 110.00 = 100.00 + 10.00: balanced, but not what was posted
    with guards_off():
        Entry.objects.filter(transaction=b, account__kind=K.SELLER_PENDING).update(amount="-100.00")
        Entry.objects.filter(transaction=b, account__kind=K.PLATFORM_FEES).update(amount="-10.00")
    with pytest.raises(CommandError, match=r"#2 \(sale-b\): its content does not match its hash"):
        verify()


def test_an_entry_changed_alone_is_named_as_unbalanced():
    a, _, _ = three_sales()
    with guards_off():
        Entry.objects.filter(transaction=a, account__kind=K.PLATFORM_FEES).update(amount="-14.00")
    with pytest.raises(CommandError, match=r"#1 \(sale-a\): its entries do not balance in EUR"):
        verify()


def test_a_missing_transaction_is_named_at_the_one_after_it():
    _, b, _ = three_sales()
    with guards_off():
        Entry.objects.filter(transaction=b).delete()
        Transaction.objects.filter(pk=b.pk).delete()
    with pytest.raises(CommandError) as refused:
        verify()
    assert "#3 (sale-c): sequence 3 where 2 was expected (a transaction is missing)" in str(refused.value)
    assert "(1 transactions before it are intact)" in str(refused.value)
