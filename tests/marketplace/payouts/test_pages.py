"""The seller sees their payouts at /sell/payouts/ with status and, when held, the reason; operators see
held payouts with the reason in the admin and retry them from there."""

import pytest

from marketplace.payouts.models import Payout
from marketplace.payouts.tasks import run
from tests.marketplace.payouts.conftest import order_delivered
from tests.marketplace.sellers.factories import PASSWORD, SellerFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/payouts/payout/"


@pytest.fixture
def held(seller, stripe_recorded):
    """A payout held because the seller has no Stripe account."""
    stripe_recorded({})
    order_delivered(seller, days_ago=15)
    run()
    return Payout.objects.get()


def test_the_seller_sees_a_held_payout_and_why(client, seller, held):
    client.login(username=seller.user.email, password=PASSWORD)
    page = client.get("/sell/payouts/").content.decode()
    assert f'id="payout-{held.reference}"' in page
    assert 'data-status="held"' in page
    assert "Payouts are not set up: connect a Stripe account on the payouts page." in page
    assert f'id="payout-held-{held.reference}"' in page


def test_a_paid_payout_shows_amounts_and_rate(client, seller):
    order_delivered(seller, days_ago=15)
    run()
    client.login(username=seller.user.email, password=PASSWORD)
    page = client.get("/sell/payouts/").content.decode()
    assert 'data-status="paid"' in page
    assert "13,708.50" in page  # KES, EUR 95.00 x 144.30
    assert "1 EUR = 144.3 KES" in page


def test_another_sellers_payouts_are_not_shown(client, held):
    other = SellerFactory(verified=True)
    client.login(username=other.user.email, password=PASSWORD)
    page = client.get("/sell/payouts/").content.decode()
    assert held.reference not in page and 'id="no-payouts"' in page


def test_operators_see_the_reason_and_retry_held_payouts(
    admin_client, held, settings, celery_eager, django_capture_on_commit_callbacks
):
    # given the list shows the hold's reason
    page = admin_client.get(CHANGELIST).content.decode()
    assert held.reference in page and "Payouts are not set up" in page
    # when Stripe is no longer configured and an operator retries, the payout is recorded as paid
    settings.STRIPE_SECRET_KEY = ""
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            CHANGELIST, {"action": "retry", "_selected_action": [held.pk]}, follow=True
        )
    assert [str(m) for m in response.context["messages"]] == [f"Payout {held.reference} is queued again."]
    held.refresh_from_db()
    assert (held.status, held.attempt, held.method) == (Payout.Status.PAID, 2, Payout.Method.RECORDED)
    # and retrying a paid payout says it cannot be
    response = admin_client.post(CHANGELIST, {"action": "retry", "_selected_action": [held.pk]}, follow=True)
    assert "only a held payout can be retried" in response.content.decode()


def test_operators_open_a_payout_with_the_orders_it_covers(admin_client, held):
    page = admin_client.get(f"{CHANGELIST}{held.pk}/change/").content.decode()
    assert held.reference in page and held.items.get().order.reference in page
