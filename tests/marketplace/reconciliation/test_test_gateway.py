"""The built-in test gateway keeps its own settlement records (a charge with its fee when a payment succeeds,
a refund when one goes through), and reconciliation reads them as it reads Stripe's."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ewtp.money import Money
from marketplace.ledger.models import Entry
from marketplace.payments.gateways.builtin import CARD_SUCCEEDS
from marketplace.payments.models import Payment
from marketplace.payments.services import refund_request
from marketplace.payments.settlement_models import BuiltinGatewaySettlement
from marketplace.reconciliation.models import ProviderRecord, ReconciliationCase, ReconciliationRun
from marketplace.reconciliation.runs import reconciliation_run
from tests.marketplace.payments.conftest import processing, start  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_stripe(settings):
    settings.STRIPE_SECRET_KEY = ""  # payments start on the built-in test gateway


def provider_entries() -> list[tuple[str, str, str, str]]:
    rows = Entry.objects.filter(transaction__event_key__startswith="provider-txn:").values_list(
        "transaction__event_key", "account__kind", "currency", "amount"
    )
    return sorted(
        (key.split(":")[1][:9], kind, currency, str(amount)) for key, kind, currency, amount in rows
    )


def test_a_payment_and_a_refund_on_the_test_gateway_are_settled_and_reconciled(client, processing):  # noqa: F811
    # given EUR 25.00 paid on the gateway's page, then EUR 10.00 refunded
    payment = start(amount="25.00")
    with processing():
        client.post(f"/payments/test/{payment.reference}/", {"card_number": CARD_SUCCEEDS})
    with processing():
        refund_request(
            payment=payment, amount=Money("10.00", "EUR"), reason="One item missing", order_reference="ord_1",
            idempotency_key="refund-ord_1",
        )  # fmt: skip
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PARTIALLY_REFUNDED
    # then the gateway recorded the charge with its fee, 25.00 x 2.9 % = 0.725, rounded half up to 0.73
    charge = BuiltinGatewaySettlement.objects.get(type="charge")
    assert (charge.amount, charge.fee, charge.net, charge.currency) == (2500, 73, 2427, "EUR")
    refund = BuiltinGatewaySettlement.objects.get(type="refund")
    assert (refund.amount, refund.fee, refund.net) == (-1000, 0, -1000)
    # when reconciliation reads the gateway an hour later
    run = reconciliation_run(provider="test", now=timezone.now() + timedelta(hours=1))
    # then both match, nothing is a case, and the ledger has the gateway's view
    assert run.status == ReconciliationRun.Status.SUCCEEDED
    assert ReconciliationCase.objects.count() == 0
    assert ProviderRecord.objects.filter(payment=payment).count() == 2
    assert ProviderRecord.objects.get(type="refund").refund.payment == payment
    assert provider_entries() == [
        ("txn_test_", "buyer_clearing", "EUR", "-25.0000"),
        ("txn_test_", "provider_balance", "EUR", "-10.0000"),
        ("txn_test_", "provider_balance", "EUR", "24.2700"),  # 25.00 - 0.73
        ("txn_test_", "provider_fees", "EUR", "0.7300"),
        ("txn_test_", "refunds", "EUR", "10.0000"),
    ]
    # 25.00 - 10.00 in, 0.73 fee
    assert run.totals == {"EUR": {"count": 2, "amount": "15.00", "fee": "0.73", "net": "14.27"}}


def test_the_gateway_records_a_success_once_however_often_it_is_reported(client, processing):  # noqa: F811
    payment = start(amount="1234", currency="JPY")
    with processing():
        client.post(f"/payments/test/{payment.reference}/", {"card_number": CARD_SUCCEEDS})
        client.post(f"/payments/test/{payment.reference}/", {"card_number": CARD_SUCCEEDS})
    # ¥1,234 x 2.9 % = ¥35.786, rounded half up to ¥36
    [settlement] = BuiltinGatewaySettlement.objects.all()
    assert (settlement.amount, settlement.fee, settlement.currency) == (1234, 36, "JPY")
