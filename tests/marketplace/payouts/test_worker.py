"""The beat's payouts.run consumed by a real Celery worker on the `reconciliation` queue (not eager mode):
the run creates the payout, the outbox hands its transfer to the broker after the commit, and the same
worker makes the Stripe transfer (the SDK answering from recorded responses)."""

import time

from marketplace.payouts.models import Payout
from marketplace.payouts.tasks import run
from tests.celery_worker import real_worker_marks, start_real_worker
from tests.marketplace.payouts.conftest import ACCOUNT_OK, order_delivered

pytestmark = real_worker_marks()

TRANSFER = {"id": "tr_1Worker", "object": "transfer", "amount": 1370850, "currency": "kes"}


def _wait_for(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_real_worker_runs_the_payouts_and_makes_the_transfer(seller, stripe_recorded):
    # given Stripe, a seller with a connected account, and an order past the hold
    http = stripe_recorded(
        {("get", "/v1/accounts/acct_1Seller"): (200, ACCOUNT_OK), ("post", "/v1/transfers"): (200, TRANSFER)}
    )
    seller.stripe_account_id = "acct_1Seller"
    seller.save(update_fields=["stripe_account_id"])
    order_delivered(seller, days_ago=15)
    with start_real_worker(queues=["reconciliation"]):
        # when beat sends the run
        run.apply_async()
        # then the worker pays the seller through Stripe
        assert _wait_for(lambda: Payout.objects.filter(status=Payout.Status.PAID).exists())
    payout = Payout.objects.get()
    assert payout.provider_transfer_id == "tr_1Worker"
    assert [path for _, path, _, _ in http.requests].count("/v1/transfers") == 1
