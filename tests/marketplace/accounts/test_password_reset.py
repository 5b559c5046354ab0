"""Password reset by e-mail: a one-time link that sets a new password."""

import re

import pytest
from django.core import mail

from tests.marketplace.sellers.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_user_resets_the_password_through_the_e_mailed_link(client):
    # given
    user = UserFactory(email="li.wei@example.com")

    # when: ask for the link
    response = client.post("/accounts/password-reset/", {"email": "li.wei@example.com"})

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


def test_an_unknown_address_gets_the_same_answer_and_no_e_mail(client):
    # when
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.com"})

    # then
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_used_link_no_longer_works(client):
    # given
    UserFactory(email="li.wei@example.com")
    client.post("/accounts/password-reset/", {"email": "li.wei@example.com"})
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
