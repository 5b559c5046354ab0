"""Sign-up: buyers and sellers use one account, identified by e-mail."""

import pytest

from ewtp.errors import ApplicationError
from marketplace.accounts.models import User
from marketplace.accounts.services import user_signup
from tests.marketplace.sellers.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "email": "Amina@Example.com",
    "full_name": "Amina Otieno",
    "country": "KE",
    "password1": "kikapu-baskets-2026",
    "password2": "kikapu-baskets-2026",
}


def test_a_buyer_signs_up_and_is_logged_in(client):
    # when
    response = client.post("/accounts/signup/", GOOD | {"intent": "buy"})

    # then
    assert response.status_code == 302
    assert response.url == "/"
    user = User.objects.get()
    assert (user.email, user.country, user.preferred_currency) == ("amina@example.com", "KE", "KES")
    assert user.check_password("kikapu-baskets-2026")
    assert not user.is_seller
    assert client.get("/sell/start/").status_code == 200  # logged in: no redirect to the log-in page


def test_a_seller_signs_up_and_continues_into_onboarding(client):
    # when
    response = client.post("/accounts/signup/", GOOD | {"intent": "sell"})

    # then
    assert response.status_code == 302
    assert response.url == "/sell/start/"


def test_an_address_already_signed_up_is_refused_beside_the_field(client):
    # given
    UserFactory(email="amina@example.com")

    # when
    response = client.post("/accounts/signup/", GOOD | {"intent": "buy"})

    # then
    assert response.status_code == 200
    assert "already exists" in str(response.context["form"].errors["email"])
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"email": "not-an-address"}, "email", "valid email"),
        ({"full_name": ""}, "full_name", "required"),
        ({"password1": "short", "password2": "short"}, "password1", "too short"),
        ({"password1": "12345678901", "password2": "12345678901"}, "password1", "entirely numeric"),
        ({"password2": "something-else-entirely"}, "password2", "differ"),
        ({"country": "XX"}, "country", "valid choice"),
    ],
)
def test_bad_sign_up_input_is_refused_beside_the_field(client, change, field, message):
    # when
    response = client.post("/accounts/signup/", GOOD | {"intent": "buy"} | change)

    # then
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not User.objects.exists()


def test_the_service_refuses_a_weak_password_with_the_field_named():
    # when
    with pytest.raises(ApplicationError) as raised:
        user_signup(email="a@example.com", password="password", full_name="A")

    # then
    assert "password1" in raised.value.details
