"""One scenario per kind of mismatch, on recorded Stripe balance transactions, and the ledger posting of a
transaction that matches (posting 7: net and fee in the settlement currency, the gross in the presentment
currency, FX legs at the transaction's rate, the rounding to FX_DIFFERENCES). Figures worked by hand."""

import pytest

from ewtp.money import Money
from marketplace.ledger.balances import balance
from marketplace.ledger.models import AccountKind as K
from marketplace.ledger.models import Transaction
from marketplace.payments.models import Payment, Refund
from marketplace.reconciliation.models import CaseKind, ProviderRecord, ReconciliationCase, ReconciliationRun
from marketplace.reconciliation.runs import reconciliation_run
from tests.marketplace.reconciliation.conftest import NOW, paid, refunded
from tests.marketplace.reconciliation.stripe_pages import charge_txn, dispute_txn, refund_txn

pytestmark = pytest.mark.django_db


def run():
    return reconciliation_run(provider="stripe", now=NOW)


def kinds() -> list[tuple[str, str]]:
    return sorted(ReconciliationCase.objects.values_list("kind", "subject"))


def test_a_eur_charge_settled_in_usd_posts_net_fee_and_fx_legs(stripe_pages):
    # given EUR 100.00 paid, settled as USD 108.70 at 1.087 (100.00 x 1.087 = 108.70), fee USD 3.45
    payment = paid(10000, "EUR", charge="ch_1", intent="pi_1")
    stripe_pages(
        balance_transactions=[
            charge_txn(
                "txn_1",
                charge_id="ch_1",
                intent_id="pi_1",
                amount=10000,
                currency="eur",
                settled=10870,
                settlement_currency="usd",
                exchange_rate=1.087,
                fee=345,
            ),
        ]
    )
    # when
    result = run()
    # then no case, and the ledger has the provider's view: net 108.70 - 3.45 = 105.25
    assert result.status == ReconciliationRun.Status.SUCCEEDED
    assert kinds() == []
    assert balance(K.PROVIDER_BALANCE, "USD") == Money("105.25", "USD")
    assert balance(K.PROVIDER_FEES, "USD") == Money("3.45", "USD")
    assert balance(K.BUYER_CLEARING, "EUR") == Money("-100.00", "EUR")
    # the FX account of the pair took in EUR 100.00 and gave out USD 108.70
    assert balance(K.FX, "EUR", "USD/EUR") == Money("100.00", "EUR")
    assert balance(K.FX, "USD", "USD/EUR") == Money("-108.70", "USD")
    assert balance(K.FX_DIFFERENCES, "USD") == Money("0", "USD")
    record = ProviderRecord.objects.get(provider_id="txn_1")
    assert record.payment == payment
    assert record.transaction.event_key == "provider-txn:txn_1"
    assert str(record.exchange_rate.normalize()) == "1.087"
    assert result.totals == {"USD": {"count": 1, "amount": "108.70", "fee": "3.45", "net": "105.25"}}


def test_a_rounding_difference_of_the_rate_goes_to_fx_differences(stripe_pages):
    # given EUR 100.00 at 1.08705: 108.705 rounds half up to USD 108.71, but Stripe settled USD 108.70
    paid(10000, "EUR", charge="ch_1", intent="pi_1")
    stripe_pages(
        balance_transactions=[
            charge_txn(
                "txn_1",
                charge_id="ch_1",
                intent_id="pi_1",
                amount=10000,
                currency="eur",
                settled=10870,
                settlement_currency="usd",
                exchange_rate=1.08705,
                fee=345,
            ),
        ]
    )
    # when
    run()
    # then FX gave out 108.71 and the missing 0.01 is an exchange difference (a debit: a loss)
    assert balance(K.FX, "USD", "USD/EUR") == Money("-108.71", "USD")
    assert balance(K.FX_DIFFERENCES, "USD") == Money("0.01", "USD")
    assert balance(K.PROVIDER_BALANCE, "USD") == Money("105.25", "USD")
    assert kinds() == []


def test_a_charge_no_payment_knows_is_missing_on_the_platform(stripe_pages):
    stripe_pages(
        balance_transactions=[
            charge_txn("txn_9", charge_id="ch_9", intent_id="pi_9", amount=5000, currency="eur", fee=175)
        ]
    )
    run()
    assert kinds() == [(CaseKind.MISSING_ON_PLATFORM, "txn_9")]
    case = ReconciliationCase.objects.get()
    assert case.provider_amount == "50.00 EUR"
    assert Transaction.objects.count() == 0  # nothing posted for money the platform cannot place


def test_a_charge_of_a_payment_that_never_succeeded_is_missing_on_the_platform(stripe_pages):
    paid(5000, charge="ch_1", intent="pi_1", status=Payment.Status.FAILED)
    stripe_pages(balance_transactions=[charge_txn("txn_1", charge_id="ch_1", intent_id="pi_1", amount=5000,
                                                  currency="eur")])  # fmt: skip
    run()
    assert kinds() == [(CaseKind.MISSING_ON_PLATFORM, "txn_1")]
    assert "failed" in ReconciliationCase.objects.get().description


def test_a_payment_without_a_charge_at_the_provider_is_missing_at_the_provider(stripe_pages):
    # given a payment that succeeded two days before the run (older than the window's end less the grace)
    from datetime import timedelta

    payment = paid(2500, charge="ch_gone", intent="pi_gone", succeeded_at=NOW - timedelta(days=2))
    stripe_pages(balance_transactions=[])
    # when two runs read the provider
    run()
    run()
    # then one case, not two
    [case] = ReconciliationCase.objects.all()
    assert (case.kind, case.subject, case.payment) == (
        CaseKind.MISSING_AT_PROVIDER,
        f"payment:{payment.reference}",
        payment,
    )
    assert case.platform_amount == "25.00 EUR"


def test_a_charge_for_another_amount_differs(stripe_pages):
    # given EUR 100.00 on the platform, EUR 90.00 at Stripe
    paid(10000, charge="ch_1", intent="pi_1")
    stripe_pages(balance_transactions=[charge_txn("txn_1", charge_id="ch_1", intent_id="pi_1", amount=9000,
                                                  currency="eur", fee=291)])  # fmt: skip
    run()
    assert kinds() == [(CaseKind.AMOUNT_DIFFERS, "txn_1")]
    case = ReconciliationCase.objects.get()
    assert (case.provider_amount, case.platform_amount) == ("90.00 EUR", "100.00 EUR")
    assert Transaction.objects.count() == 0


def test_a_settlement_far_from_the_rate_is_an_amount_difference(stripe_pages):
    # given EUR 100.00 at 1.087 should settle USD 108.70; Stripe says USD 118.70 (10.00 more than rounding)
    paid(10000, charge="ch_1", intent="pi_1")
    stripe_pages(
        balance_transactions=[
            charge_txn(
                "txn_1",
                charge_id="ch_1",
                intent_id="pi_1",
                amount=10000,
                currency="eur",
                settled=11870,
                settlement_currency="usd",
                exchange_rate=1.087,
                fee=0,
            ),
        ]
    )
    run()
    assert kinds() == [(CaseKind.AMOUNT_DIFFERS, "txn_1")]
    assert "108.70 USD expected" in ReconciliationCase.objects.get().description


def test_a_charge_in_another_currency_differs(stripe_pages):
    paid(10000, "EUR", charge="ch_1", intent="pi_1")
    stripe_pages(balance_transactions=[charge_txn("txn_1", charge_id="ch_1", intent_id="pi_1", amount=10000,
                                                  currency="gbp")])  # fmt: skip
    run()
    assert kinds() == [(CaseKind.CURRENCY_DIFFERS, "txn_1")]
    assert ReconciliationCase.objects.get().provider_amount == "100.00 GBP"


def test_a_fee_that_disagrees_with_its_breakdown_differs(stripe_pages):
    # given a fee of 3.45 whose breakdown adds up to 3.00 + 0.30 = 3.30
    paid(10000, charge="ch_1", intent="pi_1")
    txn = charge_txn(
        "txn_1",
        charge_id="ch_1",
        intent_id="pi_1",
        amount=10000,
        currency="eur",
        fee=345,
        fee_details=[300, 30],
    )
    stripe_pages(balance_transactions=[txn])
    run()
    assert kinds() == [(CaseKind.FEE_DIFFERS, "txn_1")]
    assert ReconciliationCase.objects.get().provider_amount == "3.45 EUR"
    assert Transaction.objects.count() == 0


def test_a_net_that_is_not_amount_less_fee_differs(stripe_pages):
    paid(10000, charge="ch_1", intent="pi_1")
    stripe_pages(balance_transactions=[charge_txn("txn_1", charge_id="ch_1", intent_id="pi_1", amount=10000,
                                                  currency="eur", fee=345, net=9600)])  # fmt: skip
    run()
    assert kinds() == [(CaseKind.FEE_DIFFERS, "txn_1")]


def test_a_refund_the_platform_made_clears_refunds(stripe_pages):
    # given EUR 100.00 paid and EUR 40.00 refunded through the platform
    payment = paid(10000, charge="ch_1", intent="pi_1")
    refund = refunded(payment, 4000, refund_id="re_1")
    stripe_pages(balance_transactions=[
        refund_txn("txn_2", refund_id="re_1", charge_id="ch_1", intent_id="pi_1", amount=4000,
                   currency="eur"),
        charge_txn("txn_1", charge_id="ch_1", intent_id="pi_1", amount=10000, currency="eur", fee=320),
    ])  # fmt: skip
    run()
    assert kinds() == []
    # Dr REFUNDS 40.00 / Cr PROVIDER_BALANCE 40.00; the charge left 100.00 - 3.20 = 96.80: 96.80 - 40.00
    assert balance(K.REFUNDS, "EUR") == Money("40.00", "EUR")
    assert balance(K.PROVIDER_BALANCE, "EUR") == Money("56.80", "EUR")
    assert ProviderRecord.objects.get(provider_id="txn_2").refund == refund


def test_a_refund_made_at_the_provider_only_is_not_recorded(stripe_pages):
    payment = paid(10000, charge="ch_1", intent="pi_1")
    refunded(payment, 1000, refund_id="re_pending", status=Refund.Status.PENDING)
    stripe_pages(balance_transactions=[
        refund_txn("txn_3", refund_id="re_dash", charge_id="ch_1", intent_id="pi_1", amount=2500,
                   currency="eur"),
        refund_txn("txn_4", refund_id="re_pending", charge_id="ch_1", intent_id="pi_1", amount=1000,
                   currency="eur"),
        charge_txn("txn_1", charge_id="ch_1", intent_id="pi_1", amount=10000, currency="eur"),
    ])  # fmt: skip
    run()
    assert kinds() == [(CaseKind.REFUND_NOT_RECORDED, "txn_3"), (CaseKind.REFUND_NOT_RECORDED, "txn_4")]
    dashboard = ReconciliationCase.objects.get(subject="txn_3")  # made at Stripe's dashboard
    assert dashboard.payment == payment and dashboard.provider_amount == "-25.00 EUR"
    assert balance(K.REFUNDS, "EUR") == Money("0", "EUR")


def test_a_dispute_is_a_case_and_its_money_is_posted(stripe_pages):
    # given EUR 100.00 disputed in full, with Stripe's EUR 15.00 dispute fee
    payment = paid(10000, charge="ch_1", intent="pi_1", status=Payment.Status.DISPUTED)
    stripe_pages(balance_transactions=[
        dispute_txn("txn_5", dispute_id="dp_1", charge_id="ch_1", intent_id="pi_1", amount=10000,
                    currency="eur", fee=1500),
        charge_txn("txn_1", charge_id="ch_1", intent_id="pi_1", amount=10000, currency="eur"),
    ])  # fmt: skip
    run()
    [case] = ReconciliationCase.objects.all()
    assert (case.kind, case.payment) == (CaseKind.DISPUTE, payment)
    assert "the platform has the payment as disputed" in case.description
    # Dr REFUNDS 100.00, Dr PROVIDER_FEES 15.00, Cr PROVIDER_BALANCE 115.00, after the charge's 100.00
    assert balance(K.REFUNDS, "EUR") == Money("100.00", "EUR")
    assert balance(K.PROVIDER_FEES, "EUR") == Money("15.00", "EUR")
    assert balance(K.PROVIDER_BALANCE, "EUR") == Money("-15.00", "EUR")


def test_a_record_in_an_unknown_currency_is_a_case_not_a_crash(stripe_pages):
    paid(10000, charge="ch_1", intent="pi_1")
    stripe_pages(balance_transactions=[
        charge_txn("txn_6", charge_id="ch_x", intent_id="pi_x", amount=700, currency="xyz"),
        charge_txn("txn_1", charge_id="ch_1", intent_id="pi_1", amount=10000, currency="eur"),
    ])  # fmt: skip
    result = run()
    assert result.status == ReconciliationRun.Status.SUCCEEDED
    assert kinds() == [(CaseKind.UNKNOWN_CURRENCY, "txn_6")]
    assert "XYZ" in ReconciliationCase.objects.get().description
    # totalled apart, in the provider's units, flagged
    assert result.totals["XYZ"] == {
        "count": 1,
        "unknown_currency": True,
        "amount": "700",
        "fee": "0",
        "net": "700",
    }
    assert result.totals["EUR"]["count"] == 1


def test_a_refund_the_provider_never_made_is_missing_at_the_provider(stripe_pages):
    # given EUR 100.00 charged and matched, and EUR 30.00 refunded on the platform two days ago
    from datetime import timedelta

    payment = paid(10000, charge="ch_1", intent="pi_1")
    refund = refunded(payment, 3000, refund_id="re_lost")
    Refund.objects.filter(pk=refund.pk).update(submitted_at=NOW - timedelta(days=2))
    stripe_pages(balance_transactions=[charge_txn("txn_1", charge_id="ch_1", intent_id="pi_1", amount=10000,
                                                  currency="eur")])  # fmt: skip
    # when
    run()
    # then
    [case] = ReconciliationCase.objects.all()
    assert (case.kind, case.subject, case.refund, case.payment) == (
        CaseKind.MISSING_AT_PROVIDER,
        f"refund:{refund.reference}",
        refund,
        payment,
    )
    assert case.platform_amount == "-30.00 EUR"
