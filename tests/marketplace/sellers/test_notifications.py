"""Status e-mails: queued after commit, retried while the mail server is down, sent once per decision."""

import smtplib
from unittest import mock

import pytest
from celery.exceptions import Retry
from django.core import mail

from marketplace.sellers.models import Seller, SellerStatusEvent
from marketplace.sellers.status import seller_reject, seller_submit
from marketplace.sellers.tasks import status_email_deliver
from tests.marketplace.sellers.factories import SellerFactory

pytestmark = pytest.mark.django_db
S = Seller.Status


@pytest.fixture
def operator(admin_user):
    return admin_user


def test_nothing_is_queued_for_a_decision_that_is_rolled_back(operator, django_capture_on_commit_callbacks):
    seller = SellerFactory(complete=True, status=S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        seller_reject(seller=seller, reason="Blurred licence.", by=operator)
    # the e-mail waits for the commit; a rollback would drop the callback with the transaction
    assert mail.outbox == [] and len(callbacks) == 1


def test_a_mail_server_that_is_down_is_retried_and_nothing_is_marked_sent(operator):
    seller = SellerFactory(complete=True, status=S.SUBMITTED)
    seller_reject(seller=seller, reason="Blurred licence.", by=operator)
    event = SellerStatusEvent.objects.get(to_status=S.REJECTED)
    with (
        mock.patch(
            "marketplace.sellers.notifications.send_mail", side_effect=smtplib.SMTPServerDisconnected()
        ),
        pytest.raises(Retry),
    ):
        status_email_deliver.apply(args=[event.pk], throw=True)
    event.refresh_from_db()
    assert event.email_sent_at is None and mail.outbox == []


def test_a_redelivered_task_sends_nothing_twice(operator):
    seller = SellerFactory(complete=True, status=S.SUBMITTED)
    seller_reject(seller=seller, reason="Blurred licence.", by=operator)
    event = SellerStatusEvent.objects.get(to_status=S.REJECTED)
    assert status_email_deliver(event.pk) is True
    assert status_email_deliver(event.pk) is False
    assert len(mail.outbox) == 1
    assert SellerStatusEvent.objects.get(pk=event.pk).email_sent_at is not None


def test_the_e_mail_gives_the_reason_of_that_decision_even_after_the_seller_moved_on(operator):
    seller = SellerFactory(complete=True, documents=True, status=S.SUBMITTED)
    seller_reject(seller=seller, reason="First reason.", by=operator)
    event = SellerStatusEvent.objects.get(to_status=S.REJECTED)
    seller_submit(seller=Seller.objects.get(pk=seller.pk))
    seller_reject(seller=Seller.objects.get(pk=seller.pk), reason="Second reason.", by=operator)
    mail.outbox.clear()
    status_email_deliver(event.pk)
    assert "First reason." in mail.outbox[0].body and "Second reason." not in mail.outbox[0].body


def test_the_e_mail_links_to_the_dashboard_on_site_url(operator, settings):
    # a worker has no request to take a host from: the link is built on SITE_URL
    settings.SITE_URL = "https://shop.example.com"
    seller = SellerFactory(complete=True, status=S.SUBMITTED)
    seller_reject(seller=seller, reason="Blurred licence.", by=operator)
    event = SellerStatusEvent.objects.get(to_status=S.REJECTED)
    mail.outbox.clear()
    status_email_deliver(event.pk)
    assert "\nhttps://shop.example.com/sell/" in mail.outbox[0].body
