"""The onboarding wizard and dashboard under /sell/, driven as a seller would, without JavaScript."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory

from marketplace.sellers.decorators import seller_required, verified_seller_required
from marketplace.sellers.models import Seller
from tests.marketplace.sellers.factories import MINIMAL_PDF, PASSWORD, SellerFactory, UserFactory
from tests.marketplace.sellers.test_profile import KENYA

pytestmark = pytest.mark.django_db


def test_a_buyer_starts_onboarding_and_completes_every_step(client):
    # given
    user = UserFactory(country="KE")
    client.login(username=user.email, password=PASSWORD)

    # when: start
    response = client.post("/sell/start/")
    assert response.url == "/sell/onboarding/business/"

    # when: business profile
    response = client.post("/sell/onboarding/business/", KENYA)
    assert response.status_code == 302, response.context["form"].errors
    assert response.url == "/sell/onboarding/currency/"

    # when: currency (suggested from the country)
    assert client.get(response.url).context["form"].initial["default_currency"] == "KES"
    response = client.post("/sell/onboarding/currency/", {"default_currency": "KES"})
    assert response.url == "/sell/onboarding/payouts/"

    # when: payouts, with no Stripe key configured
    response = client.post("/sell/onboarding/payouts/")
    assert response.url == "/sell/onboarding/documents/"

    # when: both documents
    for kind in ("business_licence", "identity_document"):
        response = client.post(
            "/sell/onboarding/documents/", {"kind": kind, "file": SimpleUploadedFile("d.pdf", MINIMAL_PDF)}
        )
        assert response.status_code == 302
    assert b"Submit for review" in client.get("/sell/onboarding/submit/").content
    response = client.post("/sell/onboarding/submit/")

    # then
    assert response.url == "/sell/"
    seller = Seller.objects.get(user=user)
    assert (seller.status, seller.payout_status, seller.phone) == ("submitted", "pending", "+254712345678")
    assert b"reviewing your business" in client.get("/sell/").content


def test_bad_profile_input_is_shown_beside_each_field(seller_client):
    # given
    client, _seller = seller_client

    # when
    response = client.post(
        "/sell/onboarding/business/",
        KENYA | {"country": "DE", "vat_number": "DE1", "phone": "12", "city": ""},
    )

    # then
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"vat_number", "eori_number", "phone", "city"}
    html = response.content.decode()
    assert 'class="field field-error"' in html
    assert "EORI number: required" in html


def test_submitting_too_early_says_what_is_missing(seller_client):
    client, seller = seller_client
    response = client.post("/sell/onboarding/submit/", follow=True)
    assert "Complete these steps" in response.content.decode()
    assert Seller.objects.get(pk=seller.pk).status == "draft"


def test_wizard_pages_act_only_on_the_requesters_seller(client):
    # given: seller B, and seller A logged in
    seller_b = SellerFactory(complete=True)
    seller_a = SellerFactory()
    client.login(username=seller_a.user.email, password=PASSWORD)

    # when: A posts a profile naming B's id anywhere it could
    client.post(
        "/sell/onboarding/business/",
        KENYA | {"legal_name": "Hijack", "id": seller_b.pk, "seller": seller_b.pk},
    )

    # then
    assert Seller.objects.get(pk=seller_b.pk).legal_name != "Hijack"
    assert Seller.objects.get(pk=seller_a.pk).legal_name == "Hijack"
    assert seller_b.legal_name.encode() not in client.get("/sell/onboarding/submit/").content


def test_a_user_without_a_seller_is_sent_to_onboarding_and_anonymous_to_log_in(client):
    assert client.get("/sell/").url.startswith("/accounts/login/")
    client.login(username=UserFactory().email, password=PASSWORD)
    assert client.get("/sell/").url == "/sell/start/"
    assert client.get("/sell/onboarding/business/").url == "/sell/start/"


def test_the_dashboard_shows_the_rejection_reason_with_a_way_to_fix_it(client):
    seller = SellerFactory(
        complete=True, status=Seller.Status.REJECTED, rejection_reason="Licence expired in 2024."
    )
    client.login(username=seller.user.email, password=PASSWORD)
    html = client.get("/sell/").content.decode()
    assert "Licence expired in 2024." in html
    assert 'href="/sell/onboarding/business/"' in html


def test_the_dashboard_links_a_verified_seller_to_listings(client):
    seller = SellerFactory(verified=True)
    client.login(username=seller.user.email, password=PASSWORD)
    assert 'href="/sell/listings/"' in client.get("/sell/").content.decode()


def test_a_verified_seller_cannot_change_the_verified_legal_name_through_the_form(client):
    seller = SellerFactory(verified=True, country="KE")
    client.login(username=seller.user.email, password=PASSWORD)
    response = client.post(
        "/sell/onboarding/business/", KENYA | {"legal_name": "Another Ltd", "city": "Kisumu"}
    )
    assert response.status_code == 302
    seller.refresh_from_db()
    assert (seller.legal_name, seller.city) == (seller.legal_name, "Kisumu")
    assert seller.legal_name != "Another Ltd"


def test_verified_seller_required_sends_others_to_the_dashboard():
    # given
    view = verified_seller_required(lambda request: HttpResponse(request.seller.status))
    request = RequestFactory().get("/sell/listings/")
    request._messages = type("M", (), {"add": lambda *a, **k: None})()

    # when / then
    request.user = SellerFactory().user
    assert view(request)["Location"] == "/sell/"
    request.user = SellerFactory(verified=True).user
    assert view(request).content == b"verified"


def test_seller_required_sets_the_requests_seller():
    seller = SellerFactory()
    request = RequestFactory().get("/")
    request.user = seller.user
    assert (
        seller_required(lambda request: HttpResponse(request.seller.pk))(request).content
        == str(seller.pk).encode()
    )
