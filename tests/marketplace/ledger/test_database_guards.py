"""What PostgreSQL itself refuses, whoever writes (migration ledger.0002), and posting from many threads.

- a transaction whose entries do not balance, written around the service (ORM inserts or raw SQL), is
  refused at commit by the deferred constraint trigger, or at once under SET CONSTRAINTS ALL IMMEDIATE;
- entries and transactions are never updated or deleted;
- threads posting at once chain one after another (the chain head's row lock) and an event raced by many
  is posted once, on the single and the bulk (post_many) path alike;
- the unique event key holds for rows inserted around the service too.

These tests commit (django_db(transaction=True)): a Django TestCase never commits, so deferred triggers would
never fire.
"""

from collections.abc import Callable

import pytest
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ewtp.money import Money
from marketplace.ledger.chain import chain_verify
from marketplace.ledger.models import Account, Entry, Transaction
from marketplace.ledger.models import AccountKind as K
from marketplace.ledger.posting import Posting, credit, debit, post, post_many
from tests.threads import at_once

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL): the triggers and row locks are PostgreSQL's"
    ),
]


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def sale(seller: int = 7) -> list:
    # EUR 110.00 paid = 95.00 for the seller + 15.00 fee
    return [
        debit(K.BUYER_CLEARING, eur("110.00")),
        credit(K.SELLER_PENDING, eur("95.00"), seller),
        credit(K.PLATFORM_FEES, eur("15.00")),
    ]


def account(kind: str, currency: str = "EUR", party: str = "") -> Account:
    return Account.objects.get_or_create(kind=kind, currency=currency, party=party)[0]


def transaction_around_the_service(key: str = "around", sequence: int = 900) -> Transaction:
    return Transaction.objects.create(
        event_key=key, kind="payment", effective_at=timezone.now(), sequence=sequence,
        previous_hash="0" * 64, hash=f"{sequence:064x}",
    )  # fmt: skip


def test_an_unbalanced_transaction_inserted_with_the_orm_is_refused_at_commit():
    clearing, fees = account(K.BUYER_CLEARING), account(K.PLATFORM_FEES)
    # when a transaction of +10.00 / -9.99 is written straight to the tables
    with pytest.raises(IntegrityError, match="does not balance in EUR"), transaction.atomic():
        t = transaction_around_the_service()
        Entry.objects.create(transaction=t, account=clearing, amount="10.00", currency="EUR")
        Entry.objects.create(transaction=t, account=fees, amount="-9.99", currency="EUR")
    # then nothing of it was kept
    assert not Transaction.objects.exists() and not Entry.objects.exists()


RAW_UNBALANCED = """
WITH t AS (
    INSERT INTO ledger_transaction
        (event_key, kind, memo, effective_at, posted_at, sequence, previous_hash, hash, reference)
    VALUES ('raw', 'payment', '', now(), now(), 901, repeat('0', 64), repeat('a', 64), '') RETURNING id
)
INSERT INTO ledger_entry (transaction_id, account_id, amount, currency) SELECT t.id, %s, 25.00, 'EUR' FROM t
"""


def test_an_unbalanced_transaction_in_raw_sql_is_refused_at_once_with_immediate_constraints():
    clearing = account(K.BUYER_CLEARING)
    # when one statement writes a transaction with a single EUR 25.00 entry, checks immediate
    refused = pytest.raises(IntegrityError, match="does not balance in EUR")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(RAW_UNBALANCED, [clearing.pk])
    assert not Transaction.objects.exists()


def test_a_transaction_without_entries_and_an_entry_in_another_currency_are_refused():
    with pytest.raises(IntegrityError, match="has no entries"), transaction.atomic():
        transaction_around_the_service()
    clearing_usd, fees = account(K.BUYER_CLEARING, "USD"), account(K.PLATFORM_FEES)
    with pytest.raises(IntegrityError, match="not in its account's currency"), transaction.atomic():
        t = transaction_around_the_service()
        Entry.objects.create(transaction=t, account=clearing_usd, amount="5.00", currency="EUR")
        Entry.objects.create(transaction=t, account=fees, amount="-5.00", currency="EUR")
    assert not Transaction.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda: Entry.objects.filter(amount__gt=0).update(amount="1.00"),
        lambda: Entry.objects.all().delete(),
        lambda: Transaction.objects.update(memo="edited"),
        lambda: connection.cursor().execute("DELETE FROM ledger_transaction"),
    ],
    ids=["update entry", "delete entries", "update transaction", "delete transaction (raw SQL)"],
)
def test_entries_and_transactions_are_never_updated_or_deleted(change: Callable):
    post(event_key="sale-1", kind="payment", legs=sale())
    with pytest.raises(IntegrityError, match="never changed or deleted"), transaction.atomic():
        change()
    assert Entry.objects.filter(amount="110.00").count() == 1 and Transaction.objects.get().memo == ""


def run_at_once(work: list[Callable[[], object]]) -> list[BaseException]:
    """Every callable on its own thread (its own connection), started together; the errors raised."""
    return [result for result in at_once(work) if isinstance(result, BaseException)]


def test_threads_posting_at_once_chain_in_order_and_a_raced_event_is_posted_once():
    # given 8 threads, each posting 5 sales of its own and then the same shared event
    def poster(n: int):
        def job():
            for i in range(5):
                post(event_key=f"sale-{n}-{i}", kind="payment", legs=sale(seller=n))
            post(event_key="shared", kind="payment", legs=sale(seller=99))

        return job

    errors = run_at_once([poster(n) for n in range(8)])
    # then all went through: 8 x 5 own + 1 shared = 41 transactions, numbered 1..41 without a gap
    assert errors == []
    assert Transaction.objects.filter(event_key="shared").count() == 1
    assert sorted(Transaction.objects.values_list("sequence", flat=True)) == list(range(1, 42))
    # and the chain links each to the one before: ledger_verify finds it intact
    assert chain_verify() == (41, None)


def test_the_bulk_path_posts_each_event_once_when_batches_overlap_and_race():
    # given three batches racing, over events 0..19, 10..29 and 0..29
    def batch(keys: range):
        return lambda: post_many([Posting(f"release-{k}", "release", sale(seller=k)) for k in keys])

    errors = run_at_once([batch(range(0, 20)), batch(range(10, 30)), batch(range(0, 30))])
    # then every event is posted once: 30 transactions, each with its 3 entries, chained without a gap
    assert errors == []
    assert Transaction.objects.count() == 30 and Entry.objects.count() == 90
    assert chain_verify() == (30, None)
    # and the unique event key refuses a duplicate inserted in bulk around the service
    with pytest.raises(IntegrityError), transaction.atomic():
        Transaction.objects.bulk_create(
            [Transaction(event_key="release-3", kind="release", effective_at=timezone.now(), sequence=77,
                         previous_hash="0" * 64, hash="e" * 64)]
        )  # fmt: skip
