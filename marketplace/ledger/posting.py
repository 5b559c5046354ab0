"""Posting to the journal: one transaction per business event, balanced per currency, chained, never edited.

    post(event_key="payment:pay_1", kind="payment", memo="...", legs=[
        debit(AccountKind.BUYER_CLEARING, Money("110.00", "EUR")),
        credit(AccountKind.SELLER_PENDING, Money("95.00", "EUR"), party=str(seller.id)),
        credit(AccountKind.PLATFORM_FEES, Money("5.00", "EUR")),
        credit(AccountKind.SHIPPING_PAYABLE, Money("10.00", "EUR"), party="silk-road-post"),
    ])

- Idempotent: an event key already posted returns the transaction posted then and writes nothing (with other
  entries it raises EventConflictError: one event cannot move other money). The unique constraint on
  `event_key` backs this on every path, `post_many` (bulk) included.
- Posting takes a row lock on the chain head, so transactions from every process chain one after another.
  A service that reads balances and posts from them takes it first (`journal_lock`), inside its transaction.
- Exchange is two linked legs through the FX account of the currency pair (`exchange_legs`), never one leg in
  two currencies.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db import transaction as db_transaction
from django.utils import timezone

from ewtp.money import Money
from marketplace.ledger.chain import content_hash
from marketplace.ledger.errors import (
    AlreadyReversedError,
    EmptyTransactionError,
    EventConflictError,
    LegInvalidError,
    UnbalancedTransactionError,
)
from marketplace.ledger.models import Account, AccountKind, ChainHead, Entry, Transaction


@dataclass(frozen=True)
class Leg:
    """One entry to write: `amount` signed (a debit positive, a credit negative) in the account's currency."""

    kind: AccountKind
    amount: Money
    party: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (str(self.kind), self.party, self.amount.currency)


def debit(kind: AccountKind, amount: Money, party: str | int = "") -> Leg:
    return Leg(kind, amount, str(party))


def credit(kind: AccountKind, amount: Money, party: str | int = "") -> Leg:
    return Leg(kind, -amount, str(party))


def fx_pair(source: str, target: str) -> str:
    return f"{source}/{target}"


def exchange_legs(source: Money, target: Money) -> list[Leg]:
    """The FX account's two legs of converting `source` into `target` (at target/source): it takes in
    `source` (credit) and gives out `target` (debit). The caller debits what gives `source` up and credits
    what receives `target`, so each currency balances on its own."""
    pair = fx_pair(source.currency, target.currency)
    return [credit(AccountKind.FX, source, pair), debit(AccountKind.FX, target, pair)]


@dataclass
class Posting:
    """A transaction to post (for `post_many`)."""

    event_key: str
    kind: str
    legs: Sequence[Leg]
    memo: str = ""
    effective_at: datetime | None = None
    seller_id: int | None = None
    reference: str = ""
    reverses: Transaction | None = field(default=None, repr=False)


def legs_check(legs: Sequence[Leg], *, event_key: str) -> None:
    """Refuse an empty, zero-leg or unbalanced transaction, naming the event and the currency."""
    if not legs:
        raise EmptyTransactionError(
            f"{event_key}: a transaction needs entries.", details={"event_key": event_key}
        )
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for leg in legs:
        if leg.amount.amount == 0:
            raise LegInvalidError(
                f"{event_key}: a zero entry on {leg.kind}.",
                details={"event_key": event_key, "account": leg.kind},
            )
        if not leg.amount.is_rounded:
            raise LegInvalidError(
                f"{event_key}: {leg.amount} on {leg.kind} is not rounded to the currency's minor unit.",
                details={"event_key": event_key, "account": leg.kind, "amount": str(leg.amount.amount)},
            )
        totals[leg.amount.currency] += leg.amount.amount
    unbalanced = {currency: str(total) for currency, total in sorted(totals.items()) if total != 0}
    if unbalanced:
        raise UnbalancedTransactionError(
            f"{event_key}: entries do not balance in {', '.join(unbalanced)} (off by "
            + ", ".join(f"{total} {currency}" for currency, total in unbalanced.items())
            + ").",
            details={"event_key": event_key, "unbalanced": unbalanced},
        )


def post(
    *,
    event_key: str,
    kind: str,
    legs: Sequence[Leg],
    memo: str = "",
    effective_at: datetime | None = None,
    seller_id: int | None = None,
    reference: str = "",
) -> Transaction:
    """Post one balanced transaction for `event_key`, or return the one posted for it before."""
    posting = Posting(event_key, kind, legs, memo, effective_at, seller_id, reference)
    return post_many([posting])[0]


def post_many(postings: Sequence[Posting]) -> list[Transaction]:
    """Post many transactions in one database transaction (reconciliation, bulk releases): the ones already
    posted are returned as they are, the others written with bulk inserts and chained in the given order."""
    for posting in postings:
        legs_check(posting.legs, event_key=posting.event_key)
    keys = [p.event_key for p in postings]
    if len(set(keys)) != len(keys):
        raise EventConflictError("The same event key twice in one batch.", details={"event_key": keys})
    with db_transaction.atomic():
        head = _chain_head_locked()
        existing = {t.event_key: t for t in Transaction.objects.filter(event_key__in=keys)}
        _replays_check(existing, postings)
        new = [p for p in postings if p.event_key not in existing]
        reversed_ = Transaction.objects.filter(reverses__in=[p.reverses for p in new if p.reverses]).first()
        if reversed_ is not None:
            raise AlreadyReversedError(
                f"{reversed_.reverses} is already reversed by {reversed_}.",
                details={"event_key": reversed_.event_key},
            )
        if new:
            _write(head, new, existing)
    return [existing[key] for key in keys]


def reverse(original: Transaction, *, memo: str = "", effective_at: datetime | None = None) -> Transaction:
    """Undo `original` with a transaction of the opposite entries (event key "reversal:<original key>")."""
    legs = [
        Leg(AccountKind(kind), Money(-amount, currency), party)
        for kind, party, currency, amount in original.entries.values_list(
            "account__kind", "account__party", "currency", "amount"
        )
    ]
    key = f"reversal:{original.event_key}"
    with db_transaction.atomic():
        locked = Transaction.objects.select_for_update().get(pk=original.pk)
        done = Transaction.objects.filter(reverses=locked).first()
        if done is not None:
            if done.event_key == key:
                return done
            raise AlreadyReversedError(
                f"{original} is already reversed by {done}.", details={"event_key": key}
            )
        posting = Posting(
            key,
            "reversal",
            legs,
            memo or f"Reversal of {original.event_key}",
            effective_at,
            original.seller_id_ref,
            original.reference,
            reverses=locked,
        )
        return post_many([posting])[0]


def journal_lock() -> None:
    """Hold the journal (the chain head's row) until the current database transaction ends, for a service
    that reads the journal and posts from what it read: no other posting commits in between, so what it read
    still holds (a release reads what an order has left pending, a refund whether the order was released)."""
    if not db_transaction.get_connection().in_atomic_block:
        raise RuntimeError("journal_lock() outside a transaction would release the lock at once.")
    _chain_head_locked()


def _chain_head_locked() -> ChainHead:
    ChainHead.objects.get_or_create(pk=1)
    return ChainHead.objects.select_for_update().get(pk=1)


def _accounts_for(legs: Iterable[Leg]) -> dict[tuple[str, str, str], Account]:
    wanted = {leg.key for leg in legs}
    Account.objects.bulk_create(
        [Account(kind=kind, party=party, currency=currency) for kind, party, currency in wanted],
        ignore_conflicts=True,
    )
    accounts: dict[tuple[str, str, str], Account] = {}
    kinds = {kind for kind, _, _ in wanted}
    for account in Account.objects.filter(kind__in=kinds, party__in={p for _, p, _ in wanted}):
        key = (account.kind, account.party, account.currency)
        if key in wanted:
            accounts[key] = account
    return accounts


def _replays_check(existing: dict[str, Transaction], postings: Sequence[Posting]) -> None:
    """A replayed event must ask for the entries it was posted with (one query for the whole batch)."""
    if not existing:
        return
    had: dict[int, list] = defaultdict(list)
    for transaction_id, kind, party, currency, amount in Entry.objects.filter(
        transaction_id__in=[t.pk for t in existing.values()]
    ).values_list("transaction_id", "account__kind", "account__party", "currency", "amount"):
        had[transaction_id].append((kind, party, currency, amount.normalize()))
    for posting in postings:
        posted = existing.get(posting.event_key)
        if posted is None:
            continue
        asked = sorted((*leg.key, leg.amount.amount.normalize()) for leg in posting.legs)
        if sorted(had[posted.pk]) != asked:
            raise EventConflictError(
                f"{posted.event_key} was posted before with other entries.",
                details={"event_key": posted.event_key},
            )


def _write(head: ChainHead, postings: Sequence[Posting], out: dict[str, Transaction]) -> None:
    accounts = _accounts_for(leg for p in postings for leg in p.legs)
    now = timezone.now()
    sequence, previous = head.sequence, head.hash
    transactions = []
    for p in postings:
        sequence += 1
        effective_at = p.effective_at or now
        digest = content_hash(
            previous_hash=previous,
            sequence=sequence,
            event_key=p.event_key,
            kind=p.kind,
            memo=p.memo,
            effective_at=effective_at,
            reverses_sequence=p.reverses.sequence if p.reverses else None,
            entries=[(str(leg.kind), leg.party, leg.amount.currency, leg.amount.amount) for leg in p.legs],
        )
        transactions.append(
            Transaction(
                event_key=p.event_key,
                kind=p.kind,
                memo=p.memo[:300],
                effective_at=effective_at,
                reverses=p.reverses,
                seller_id_ref=p.seller_id,
                reference=p.reference,
                sequence=sequence,
                previous_hash=previous,
                hash=digest,
            )
        )
        previous = digest
    created = Transaction.objects.bulk_create(transactions)
    if any(t.pk is None for t in created):  # backends without RETURNING: read the ids back
        ids = dict(Transaction.objects.filter(sequence__gt=head.sequence).values_list("sequence", "id"))
        for t in created:
            t.pk = ids[t.sequence]
    Entry.objects.bulk_create(
        [
            Entry(
                transaction=t,
                account=accounts[leg.key],
                amount=leg.amount.amount,
                currency=leg.amount.currency,
            )
            for t, p in zip(created, postings, strict=True)
            for leg in p.legs
        ]
    )
    head.sequence, head.hash = sequence, previous
    head.save(update_fields=["sequence", "hash"])
    for t in created:
        out[t.event_key] = t
