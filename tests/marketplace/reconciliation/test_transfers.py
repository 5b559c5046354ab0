"""Stripe's Connect transfers matched to the platform's payouts (marketplace.reconciliation.payout_matching):
a transfer the platform does not know, a payout the provider does not know, amounts and currencies that
differ, a payout not paid on the platform, and the payout's two ledger postings. Figures worked by hand."""

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from ewtp.money import Money
from marketplace.ledger.models import AccountKind as K
from marketplace.ledger.posting import credit, debit, post
from marketplace.payouts.models import Payout
from marketplace.payouts.outcomes import payout_settle
from marketplace.reconciliation.models import CaseKind, ProviderRecord, ReconciliationCase, ReconciliationRun
from marketplace.reconciliation.runs import reconciliation_run
from tests.marketplace.reconciliation.conftest import NOW
from tests.marketplace.reconciliation.stripe_pages import CREATED, transfer_txn
from tests.marketplace.sellers.factories import SellerFactory

pytestmark = pytest.mark.django_db

PAID_AT = datetime.fromtimestamp(CREATED, UTC)


def run(provider="stripe", now=NOW):
    return reconciliation_run(provider=provider, now=now)


def cases() -> list[tuple[str, str]]:
    return sorted(ReconciliationCase.objects.values_list("kind", "subject"))


def payout_made(
    reference: str = "PO-AAAA-BBBB-CCCC",
    *,
    transfer_id: str = "tr_1",
    method: str = Payout.Method.STRIPE,
    settle: bool = True,
) -> Payout:
    """A EUR 95.00 payout to a seller paid in EUR (no conversion: rate 1), with "payout:<ref>" posted
    (Dr seller payable / Cr payouts EUR 95.00) and, when `settle`, paid by `transfer_id` through
    payout_settle (which posts "payout-settled:<ref>")."""
    seller = SellerFactory(verified=True, country="KE", default_currency="EUR")
    payout = Payout.objects.create(
        reference=reference, seller=seller, method=method, source_currency="EUR",
        source_amount=Decimal("95.00"), currency="EUR", amount=Decimal("95.00"), fx_rate=Decimal(1),
        fx_rate_date=date(2025, 11, 28), platform_fee_amount=Decimal("5.00"),
    )  # fmt: skip
    post(
        event_key=f"payout:{reference}",
        kind="payout",
        legs=[
            debit(K.SELLER_PAYABLE, Money("95.00", "EUR"), seller.pk),
            credit(K.PAYOUTS, Money("95.00", "EUR"), seller.pk),
        ],
        seller_id=seller.pk,
        reference=reference,
    )
    if settle:
        payout_settle(payout=payout, transfer_id=transfer_id)
        Payout.objects.filter(pk=payout.pk).update(paid_at=PAID_AT)
    payout.refresh_from_db()
    return payout


def test_a_transfer_matching_a_paid_payout_opens_no_case_and_links_the_record(stripe_pages):
    # given a payout of EUR 95.00 paid by tr_1, and Stripe's transfer of 9500 (EUR 95.00)
    payout = payout_made()
    stripe_pages(
        balance_transactions=[transfer_txn("txn_tr1", transfer_id="tr_1", amount=9500, currency="eur")]
    )
    # when
    result = run()
    # then no case: the transfer, the payout and its two postings agree
    assert result.status == ReconciliationRun.Status.SUCCEEDED
    assert cases() == []
    record = ProviderRecord.objects.get(provider_id="txn_tr1")
    assert record.payout == payout
    # the transfer leaves the platform's balance: -95.00, counted once in the EUR totals
    assert result.totals == {"EUR": {"count": 1, "amount": "-95.00", "fee": "0.00", "net": "-95.00"}}


def test_a_transfer_the_platform_does_not_know_is_missing_on_the_platform(stripe_pages):
    # given no payout at all, and a transfer of 9500 (EUR 95.00) to a connected account
    stripe_pages(
        balance_transactions=[transfer_txn("txn_tr9", transfer_id="tr_9", amount=9500, currency="eur")]
    )
    # when
    run()
    # then
    assert cases() == [(CaseKind.MISSING_ON_PLATFORM, "txn_tr9")]
    case = ReconciliationCase.objects.get()
    assert case.provider_amount == "95.00 EUR"
    assert "tr_9" in case.description
    assert case.payout is None


def test_a_transfer_for_a_held_payout_is_found_by_its_reference_and_is_a_case(stripe_pages):
    # given a payout held on the platform (its transfer never recorded), which Stripe paid all the same
    payout = payout_made("PO-HELD-0000-0001", settle=False)
    Payout.objects.filter(pk=payout.pk).update(status=Payout.Status.HELD, hold_reason="Restricted")
    stripe_pages(
        balance_transactions=[
            transfer_txn(
                "txn_tr2", transfer_id="tr_2", amount=9500, currency="eur", payout_reference=payout.reference
            )
        ]
    )
    # when
    run()
    # then the transfer is linked to the payout by the reference in its metadata, and the case says held
    assert cases() == [(CaseKind.MISSING_ON_PLATFORM, "txn_tr2")]
    case = ReconciliationCase.objects.get()
    assert case.payout == payout
    assert "held" in case.description
    assert ProviderRecord.objects.get(provider_id="txn_tr2").payout == payout


def test_a_transfer_of_another_amount_is_a_case(stripe_pages):
    # given a EUR 95.00 payout, and Stripe's transfer tr_1 of 9400: EUR 94.00
    payout_made()
    stripe_pages(
        balance_transactions=[transfer_txn("txn_tr1", transfer_id="tr_1", amount=9400, currency="eur")]
    )
    # when
    run()
    # then
    assert cases() == [(CaseKind.AMOUNT_DIFFERS, "txn_tr1")]
    case = ReconciliationCase.objects.get()
    assert (case.provider_amount, case.platform_amount) == ("94.00 EUR", "95.00 EUR")


def test_a_transfer_in_another_currency_is_a_case(stripe_pages):
    # given a EUR 95.00 payout, and Stripe's transfer tr_1 of USD 95.00
    payout_made()
    stripe_pages(
        balance_transactions=[transfer_txn("txn_tr1", transfer_id="tr_1", amount=9500, currency="usd")]
    )
    # when
    run()
    # then
    assert cases() == [(CaseKind.CURRENCY_DIFFERS, "txn_tr1")]


def test_a_paid_payout_whose_settlement_was_never_posted_is_not_posted(stripe_pages):
    # given a payout marked paid by tr_1 around the service: "payout:<ref>" posted, "payout-settled:<ref>" not
    payout = payout_made(settle=False)
    Payout.objects.filter(pk=payout.pk).update(
        status=Payout.Status.PAID, provider_transfer_id="tr_1", paid_at=PAID_AT
    )
    stripe_pages(
        balance_transactions=[transfer_txn("txn_tr1", transfer_id="tr_1", amount=9500, currency="eur")]
    )
    # when
    run()
    # then the case names the missing posting, and only it
    assert cases() == [(CaseKind.NOT_POSTED, "txn_tr1")]
    case = ReconciliationCase.objects.get()
    assert case.payout == payout
    assert f"payout-settled:{payout.reference}" in case.description
    assert f"payout:{payout.reference}," not in case.description


def test_a_paid_payout_the_provider_does_not_list_is_missing_at_the_provider_until_it_does(stripe_pages):
    # given a payout paid by tr_1 at CREATED, and Stripe listing nothing in the first window
    payout = payout_made()
    stripe_pages(balance_transactions=[])
    # when the run a day later reads its window (the payout older than the grace)
    run()
    # then
    assert cases() == [(CaseKind.MISSING_AT_PROVIDER, f"payout:{payout.reference}")]
    assert ReconciliationCase.objects.get().platform_amount == "95.00 EUR"
    # when a later run reads the transfer (listed late, created in the next window)
    later = CREATED + 2 * 86400
    stripe_pages(
        balance_transactions=[
            transfer_txn("txn_tr1", transfer_id="tr_1", amount=9500, currency="eur", created=later)
        ]
    )
    run(now=datetime.fromtimestamp(later, UTC) + (NOW - PAID_AT))
    # then the case is answered, and no new one opened
    case = ReconciliationCase.objects.get()
    assert case.status == ReconciliationCase.Status.RESOLVED
    assert "Found at the provider" in case.resolution_note


def test_a_second_run_over_the_same_transfers_adds_nothing(stripe_pages):
    # given one unknown transfer, already reconciled once
    stripe_pages(
        balance_transactions=[transfer_txn("txn_tr9", transfer_id="tr_9", amount=9500, currency="eur")]
    )
    reconciliation_run(provider="stripe", window=(CREATED - 1, CREATED + 1), now=NOW)
    # when the same window is read again
    again = reconciliation_run(provider="stripe", window=(CREATED - 1, CREATED + 1), now=NOW)
    # then nothing new: one record, one case
    assert (again.records_new, again.cases_opened) == (0, 0)
    assert ProviderRecord.objects.count() == 1
    assert cases() == [(CaseKind.MISSING_ON_PLATFORM, "txn_tr9")]


def test_recorded_payouts_are_not_looked_for_at_the_test_gateway():
    # given a payout recorded as paid without a payment provider (no transfer anywhere)
    payout_made("PO-RECO-RDED-0001", method=Payout.Method.RECORDED, transfer_id="")
    # when the test gateway's records are reconciled (it has none)
    result = run(provider="test")
    # then the recorded payout is no case: no provider ever held it
    assert result.status == ReconciliationRun.Status.SUCCEEDED
    assert cases() == []


def test_a_payout_case_downloads_with_its_payout(admin_client, stripe_pages):
    # given a paid payout the provider does not list: a missing_at_provider case on it
    payout = payout_made()
    stripe_pages(balance_transactions=[])
    run()
    case = ReconciliationCase.objects.get()
    # when an operator downloads it from the admin
    response = admin_client.post(
        reverse("admin:reconciliation_reconciliationcase_changelist"),
        {"action": "download_csv", "_selected_action": [case.pk]},
    )
    # then its row names the payout
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["kind"], r["payout"], r["platform_amount"]) for r in rows] == [
        ("missing_at_provider", payout.reference, "95.00 EUR")
    ]


def test_a_transfer_for_a_payout_paid_without_one_is_a_case(stripe_pages):
    # given a payout recorded as paid with no transfer (no provider at the time), which Stripe paid too
    payout = payout_made("PO-RECO-RDED-0002", method=Payout.Method.RECORDED, transfer_id="")
    stripe_pages(
        balance_transactions=[
            transfer_txn(
                "txn_tr3", transfer_id="tr_3", amount=9500, currency="eur", payout_reference=payout.reference
            )
        ]
    )
    # when
    run()
    # then the seller was paid twice: a case on the transfer, linked to the payout
    assert cases() == [(CaseKind.MISSING_ON_PLATFORM, "txn_tr3")]
    case = ReconciliationCase.objects.get()
    assert case.payout == payout
    assert "paid without a transfer" in case.description
