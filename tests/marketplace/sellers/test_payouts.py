"""Payout set-up: pending without Stripe; with Stripe, an Express account and its onboarding link, through
the official SDK talking to a recorded HTTP exchange instead of the network."""

import pytest

from ewtp.errors import ApplicationError
from marketplace.payments import stripe_client
from marketplace.sellers.models import Seller
from marketplace.sellers.services import seller_payout_refresh, seller_payout_start
from tests.marketplace.payments.stripe_recorded import RecordedHTTPClient
from tests.marketplace.sellers.factories import PASSWORD, SellerFactory

pytestmark = pytest.mark.django_db

# Shapes as Stripe returns them (trimmed to the fields read).
ACCOUNT = {"id": "acct_1Test", "object": "account", "type": "express", "payouts_enabled": False}
ACCOUNT_ENABLED = ACCOUNT | {"payouts_enabled": True}
ACCOUNT_LINK = {
    "object": "account_link",
    "url": "https://connect.stripe.com/setup/e/acct_1Test/abc",
    "expires_at": 1893456000,
}


@pytest.fixture
def stripe_configured(settings, monkeypatch):
    settings.STRIPE_SECRET_KEY = "sk_test_recorded"

    def install(responses):
        client = RecordedHTTPClient(responses)
        monkeypatch.setattr(stripe_client, "http_client", client)
        return client

    return install


def test_without_stripe_the_payout_is_recorded_as_pending(settings):
    settings.STRIPE_SECRET_KEY = ""
    seller = SellerFactory()
    assert seller_payout_start(seller=seller, return_url="https://x/r", refresh_url="https://x/f") is None
    assert Seller.objects.get().payout_status == Seller.PayoutStatus.PENDING


def test_with_stripe_an_express_account_and_its_link_are_created(stripe_configured):
    # given
    http = stripe_configured(
        {("post", "/v1/accounts"): (200, ACCOUNT), ("post", "/v1/account_links"): (200, ACCOUNT_LINK)}
    )
    seller = SellerFactory(complete=True, country="DE")

    # when
    url = seller_payout_start(
        seller=seller, return_url="https://ewtp.test/r", refresh_url="https://ewtp.test/f"
    )

    # then
    assert url == ACCOUNT_LINK["url"]
    stored = Seller.objects.get()
    assert (stored.stripe_account_id, stored.payout_status) == ("acct_1Test", Seller.PayoutStatus.PENDING)
    (_, _, account_headers, account_body), (_, _, _, link_body) = http.requests
    assert "type=express" in account_body and "country=DE" in account_body
    assert account_headers["Idempotency-Key"] == f"seller-{seller.pk}-connect-account"
    assert "account=acct_1Test" in link_body and "type=account_onboarding" in link_body


def test_a_second_visit_reuses_the_account_and_only_asks_for_a_new_link(stripe_configured):
    http = stripe_configured({("post", "/v1/account_links"): (200, ACCOUNT_LINK)})
    seller = SellerFactory(stripe_account_id="acct_1Test", payout_status=Seller.PayoutStatus.PENDING)
    seller_payout_start(seller=seller, return_url="https://x/r", refresh_url="https://x/f")
    assert [path for _, path, _, _ in http.requests] == ["/v1/account_links"]


def test_a_stripe_error_becomes_a_message_for_the_seller(stripe_configured):
    stripe_configured(
        {
            ("post", "/v1/accounts"): (
                400,
                {"error": {"type": "invalid_request_error", "message": "bad country"}},
            )
        }
    )
    with pytest.raises(ApplicationError) as raised:
        seller_payout_start(seller=SellerFactory(), return_url="https://x/r", refresh_url="https://x/f")
    assert raised.value.code == "payout_provider_error"
    assert Seller.objects.get().stripe_account_id == ""


def test_returning_from_stripe_activates_payouts_once_enabled(stripe_configured, client):
    # given
    stripe_configured({("get", "/v1/accounts/acct_1Test"): (200, ACCOUNT_ENABLED)})
    seller = SellerFactory(stripe_account_id="acct_1Test", payout_status=Seller.PayoutStatus.PENDING)

    # when
    client.login(username=seller.user.email, password=PASSWORD)
    response = client.get("/sell/onboarding/payouts/return/")

    # then
    assert response.status_code == 302
    assert Seller.objects.get().payout_status == Seller.PayoutStatus.ACTIVE


def test_the_payout_page_redirects_to_stripe(stripe_configured, client):
    stripe_configured(
        {("post", "/v1/accounts"): (200, ACCOUNT), ("post", "/v1/account_links"): (200, ACCOUNT_LINK)}
    )
    seller = SellerFactory(complete=True, country="DE")
    client.login(username=seller.user.email, password=PASSWORD)
    response = client.post("/sell/onboarding/payouts/")
    assert response.url == ACCOUNT_LINK["url"]


def test_refresh_without_stripe_changes_nothing(settings):
    settings.STRIPE_SECRET_KEY = ""
    seller = SellerFactory(payout_status=Seller.PayoutStatus.PENDING)
    assert seller_payout_refresh(seller=seller).payout_status == Seller.PayoutStatus.PENDING
