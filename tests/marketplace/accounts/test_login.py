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


def test_twenty_failures_from_one_address_across_accounts_block_that_address(client):
    # given one address sprays a password over 20 accounts, one failure each (no pair reaches 5)
    UserFactory(email="wanjiru@example.com")
    for n in range(20):
        _login(client, f"victim{n}@example.com", "Summer2026!", ip="198.51.100.9")

    # when the same address tries a real account with its right password
    blocked = _login(client, "wanjiru@example.com", PASSWORD, ip="198.51.100.9")
    # and the owner tries from her own address
    owner = _login(client, "wanjiru@example.com", PASSWORD, ip="203.0.113.7")

    # then the spraying address is refused, the owner is not
    assert "Too many failed log-ins" in blocked.content.decode()
    assert owner.status_code == 302


def test_logging_in_to_ones_own_account_does_not_reset_a_spray(client):
    # given an attacker with an account of their own fails 19 times over other accounts
    UserFactory(email="attacker@example.com")
    for n in range(19):
        _login(client, f"victim{n}@example.com", "wrong", ip="198.51.100.9")
    # and logs in to their own account in between
    assert _login(client, "attacker@example.com", PASSWORD, ip="198.51.100.9").status_code == 302
    client.logout()

    # when the spray goes on: the 20th failure
    _login(client, "victim19@example.com", "wrong", ip="198.51.100.9")

    # then the address is blocked
    assert (
        "Too many failed log-ins"
        in _login(client, "victim20@example.com", "x", ip="198.51.100.9").content.decode()
    )


def test_behind_a_trusted_proxy_each_client_is_counted_by_its_forwarded_address(client, settings):
    # given a reverse proxy at 10.0.0.2 forwards two clients
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    UserFactory(email="wanjiru@example.com")
    for _ in range(5):
        client.post(
            "/accounts/login/",
            {"username": "wanjiru@example.com", "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )

    # when the owner logs in from another client through the same proxy
    response = client.post(
        "/accounts/login/",
        {"username": "wanjiru@example.com", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )

    # then the attacker's failures did not lock her out
    assert response.status_code == 302


def test_a_forwarded_header_from_an_untrusted_address_is_ignored(client, settings):
    # given no proxy is trusted, and an attacker rotates X-Forwarded-For to dodge the count
    settings.TRUSTED_PROXIES = []
    UserFactory(email="wanjiru@example.com")
    for n in range(5):
        client.post(
            "/accounts/login/",
            {"username": "wanjiru@example.com", "password": "wrong"},
            REMOTE_ADDR="198.51.100.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )

    # when
    response = _login(client, "wanjiru@example.com", PASSWORD, ip="198.51.100.1")

    # then every attempt counted against the connection's own address
    assert "Too many failed log-ins" in response.content.decode()


def test_the_counters_live_in_the_shared_cache_not_in_process_memory(settings):
    # make run and production run several web processes: a per-process counter would be one per process
    from django.core.cache import caches

    assert "locmem" not in settings.CACHES["default"]["BACKEND"]
    assert caches["default"].__class__.__name__ in ("DatabaseCache", "RedisCache")
