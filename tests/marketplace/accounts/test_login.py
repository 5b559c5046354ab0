"""Log-in by e-mail, with failed attempts throttled per e-mail and client address."""

import pytest
from django.core.cache import cache

from tests.marketplace.sellers.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def _login(client, email, password, ip="203.0.113.7"):
    return client.post("/accounts/login/", {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_a_user_logs_in_with_e_mail_and_password_in_any_case(client):
    # given
    UserFactory(email="wanjiru@example.com")

    # when
    response = _login(client, "Wanjiru@Example.com", PASSWORD)

    # then
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_a_wrong_password_says_so_without_telling_which_part_is_wrong(client):
    # given
    UserFactory(email="wanjiru@example.com")

    # when
    response = _login(client, "wanjiru@example.com", "wrong")

    # then
    assert response.status_code == 200
    assert "e-mail address or the password is wrong" in response.content.decode()


def test_five_failures_block_even_the_right_password_for_that_address(client):
    # given
    UserFactory(email="wanjiru@example.com")
    for _ in range(5):
        _login(client, "wanjiru@example.com", "wrong")

    # when
    response = _login(client, "wanjiru@example.com", PASSWORD)

    # then
    assert response.status_code == 200
    assert "Too many failed log-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_block_is_per_address_so_the_owner_elsewhere_still_gets_in(client):
    # given
    UserFactory(email="wanjiru@example.com")
    for _ in range(5):
        _login(client, "wanjiru@example.com", "wrong", ip="198.51.100.1")

    # when
    response = _login(client, "wanjiru@example.com", PASSWORD, ip="203.0.113.7")

    # then
    assert response.status_code == 302


def test_a_success_clears_earlier_failures(client):
    # given
    UserFactory(email="wanjiru@example.com")
    for _ in range(4):
        _login(client, "wanjiru@example.com", "wrong")
    assert _login(client, "wanjiru@example.com", PASSWORD).status_code == 302
    client.logout()

    # when: four more failures after the success are still under the limit
    for _ in range(4):
        _login(client, "wanjiru@example.com", "wrong")
    response = _login(client, "wanjiru@example.com", PASSWORD)

    # then
    assert response.status_code == 302
