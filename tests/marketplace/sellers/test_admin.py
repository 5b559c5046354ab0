"""Operators approve, reject (with one reason for many) and suspend sellers from the admin list."""

import pytest
from django.core import mail

from ewtp.outbox.models import OutboxMessage
from ewtp.outbox.tasks import relay
from marketplace.sellers.models import Seller
from tests.marketplace.sellers.factories import SellerDocumentFactory, SellerFactory

pytestmark = pytest.mark.django_db
S = Seller.Status
CHANGELIST = "/admin/sellers/seller/"


def test_approve_selected_with_the_broker_down_verifies_every_seller_and_e_mails_them_once_it_is_back(
    admin_client, dead_broker, django_capture_on_commit_callbacks
):
    # given
    sellers = SellerFactory.create_batch(3, complete=True, status=S.SUBMITTED)

    # when the broker is down as the operator approves all three
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            CHANGELIST,
            {"action": "approve_selected", "_selected_action": [s.pk for s in sellers]},
            follow=True,
        )

    # then every approval stands and its e-mail waits in the outbox
    assert response.status_code == 200
    assert "3 seller(s) verified" in response.content.decode()
    assert set(Seller.objects.values_list("status", flat=True)) == {S.VERIFIED}
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 3
    assert mail.outbox == []

    # when the broker is back and beat's relay runs
    dead_broker.revive()
    relay()

    # then each seller has her e-mail, once
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.user.email for s in sellers)
    relay()
    assert len(mail.outbox) == 3


def test_approve_selected_verifies_each_and_e_mails_them(admin_client, django_capture_on_commit_callbacks):
    # given
    sellers = SellerFactory.create_batch(2, complete=True, status=S.SUBMITTED)

    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            CHANGELIST,
            {"action": "approve_selected", "_selected_action": [s.pk for s in sellers]},
            follow=True,
        )

    # then
    assert response.status_code == 200
    assert set(Seller.objects.values_list("status", flat=True)) == {S.VERIFIED}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.user.email for s in sellers)
    assert "2 seller(s) verified" in response.content.decode()


def test_approving_a_draft_is_refused_with_a_warning_and_others_still_go_through(admin_client):
    # given
    draft = SellerFactory(trading_name="Draft Co")
    submitted = SellerFactory(complete=True, status=S.SUBMITTED)

    # when
    response = admin_client.post(
        CHANGELIST, {"action": "approve_selected", "_selected_action": [draft.pk, submitted.pk]}, follow=True
    )

    # then
    assert Seller.objects.get(pk=draft.pk).status == S.DRAFT
    assert Seller.objects.get(pk=submitted.pk).status == S.VERIFIED
    assert "Draft Co is draft and cannot be verified" in response.content.decode()


def test_reject_asks_for_the_reason_then_rejects_all_and_e_mails_it(
    admin_client, django_capture_on_commit_callbacks
):
    # given
    sellers = SellerFactory.create_batch(2, complete=True, status=S.SUBMITTED)
    ids = [s.pk for s in sellers]

    # when: the action shows the intermediate page
    page = admin_client.post(CHANGELIST, {"action": "reject_selected", "_selected_action": ids})

    # then
    assert page.status_code == 200
    assert b'name="reason"' in page.content
    assert set(Seller.objects.values_list("status", flat=True)) == {S.SUBMITTED}

    # when: confirmed with a reason
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            CHANGELIST,
            {
                "action": "reject_selected",
                "_selected_action": ids,
                "confirm": "yes",
                "reason": "Licence unreadable.",
            },
        )

    # then
    assert set(Seller.objects.values_list("status", "rejection_reason")) == {
        (S.REJECTED, "Licence unreadable.")
    }
    assert len(mail.outbox) == 2
    assert all("Licence unreadable." in m.body for m in mail.outbox)


def test_reject_without_a_reason_shows_the_page_again(admin_client):
    seller = SellerFactory(complete=True, status=S.SUBMITTED)
    page = admin_client.post(
        CHANGELIST,
        {"action": "reject_selected", "_selected_action": [seller.pk], "confirm": "yes", "reason": ""},
    )
    assert page.status_code == 200
    assert "reason" in page.context["form"].errors
    assert Seller.objects.get().status == S.SUBMITTED


def test_suspend_selected_with_a_reason(admin_client, django_capture_on_commit_callbacks):
    seller = SellerFactory(verified=True)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            CHANGELIST,
            {
                "action": "suspend_selected",
                "_selected_action": [seller.pk],
                "confirm": "yes",
                "reason": "Fakes.",
            },
        )
    assert Seller.objects.get().status == S.SUSPENDED
    assert "Fakes." in mail.outbox[0].body


def test_the_review_page_links_documents_to_the_protected_download(admin_client):
    document = SellerDocumentFactory(original_name="licence-scan.pdf")
    response = admin_client.get(f"{CHANGELIST}{document.seller.pk}/change/")
    assert response.status_code == 200
    assert f'href="/sell/documents/{document.pk}/"' in response.content.decode()
    assert admin_client.get(f"/sell/documents/{document.pk}/").status_code == 200


def test_the_list_filters_by_status_and_country(admin_client):
    SellerFactory(country="KE", status=S.SUBMITTED, trading_name="Nairobi Weavers")
    SellerFactory(country="CN", status=S.SUBMITTED, trading_name="Hangzhou Silk")
    response = admin_client.get(CHANGELIST, {"status": "submitted", "country": "KE"})
    assert "Nairobi Weavers" in response.content.decode()
    assert "Hangzhou Silk" not in response.content.decode()
