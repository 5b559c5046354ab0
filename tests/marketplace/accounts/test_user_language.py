"""A signed-in user's language is remembered when it changes, and the e-mails a worker sends them later (an
operator's decision, an order to ship) are written in it."""

import pytest
from django.core import mail

from marketplace.accounts.languages import user_language
from marketplace.sellers.models import Seller, SellerStatusEvent
from marketplace.sellers.tasks import status_email_deliver
from tests.marketplace.sellers.factories import SellerFactory

pytestmark = pytest.mark.django_db


def test_the_language_a_user_browses_in_is_stored_once_it_changes(client):
    seller = SellerFactory(verified=True)
    assert user_language(seller.user) == "en"  # never used another: the site's
    client.force_login(seller.user)
    client.get("/sell/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    seller.user.refresh_from_db()
    assert seller.user.language == "zh-hans"
    client.get("/sell/", HTTP_ACCEPT_LANGUAGE="fr")
    seller.user.refresh_from_db()
    assert user_language(seller.user) == "fr"


def test_an_operators_decision_is_e_mailed_in_the_sellers_language(admin_user):
    from marketplace.sellers.status import seller_verify

    seller = SellerFactory(complete=True, documents=True, status=Seller.Status.SUBMITTED)
    type(seller.user).objects.filter(pk=seller.user.pk).update(language="zh-hans")
    seller_verify(seller=seller, by=admin_user)
    event = SellerStatusEvent.objects.get(to_status=Seller.Status.VERIFIED)
    mail.outbox.clear()
    status_email_deliver(event.pk)
    [message] = mail.outbox
    assert message.subject == f"{seller.display_name} 已通过认证：您可以在 EWTP 上销售了"  # noqa: RUF001
