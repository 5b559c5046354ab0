"""Payouts through Stripe Connect, the real SDK against recorded Stripe responses: the transfer is made after
the commit (outbox), with the checkout's transfer group and one idempotency key per payout and attempt; a
restricted account holds the payout with Stripe's reason until an operator retries it; a refusal for another
reason fails it and gives the money back to the available balance. Figures from conftest.py."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ewtp.outbox.models import OutboxMessage
from ewtp.outbox.tasks import relay
from marketplace.ledger.balances import balance, seller_balances
from marketplace.ledger.models import AccountKind as K
from marketplace.ledger.models import Transaction
from marketplace.payments import stripe_client
from marketplace.payouts.errors import PayoutNotRetryableError, PayoutProviderUnreachableError
from marketplace.payouts.models import Payout
from marketplace.payouts.tasks import run
from marketplace.payouts.transfers import payout_retry, payout_transfer
from tests.marketplace.payouts.conftest import ACCOUNT_OK, ACCOUNT_RESTRICTED, eur, kes, order_delivered

pytestmark = pytest.mark.django_db

ACCOUNT = ("get", "/v1/accounts/acct_1Seller")
TRANSFERS = ("post", "/v1/transfers")
TRANSFER = {
    "id": "tr_1Payout",
    "object": "transfer",
    "amount": 1370850,
    "currency": "kes",
    "destination": "acct_1Seller",
    "reversed": False,
}


@pytest.fixture
def stripe_seller(seller):
    seller.stripe_account_id = "acct_1Seller"
    seller.save(update_fields=["stripe_account_id"])
    return seller


def test_a_payout_is_a_connect_transfer_with_the_checkout_group_and_an_idempotency_key(
    stripe_seller, stripe_recorded, processing
):
    # given Stripe, a seller whose account may be paid, and an order past the hold
    http = stripe_recorded({ACCOUNT: (200, ACCOUNT_OK), TRANSFERS: (200, TRANSFER)})
    order = order_delivered(stripe_seller, days_ago=15)
    # when the run commits and its outbox message is relayed to the transfer task
    with processing():
        run()
    # then the transfer: EUR 95.00 x 144.30 = KES 13,708.50 = 1,370,850 cents to the seller's account
    payout = Payout.objects.get()
    assert [path for _, path, _, _ in http.requests] == ["/v1/accounts/acct_1Seller", "/v1/transfers"]
    form = http.form()
    assert form["amount"] == "1370850" and form["currency"] == "kes"
    assert form["destination"] == "acct_1Seller"
    assert form["transfer_group"] == order.checkout.reference
    assert form["metadata[payout_reference]"] == payout.reference
    assert http.headers()["Idempotency-Key"] == f"payout-{payout.reference}-1"
    assert (payout.status, payout.provider_transfer_id, payout.method) == (
        Payout.Status.PAID,
        "tr_1Payout",
        Payout.Method.STRIPE,
    )
    assert balance(K.PAYOUTS, "KES", stripe_seller.pk) == kes("0")  # settled
    assert OutboxMessage.objects.get().task_name == "payouts.transfer"


def test_a_redelivered_transfer_task_pays_once(stripe_seller, stripe_recorded, processing):
    http = stripe_recorded({ACCOUNT: (200, ACCOUNT_OK), TRANSFERS: (200, TRANSFER)})
    order_delivered(stripe_seller, days_ago=15)
    with processing():
        run()
    payout = Payout.objects.get()
    # when the task comes again (a redelivery) and the run runs again
    assert payout_transfer(payout_id=payout.pk).status == Payout.Status.PAID
    with processing():
        run()
    # then Stripe was asked for one transfer only
    assert [path for _, path, _, _ in http.requests].count("/v1/transfers") == 1
    assert Payout.objects.count() == 1


def test_a_restricted_account_holds_the_payout_until_an_operator_retries_it(
    stripe_seller, stripe_recorded, processing
):
    # given Stripe says the account's requirements are past due
    http = stripe_recorded({ACCOUNT: (200, ACCOUNT_RESTRICTED)})
    order_delivered(stripe_seller, days_ago=15)
    # when
    with processing():
        run()
    # then the payout is held with Stripe's reason, and no transfer was asked for
    payout = Payout.objects.get()
    assert payout.status == Payout.Status.HELD
    assert "requirements.past_due" in payout.hold_reason
    assert [path for _, path, _, _ in http.requests] == ["/v1/accounts/acct_1Seller"]
    # when more money is released, the next run makes no second payout while one is held
    order_delivered(stripe_seller, days_ago=15)
    with processing():
        result = run()
    assert result["created"] == [] and "held" in result["skipped"][f"{stripe_seller.pk}:EUR"]
    # when the seller fixes the account and an operator retries
    http.responses = {ACCOUNT: (200, ACCOUNT_OK), TRANSFERS: (200, TRANSFER)}
    with processing():
        payout_retry(payout=payout)
    # then it is paid, under a new idempotency key (attempt 2)
    payout.refresh_from_db()
    assert (payout.status, payout.hold_reason, payout.attempt) == (Payout.Status.PAID, "", 2)
    assert http.headers()["Idempotency-Key"] == f"payout-{payout.reference}-2"
    # and the next run pays the second order's EUR 95.00
    with processing():
        run()
    assert Payout.objects.count() == 2
    with pytest.raises(PayoutNotRetryableError):
        payout_retry(payout=payout)


def test_stripe_refusing_the_transfer_for_the_account_holds_the_payout(
    stripe_seller, stripe_recorded, processing
):
    refused = {
        "error": {
            "type": "invalid_request_error",
            "code": "account_invalid",
            "message": "The account is not allowed to receive transfers.",
        }
    }
    stripe_recorded({ACCOUNT: (200, ACCOUNT_OK), TRANSFERS: (400, refused)})
    order_delivered(stripe_seller, days_ago=15)
    with processing():
        run()
    payout = Payout.objects.get()
    assert payout.status == Payout.Status.HELD
    assert "account_invalid" in payout.hold_reason


def test_any_other_refusal_fails_the_payout_and_the_money_is_available_again(
    stripe_seller, stripe_recorded, processing
):
    # given Stripe refuses for the platform's balance
    refused = {
        "error": {
            "type": "invalid_request_error",
            "code": "balance_insufficient",
            "message": "Insufficient funds in Stripe account.",
        }
    }
    http = stripe_recorded({ACCOUNT: (200, ACCOUNT_OK), TRANSFERS: (400, refused)})
    order_delivered(stripe_seller, days_ago=15)
    with processing():
        run()
    # then the payout failed, its posting is reversed, EUR 95.00 available again
    failed = Payout.objects.get()
    assert failed.status == Payout.Status.FAILED and "Insufficient funds" in failed.failure_message
    assert Transaction.objects.filter(event_key=f"reversal:payout:{failed.reference}").exists()
    [eur_balance, _] = seller_balances(stripe_seller.pk)
    assert eur_balance.available == eur("95.00")
    assert not failed.items.exists()
    # when the balance is topped up, the next run pays it with a new payout covering the order
    http.responses = {ACCOUNT: (200, ACCOUNT_OK), TRANSFERS: (200, TRANSFER)}
    with processing():
        run()
    paid = Payout.objects.get(status=Payout.Status.PAID)
    assert paid.source_money == eur("95.00") and paid.items.count() == 1


def test_stripe_unreachable_leaves_the_payout_created_for_the_task_to_retry(
    stripe_seller, stripe_recorded, monkeypatch
):
    monkeypatch.setattr(stripe_client, "MAX_NETWORK_RETRIES", 0)
    stripe_recorded({ACCOUNT: (503, {"error": {"type": "api_error", "message": "down"}})})
    order_delivered(stripe_seller, days_ago=15)
    run()
    payout = Payout.objects.get()
    with pytest.raises(PayoutProviderUnreachableError):
        payout_transfer(payout_id=payout.pk)
    payout.refresh_from_db()
    assert payout.status == Payout.Status.CREATED


def test_a_seller_without_a_stripe_account_gets_a_held_payout_saying_so(seller, stripe_recorded):
    http = stripe_recorded({})
    order_delivered(seller, days_ago=15)
    run()
    payout = Payout.objects.get()
    assert payout.status == Payout.Status.HELD and "Stripe account" in payout.hold_reason
    assert http.requests == []


def test_with_the_broker_down_the_payout_waits_in_the_outbox_and_is_paid_once_it_is_back(
    stripe_seller, stripe_recorded, dead_broker, celery_eager, django_capture_on_commit_callbacks
):
    # given the broker down as the run creates the payout
    http = stripe_recorded({ACCOUNT: (200, ACCOUNT_OK), TRANSFERS: (200, TRANSFER)})
    order_delivered(stripe_seller, days_ago=15)
    with django_capture_on_commit_callbacks(execute=True):
        run()
    # then the payout and its posting are there, its transfer waits in the outbox, Stripe was not asked
    payout = Payout.objects.get()
    assert payout.status == Payout.Status.CREATED
    assert Transaction.objects.filter(event_key=f"payout:{payout.reference}").exists()
    [message] = OutboxMessage.objects.all()
    assert (message.task_name, message.kwargs) == ("payouts.transfer", {"payout_id": payout.pk})
    assert message.sent_at is None and message.last_error
    assert http.requests == []
    # when the broker is back and beat's relay runs
    dead_broker.revive()
    assert relay() == 1
    # then the transfer is made, once
    payout.refresh_from_db()
    assert payout.status == Payout.Status.PAID
    assert relay() == 0
    assert [path for _, path, _, _ in http.requests].count("/v1/transfers") == 1


def test_a_transfer_whose_message_was_lost_is_queued_again_by_the_next_run(
    stripe_seller, stripe_recorded, processing
):
    # given a payout created an hour ago whose message the broker took and then lost
    http = stripe_recorded({ACCOUNT: (200, ACCOUNT_OK), TRANSFERS: (200, TRANSFER)})
    order_delivered(stripe_seller, days_ago=15)
    run()  # outside `processing`: the after-commit relay never runs, as if the message were lost
    payout = Payout.objects.get()
    OutboxMessage.objects.update(sent_at=timezone.now())
    Payout.objects.filter(pk=payout.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    # when the next run comes
    with processing():
        result = run()
    # then the transfer is queued again and made, once
    payout.refresh_from_db()
    assert result["requeued"] == 1 and payout.status == Payout.Status.PAID
    assert [path for _, path, _, _ in http.requests].count("/v1/transfers") == 1
