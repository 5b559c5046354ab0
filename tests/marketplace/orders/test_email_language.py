"""The buyer's e-mails about an order are written in the language they paid in; the seller's in the language
they last used the site in (English until they use another)."""

import pytest
from django.core import mail

from marketplace.orders.models import Order

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("fr", "Votre commande EWTP {reference} est confirmée"),
        ("zh-hans", "您的 EWTP 订单 {reference} 已确认"),
        ("en", "Your EWTP order {reference} is confirmed"),
    ],
)
def test_the_confirmation_is_in_the_language_the_buyer_paid_in(buyer, basket, language, subject):
    # given a buyer whose browser asks for `language`
    buyer.client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    buyer.add(basket)
    buyer.checkout()
    # when they pay
    buyer.card(buyer.pay().url)
    order = Order.objects.get()
    # then the checkout remembers the language, and the buyer's confirmation is written in it
    assert order.checkout.language == language
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects[order.email] == subject.format(reference=order.reference)
    # and the seller's new-order e-mail is in English (they never used another language)
    assert subjects[order.seller.user.email] == f"New order {order.reference} to ship"


def test_the_sellers_new_order_e_mail_is_in_the_language_they_last_used_the_site_in(buyer, basket):
    # given the seller last used the site in French
    type(basket.seller.user).objects.filter(pk=basket.seller.user.pk).update(language="fr")
    # when an English-speaking buyer pays
    buyer.add(basket)
    buyer.checkout()
    buyer.card(buyer.pay().url)
    order = Order.objects.get()
    # then the seller reads French, the buyer English
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects[order.seller.user.email] == f"Nouvelle commande {order.reference} à expédier"
    assert subjects[order.email] == f"Your EWTP order {order.reference} is confirmed"
