"""Password reset by e-mail: a one-time link that sets a new password."""

import re
import smtplib
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.core import mail

from ewtp.outbox.models import OutboxMessage
from ewtp.outbox.tasks import relay
from marketplace.accounts.tasks import password_reset_email_deliver
from tests.marketplace.sellers.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _emails_run_eagerly(celery_eager):
    """The reset e-mail is a Celery task; these tests run it in-process once the request's work commits."""


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Ask for a reset link; the request's after-commit callbacks (the e-mail task) run as a commit would."""

    def ask(email: str, **headers):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/accounts/password-reset/", {"email": email}, **headers)

    return ask


def test_a_user_resets_the_password_through_the_e_mailed_link(client, ask):
    # given
    user = UserFactory(email="li.wei@example.com")

    # when: ask for the link
    response = ask("li.wei@example.com")

    # then
    assert response.status_code == 302
    assert response.url == "/accounts/password-reset/sent/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["li.wei@example.com"]
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)

    # when: follow it (Django swaps the token for a session marker) and choose a new password
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-long-password-9", "new_password2": "a-new-long-password-9"},
    )

    # then
    assert done.status_code == 302
    assert done.url == "/accounts/reset/done/"
    user.refresh_from_db()
    assert user.check_password("a-new-long-password-9")


def test_an_unknown_address_gets_the_same_answer_and_no_e_mail(ask):
    # when
    response = ask("nobody@example.com")

    # then
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_used_link_no_longer_works(client, ask):
    # given
    UserFactory(email="li.wei@example.com")
    ask("li.wei@example.com")
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-long-password-9", "new_password2": "a-new-long-password-9"},
    )

    # when
    again = client.get(link, follow=True)

    # then
    assert not again.context["validlink"]


def test_the_link_is_built_on_site_url_not_on_the_host_that_asked(ask, settings):
    # given
    settings.SITE_URL = "https://shop.example.com"
    UserFactory(email="li.wei@example.com")
    # when the request comes through another allowed host name
    ask("li.wei@example.com", HTTP_HOST="localhost")
    # then
    assert re.search(r"^https://shop\.example\.com/accounts/reset/\S+/$", mail.outbox[0].body, re.M)
    assert "localhost" not in mail.outbox[0].body


def test_a_mail_server_that_is_down_does_not_fail_the_request_and_the_e_mail_is_retried(
    django_capture_on_commit_callbacks, client
):
    # given
    UserFactory(email="li.wei@example.com")
    # when the mail server is down as the request asks for a link
    down = smtplib.SMTPServerDisconnected()
    with mock.patch("marketplace.accounts.notifications.send_mail", side_effect=down):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            response = client.post("/accounts/password-reset/", {"email": "li.wei@example.com"})
        # then the buyer still gets the "sent" page: the e-mail is queued, not sent in the request
        assert response.status_code == 302 and response.url == "/accounts/password-reset/sent/"
        assert len(callbacks) == 1
        [message] = OutboxMessage.objects.all()
        # and the task retries rather than dropping the e-mail
        with pytest.raises(Retry):
            password_reset_email_deliver.apply(kwargs=message.kwargs, throw=True)
    assert mail.outbox == []


def test_the_queued_message_carries_the_user_and_language_not_the_token(client):
    # the broker and the worker's log of task arguments never see a live reset link
    user = UserFactory(email="li.wei@example.com")
    client.post("/accounts/password-reset/", {"email": "li.wei@example.com"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    [message] = OutboxMessage.objects.all()
    assert message.task_name == "accounts.password_reset_email_deliver"
    assert message.kwargs == {"user_id": user.pk, "language": "zh-hans"}


def test_the_e_mail_is_written_in_the_language_of_the_request(ask):
    UserFactory(email="li.wei@example.com")
    ask("li.wei@example.com", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert mail.outbox[0].subject == "重置您的 EWTP 密码"


def test_nothing_is_sent_to_a_user_deactivated_before_the_task_ran():
    user = UserFactory(email="li.wei@example.com", is_active=False)
    assert password_reset_email_deliver(user_id=user.pk, language="en") is False
    assert mail.outbox == []


def test_a_refused_recipient_is_not_retried():
    user = UserFactory(email="li.wei@example.com")
    refused = smtplib.SMTPRecipientsRefused({"li.wei@example.com": (550, b"No such user")})
    with (
        mock.patch("marketplace.accounts.notifications.send_mail", side_effect=refused),
        pytest.raises(smtplib.SMTPRecipientsRefused),
    ):
        password_reset_email_deliver.apply(kwargs={"user_id": user.pk, "language": "en"}, throw=True)


@pytest.mark.parametrize("email", ["li.wei@example.com", "nobody@example.com"])
def test_with_the_broker_down_known_and_unknown_addresses_get_the_same_answer(
    client, dead_broker, django_capture_on_commit_callbacks, email
):
    # given
    UserFactory(email="li.wei@example.com")
    # when the broker is down as the request asks for a link
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password-reset/", {"email": email})
    # then the answer says nothing about whether the account exists
    assert response.status_code == 302 and response.url == "/accounts/password-reset/sent/"
    assert mail.outbox == []


def test_with_the_broker_down_the_e_mail_waits_in_the_outbox_and_goes_once_it_is_back(
    client, dead_broker, django_capture_on_commit_callbacks
):
    # given the request was answered while the broker was down
    UserFactory(email="li.wei@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password-reset/", {"email": "li.wei@example.com"})
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 1
    # when the broker is back and beat's relay runs
    dead_broker.revive()
    relay()
    # then
    assert [m.to for m in mail.outbox] == [["li.wei@example.com"]]
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 0
