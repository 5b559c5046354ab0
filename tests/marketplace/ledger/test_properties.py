"""Properties of the journal, over transactions Hypothesis makes up: many currencies (JPY with no minor unit,
KWD with three), several accounts, several legs each.

- every posted transaction balances per currency, and one that does not is refused with nothing written;
- an account's balance is the sum of what was posted to it;
- a reversal restores every balance.

Each example runs in a transaction rolled back at its end, so examples do not see each other's postings.
"""

from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import transaction as db_transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ewtp.money import Money
from marketplace.ledger.balances import balance, balances_by_account
from marketplace.ledger.errors import UnbalancedTransactionError
from marketplace.ledger.models import AccountKind as K
from marketplace.ledger.models import Entry, Transaction
from marketplace.ledger.posting import Leg, Posting, post, post_many, reverse

pytestmark = pytest.mark.django_db

CURRENCIES = ["EUR", "JPY", "KWD"]
ACCOUNTS = [
    (K.BUYER_CLEARING, ""),
    (K.SELLER_PENDING, "7"),
    (K.SELLER_PAYABLE, "7"),
    (K.PLATFORM_FEES, ""),
    (K.SHIPPING_PAYABLE, "swift"),
    (K.TAXES_COLLECTED, "DE:ioss"),
    (K.REFUNDS, ""),
]
EXAMPLES = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@st.composite
def currency_legs(draw, currency: str) -> list[Leg]:
    """Two to five legs in one currency that sum to zero, none zero, in the currency's minor units."""
    units = draw(st.lists(st.integers(-(10**9), 10**9).filter(bool), min_size=1, max_size=4))
    closing = -sum(units)
    if closing == 0:  # the drawn legs already balance: add a pair that does too
        units += [1]
        closing = -1
    units.append(closing)
    accounts = draw(st.lists(st.sampled_from(ACCOUNTS), min_size=len(units), max_size=len(units)))
    return [
        Leg(kind, Money.from_minor_units(amount, currency), party)
        for amount, (kind, party) in zip(units, accounts, strict=True)
    ]


@st.composite
def transactions(draw) -> list[Leg]:
    currencies = draw(st.lists(st.sampled_from(CURRENCIES), min_size=1, max_size=3, unique=True))
    return [leg for currency in currencies for leg in draw(currency_legs(currency))]


def rolled_back():
    """An atomic block whose writes are undone at its end (one Hypothesis example)."""

    class Block:
        def __enter__(self):
            self.atomic = db_transaction.atomic()
            self.atomic.__enter__()

        def __exit__(self, *exc):
            db_transaction.set_rollback(True)
            return self.atomic.__exit__(*exc)

    return Block()


def sums_per_transaction_and_currency() -> dict[tuple[int, str], Decimal]:
    totals: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for transaction_id, currency, amount in Entry.objects.values_list("transaction_id", "currency", "amount"):
        totals[(transaction_id, currency)] += amount
    return totals


@EXAMPLES
@given(batch=st.lists(transactions(), min_size=1, max_size=4))
def test_every_posted_transaction_balances_per_currency(db, batch):
    with rolled_back():
        post_many([Posting(f"event-{i}", "test", legs) for i, legs in enumerate(batch)])
        assert Transaction.objects.count() == len(batch)
        assert all(total == 0 for total in sums_per_transaction_and_currency().values())


@EXAMPLES
@given(legs=transactions(), leg=st.integers(0, 20), off_by=st.sampled_from([-1, 1]))
def test_a_transaction_off_by_one_minor_unit_is_refused_and_nothing_written(db, legs, leg, off_by):
    with rolled_back():
        i = leg % len(legs)
        unit = Money.from_minor_units(off_by, legs[i].amount.currency)
        skewed = [*legs[:i], Leg(legs[i].kind, legs[i].amount + unit, legs[i].party), *legs[i + 1 :]]
        skewed = [x for x in skewed if x.amount.amount != 0]
        with pytest.raises(UnbalancedTransactionError):
            post(event_key="skewed", kind="test", legs=skewed)
        assert not Transaction.objects.exists() and not Entry.objects.exists()


@EXAMPLES
@given(batch=st.lists(transactions(), min_size=1, max_size=5))
def test_balances_equal_the_sum_of_their_entries(db, batch):
    with rolled_back():
        expected: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
        for i, legs in enumerate(batch):
            post(event_key=f"event-{i}", kind="test", legs=legs)
            for leg in legs:
                expected[leg.key] += leg.amount.amount
        for (kind, party, currency), total in expected.items():
            assert balance(K(kind), currency, party) == Money(total, currency)
        trial = {(a.kind, a.party, a.currency): m.amount for a, m in balances_by_account().items()}
        assert trial == dict(expected)


@EXAMPLES
@given(before=st.lists(transactions(), max_size=3), legs=transactions())
def test_a_reversal_restores_every_balance(db, before, legs):
    with rolled_back():
        for i, earlier in enumerate(before):
            post(event_key=f"earlier-{i}", kind="test", legs=earlier)
        balances_before = {a.pk: m for a, m in balances_by_account().items() if m.amount}
        posted = post(event_key="the-one", kind="test", legs=legs)
        reverse(posted)
        balances_after = {a.pk: m for a, m in balances_by_account().items() if m.amount}
        assert balances_after == balances_before
