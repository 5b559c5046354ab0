"""Runs: the cursor moves page by page with what was committed, an interrupted run resumes where it stopped,
a page cut short or a duplicated record counts nothing twice, and the same window read again adds nothing."""

import pytest

from marketplace.ledger.models import Entry, Transaction
from marketplace.reconciliation.errors import RunBusyError
from marketplace.reconciliation.models import (
    ProviderRecord,
    ReconciliationCase,
    ReconciliationCursor,
    ReconciliationRun,
)
from marketplace.reconciliation.runs import WINDOW_LAG, reconciliation_run
from tests.marketplace.reconciliation.conftest import NOW, paid
from tests.marketplace.reconciliation.stripe_pages import STRIPE_ERROR, charge_txn, payout

pytestmark = pytest.mark.django_db

BT = "/v1/balance_transactions"
WINDOW_END = int((NOW - WINDOW_LAG).timestamp())


def five_charges() -> list[dict]:
    """Five matched EUR charges of 10.00 .. 50.00 (newest first, as Stripe lists), fee 0.30 each."""
    txns = []
    for n in range(5, 0, -1):
        paid(n * 1000, charge=f"ch_{n}", intent=f"pi_{n}")
        txns.append(charge_txn(f"txn_{n}", charge_id=f"ch_{n}", intent_id=f"pi_{n}", amount=n * 1000,
                               currency="eur", fee=30, created=1_764_400_000 + n))  # fmt: skip
    return txns


def cursor() -> ReconciliationCursor:
    return ReconciliationCursor.objects.get(provider="stripe", stream="balance_transactions")


@pytest.mark.django_db(transaction=True)
def test_an_api_error_half_way_fails_the_run_and_the_next_run_resumes_from_the_cursor(stripe_pages):
    # given five charges on pages of 2 (txn_5, txn_4 | txn_3, txn_2 | txn_1), Stripe failing on the third
    http = stripe_pages(balance_transactions=five_charges(), failures={(BT, "txn_2"): (500, STRIPE_ERROR)})
    # when
    first = reconciliation_run(provider="stripe", now=NOW)
    # then two pages are committed, the cursor after their last record, the window kept
    assert first.status == ReconciliationRun.Status.FAILED
    assert "Stripe failed while listing balance_transactions" in first.error
    assert sorted(ProviderRecord.objects.values_list("provider_id", flat=True)) == [
        "txn_2", "txn_3", "txn_4", "txn_5",
    ]  # fmt: skip
    assert (cursor().created_after, cursor().window_end, cursor().starting_after) == (0, WINDOW_END, "txn_2")
    assert first.records_new == 4 and first.totals["EUR"]["count"] == 4
    # when the next run comes
    second = reconciliation_run(provider="stripe", now=NOW)
    # then it asked for what follows txn_2 in the same window, and read only txn_1
    query = http.queries(BT)[-1]
    assert (query["starting_after"], query["created[gt]"], query["created[lte]"]) == (
        "txn_2", "0", str(WINDOW_END),
    )  # fmt: skip
    assert second.status == ReconciliationRun.Status.SUCCEEDED
    assert second.records_new == 1
    # EUR 10.00 (txn_1) less 0.30 fee = 9.70
    assert second.totals == {"EUR": {"count": 1, "amount": "10.00", "fee": "0.30", "net": "9.70"}}
    assert ProviderRecord.objects.count() == 5
    assert Transaction.objects.filter(kind="provider_txn").count() == 5
    assert (cursor().created_after, cursor().window_end, cursor().starting_after) == (WINDOW_END, None, "")
    assert cursor().leased_until is None


def test_a_page_cut_short_leaves_the_cursor_at_the_last_committed_record(stripe_pages):
    # given the second page's body cut off mid-way (a dropped connection)
    truncated = '{"object": "list", "has_more": true, "data": [{"id": "txn_3", "obj'
    stripe_pages(balance_transactions=five_charges(), failures={(BT, "txn_4"): (200, truncated)})
    # when
    first = reconciliation_run(provider="stripe", now=NOW)
    # then only the first page counts, and the next run reads the rest once
    assert first.status == ReconciliationRun.Status.FAILED
    assert cursor().starting_after == "txn_4"
    assert ProviderRecord.objects.count() == 2
    second = reconciliation_run(provider="stripe", now=NOW)
    assert second.status == ReconciliationRun.Status.SUCCEEDED and second.records_new == 3
    assert ProviderRecord.objects.count() == 5
    assert ReconciliationCase.objects.count() == 0


def test_a_duplicated_record_is_counted_once(stripe_pages):
    # given txn_1 listed twice (on one page) and again on the next
    paid(1000, charge="ch_1", intent="pi_1")
    txn = charge_txn("txn_1", charge_id="ch_1", intent_id="pi_1", amount=1000, currency="eur")
    paid(2000, charge="ch_2", intent="pi_2")
    other = charge_txn("txn_2", charge_id="ch_2", intent_id="pi_2", amount=2000, currency="eur")
    stripe_pages(balance_transactions=[txn, txn, other, dict(txn)])
    # when
    result = reconciliation_run(provider="stripe", now=NOW)
    # then
    assert (result.records_read, result.records_new) == (4, 2)
    assert result.totals == {"EUR": {"count": 2, "amount": "30.00", "fee": "0.00", "net": "30.00"}}
    assert Transaction.objects.filter(kind="provider_txn").count() == 2


def test_a_record_sent_again_with_another_fee_is_a_case(stripe_pages):
    paid(1000, charge="ch_1", intent="pi_1")
    first = charge_txn("txn_1", charge_id="ch_1", intent_id="pi_1", amount=1000, currency="eur", fee=59)
    again = charge_txn("txn_1", charge_id="ch_1", intent_id="pi_1", amount=1000, currency="eur", fee=99)
    stripe_pages(balance_transactions=[first])
    reconciliation_run(provider="stripe", now=NOW)
    stripe_pages(balance_transactions=[again])
    reconciliation_run(provider="stripe", window=(0, WINDOW_END), now=NOW)
    [case] = ReconciliationCase.objects.all()
    assert (case.kind, case.subject) == ("fee_differs", "txn_1")
    assert ProviderRecord.objects.get().fee == 59  # the first version stays


def test_the_same_window_read_again_adds_nothing(stripe_pages):
    # given a run that found two cases and posted three transactions
    txns = five_charges()
    txns.append(charge_txn("txn_x", charge_id="ch_x", intent_id="pi_x", amount=100, currency="eur"))
    txns.append(charge_txn("txn_y", charge_id="ch_y", intent_id="pi_y", amount=100, currency="xyz"))
    stripe_pages(balance_transactions=txns, payouts=[payout("po_1", amount=5000, currency="eur")])
    reconciliation_run(provider="stripe", now=NOW)
    counts = (ProviderRecord.objects.count(), ReconciliationCase.objects.count(), Entry.objects.count())
    assert counts[:2] == (8, 2)  # 7 transactions and a payout; missing on the platform, unknown currency
    # when the window is read again
    rerun = reconciliation_run(provider="stripe", window=(0, WINDOW_END), now=NOW)
    # then
    assert rerun.status == ReconciliationRun.Status.SUCCEEDED
    assert (rerun.records_read, rerun.records_new, rerun.cases_opened, rerun.totals) == (8, 0, 0, {})
    assert (
        ProviderRecord.objects.count(),
        ReconciliationCase.objects.count(),
        Entry.objects.count(),
    ) == counts


def test_payouts_are_recorded_and_totalled(stripe_pages):
    paid_out = payout("po_1", amount=5000, currency="eur")
    failed = payout("po_2", amount=700, currency="eur", status="failed")
    stripe_pages(payouts=[paid_out, failed])
    result = reconciliation_run(provider="stripe", now=NOW)
    assert sorted(ProviderRecord.objects.values_list("provider_id", "type", "amount")) == [
        ("po_1", "payout_paid", -5000),
        ("po_2", "payout_failed", -700),
    ]
    # -50.00 - 7.00, apart from the balance transactions (where a payout's money shows as its own `payout`)
    assert result.totals == {
        "payouts": {"EUR": {"count": 2, "amount": "-57.00", "fee": "0.00", "net": "-57.00"}}
    }


def test_a_second_run_while_one_holds_the_cursor_reads_nothing(stripe_pages):
    from datetime import timedelta

    stripe_pages(balance_transactions=five_charges())
    ReconciliationCursor.objects.create(
        provider="stripe", stream="balance_transactions", leased_until=NOW + timedelta(minutes=5)
    )
    result = reconciliation_run(provider="stripe", now=NOW)
    assert result.status == ReconciliationRun.Status.FAILED
    assert "Another reconciliation run" in result.error
    assert ProviderRecord.objects.count() == 0
    assert RunBusyError.code == "reconciliation_run_busy"


def test_the_beat_task_runs_every_configured_provider(stripe_pages):
    from marketplace.reconciliation.tasks import run as reconciliation_task

    # given Stripe (its key is set) with one matched charge, and the test gateway (its secret is set)
    txns = five_charges()[:1]
    stripe_pages(balance_transactions=txns)
    # when beat's task runs
    outcome = reconciliation_task()
    # then one run per provider, each succeeded; Stripe's read its record
    assert [(o["provider"], o["status"], o["new"]) for o in outcome] == [
        ("stripe", "succeeded", 1),
        ("test", "succeeded", 0),
    ]


def test_a_record_without_its_amount_fails_the_run_naming_the_field(stripe_pages):
    # given the first page fine, and a record of the second page without `amount`
    txns = five_charges()
    del txns[2]["amount"]  # txn_3
    stripe_pages(balance_transactions=txns)
    # when
    result = reconciliation_run(provider="stripe", now=NOW)
    # then the run names the record and field; the first page stays counted, the cursor after it
    assert result.status == ReconciliationRun.Status.FAILED
    assert "txn_3: amount is None" in result.error
    assert ProviderRecord.objects.count() == 2
    assert cursor().starting_after == "txn_4"
