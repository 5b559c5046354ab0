"""The seller status machine: draft -> submitted -> verified / rejected (fix, resubmit) -> suspended."""

from decimal import Decimal

import pytest
from django.core import mail

from ewtp.errors import ApplicationError
from marketplace.listings.models import Category, Listing
from marketplace.sellers.models import Seller, SellerStatusEvent
from marketplace.sellers.status import (
    IllegalTransition,
    seller_reinstate,
    seller_reject,
    seller_submit,
    seller_suspend,
    seller_verify,
)
from tests.marketplace.sellers.factories import SellerFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Seller.Status


@pytest.fixture
def operator():
    return UserFactory(is_staff=True, email="ops@ewtp.example")


def _listing(seller: Seller) -> Listing:
    category, _ = Category.objects.get_or_create(slug="baskets", defaults={"name": "Baskets"})
    return Listing.objects.create(
        seller=seller,
        title="Sisal basket",
        category=category,
        price_amount=Decimal("2500"),
        price_currency="KES",
        sku="B-1",
        hs_code="460219",
        origin_country="KE",
        net_weight_kg=Decimal("0.4"),
        length_cm=Decimal(30),
        width_cm=Decimal(30),
        height_cm=Decimal(20),
        status=Listing.Status.ACTIVE,
        seller_country="KE",
    )


def test_a_complete_draft_is_submitted():
    # given
    seller = SellerFactory(complete=True, documents=True)

    # when
    seller_submit(seller=seller)

    # then
    seller.refresh_from_db()
    assert seller.status == S.SUBMITTED
    assert seller.submitted_at is not None
    assert SellerStatusEvent.objects.get().to_status == S.SUBMITTED


def test_an_incomplete_draft_cannot_be_submitted_and_is_told_what_is_missing():
    # given: a complete profile but no documents
    seller = SellerFactory(complete=True)

    # when
    with pytest.raises(ApplicationError) as raised:
        seller_submit(seller=seller)

    # then
    assert raised.value.code == "seller_incomplete"
    assert set(raised.value.details) == {"business_licence", "identity_document"}
    assert Seller.objects.get().status == S.DRAFT


def test_an_empty_draft_misses_every_step():
    with pytest.raises(ApplicationError) as raised:
        seller_submit(seller=SellerFactory())
    assert set(raised.value.details) == {
        "profile",
        "currency",
        "payout",
        "business_licence",
        "identity_document",
    }


def test_an_operator_verifies_a_submitted_seller_who_is_e_mailed(
    operator, django_capture_on_commit_callbacks
):
    # given
    seller = SellerFactory(complete=True, status=S.SUBMITTED)

    # when
    with django_capture_on_commit_callbacks(execute=True):
        seller_verify(seller=seller, by=operator)

    # then
    seller.refresh_from_db()
    assert seller.status == S.VERIFIED and seller.verified_at is not None
    assert [m.to for m in mail.outbox] == [[seller.user.email]]
    assert "verified" in mail.outbox[0].subject
    event = SellerStatusEvent.objects.get()
    assert (event.from_status, event.to_status, event.by) == (S.SUBMITTED, S.VERIFIED, operator)


def test_a_rejected_seller_is_told_why_then_fixes_and_resubmits(operator, django_capture_on_commit_callbacks):
    # given
    seller = SellerFactory(complete=True, documents=True, status=S.SUBMITTED)

    # when
    with django_capture_on_commit_callbacks(execute=True):
        seller_reject(seller=seller, reason="The licence photo is blurred.", by=operator)

    # then
    assert Seller.objects.get().status == S.REJECTED
    assert Seller.objects.get().rejection_reason == "The licence photo is blurred."
    assert "The licence photo is blurred." in mail.outbox[0].body

    # when: the seller resubmits
    seller_submit(seller=seller)

    # then
    assert Seller.objects.get().status == S.SUBMITTED


def test_a_rejection_needs_a_reason(operator):
    seller = SellerFactory(complete=True, status=S.SUBMITTED)
    with pytest.raises(ApplicationError) as raised:
        seller_reject(seller=seller, reason="  ", by=operator)
    assert "reason" in raised.value.details
    assert Seller.objects.get().status == S.SUBMITTED


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.DRAFT, "verify"),
        (S.DRAFT, "reject"),
        (S.DRAFT, "suspend"),
        (S.DRAFT, "reinstate"),
        (S.SUBMITTED, "submit"),
        (S.SUBMITTED, "suspend"),
        (S.SUBMITTED, "reinstate"),
        (S.VERIFIED, "submit"),
        (S.VERIFIED, "verify"),
        (S.VERIFIED, "reject"),
        (S.VERIFIED, "reinstate"),
        (S.REJECTED, "verify"),
        (S.REJECTED, "reject"),
        (S.REJECTED, "suspend"),
        (S.SUSPENDED, "submit"),
        (S.SUSPENDED, "verify"),
        (S.SUSPENDED, "suspend"),
    ],
)
def test_illegal_transitions_are_refused(operator, status, action):
    # given
    seller = SellerFactory(complete=True, documents=True, status=status)
    calls = {
        "submit": lambda: seller_submit(seller=seller),
        "verify": lambda: seller_verify(seller=seller, by=operator),
        "reject": lambda: seller_reject(seller=seller, reason="r", by=operator),
        "suspend": lambda: seller_suspend(seller=seller, reason="r", by=operator),
        "reinstate": lambda: seller_reinstate(seller=seller, by=operator),
    }

    # when
    with pytest.raises(IllegalTransition):
        calls[action]()

    # then
    assert Seller.objects.get().status == status
    assert not SellerStatusEvent.objects.exists()
    assert mail.outbox == []


def test_verification_shows_active_listings_and_suspension_hides_them(
    operator, django_capture_on_commit_callbacks
):
    # given
    seller = SellerFactory(complete=True, status=S.SUBMITTED)
    listing = _listing(seller)
    assert not Listing.objects.get(pk=listing.pk).is_visible

    # when / then
    seller_verify(seller=seller, by=operator)
    assert Listing.objects.get(pk=listing.pk).is_visible

    with django_capture_on_commit_callbacks(execute=True):
        seller_suspend(seller=seller, reason="Counterfeit goods reported.", by=operator)
    assert not Listing.objects.get(pk=listing.pk).is_visible
    assert Seller.objects.get().suspension_reason == "Counterfeit goods reported."
    assert "Counterfeit goods reported." in mail.outbox[-1].body

    seller_reinstate(seller=seller, by=operator)
    assert Listing.objects.get(pk=listing.pk).is_visible
    assert Seller.objects.get().status == S.VERIFIED


def test_the_catalogue_follows_the_sellers_status_and_country(client, operator, rates):
    """Sellers only announce a change (the seller_changed signal); listings owns the visibility rule, and
    the catalogue's filters follow it."""
    from marketplace.sellers.services import PROFILE_FIELDS, seller_profile_update
    from tests.marketplace.listings.factories import ListingFactory

    def catalogue(**params) -> list[str]:
        return [card.title for card in client.get("/", params).context["cards"]]

    # given an active listing of a Kenyan seller who was rejected, and who moves her business to Ghana
    listing = ListingFactory(
        title="Kiondo basket", seller__status=S.REJECTED, seller__complete=True, seller__documents=True
    )
    seller = listing.seller
    profile = {field: getattr(seller, field) for field in PROFILE_FIELDS}
    seller_profile_update(seller=seller, data={**profile, "country": "GH", "phone": "+233302345678"})
    assert catalogue() == []
    # when she resubmits and the operator verifies her
    seller_submit(seller=seller)
    seller_verify(seller=seller, by=operator)
    # then buyers see the basket, as from Ghana
    assert catalogue() == ["Kiondo basket"]
    assert catalogue(seller_country="GH") == ["Kiondo basket"]
    listing.refresh_from_db()
    assert listing.seller_country == "GH"  # Kenya is no longer among the countries to filter by
    # when she is suspended, it is gone again
    seller_suspend(seller=seller, reason="Counterfeit goods.", by=operator)
    assert catalogue() == []
