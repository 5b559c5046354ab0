"""The business profile: every field checked, all errors at once, locked where verification depends on it."""

import pytest

from ewtp.errors import ApplicationError
from marketplace.sellers.models import Seller
from marketplace.sellers.services import (
    seller_currency_set,
    seller_onboarding_start,
    seller_profile_update,
)
from tests.marketplace.sellers.factories import SellerFactory, UserFactory

pytestmark = pytest.mark.django_db

KENYA = {
    "legal_name": "Kikapu Crafts Ltd",
    "trading_name": "Kikapu",
    "country": "KE",
    "business_type": "company",
    "registration_number": "PVT-2019-0042",
    "vat_number": "",
    "eori_number": "",
    "phone": "0712 345678",
    "address_line1": "Moi Avenue 12",
    "city": "Nairobi",
}
GERMANY = KENYA | {
    "country": "DE",
    "vat_number": "DE136695976",
    "eori_number": "DE1234567890",
    "phone": "030 123456",
    "city": "Berlin",
}


def test_onboarding_starts_a_draft_once_with_the_users_country():
    # given
    user = UserFactory(country="KE")

    # when
    first = seller_onboarding_start(user=user)
    second = seller_onboarding_start(user=user)

    # then
    assert first.pk == second.pk
    assert (first.status, first.country) == (Seller.Status.DRAFT, "KE")


def test_a_profile_is_saved_normalised_with_the_countrys_currency():
    # given
    seller = SellerFactory(country="")

    # when
    seller_profile_update(seller=seller, data=KENYA)

    # then
    seller.refresh_from_db()
    assert (seller.phone, seller.default_currency, seller.legal_name) == (
        "+254712345678",
        "KES",
        "Kikapu Crafts Ltd",
    )


def test_a_new_country_brings_its_currency_unless_the_seller_chose_another():
    # given
    seller = SellerFactory(country="")
    seller_profile_update(seller=seller, data=KENYA)

    # when
    seller_profile_update(seller=seller, data=GERMANY)

    # then
    assert Seller.objects.get().default_currency == "EUR"

    # given: the seller chose USD
    seller_currency_set(seller=seller, currency="USD")

    # when
    seller_profile_update(seller=seller, data=KENYA)

    # then
    assert Seller.objects.get().default_currency == "USD"


def test_all_bad_fields_are_reported_together_each_named():
    # given
    seller = SellerFactory(country="")
    data = GERMANY | {
        "legal_name": "",
        "registration_number": "",
        "vat_number": "DE000000000",
        "eori_number": "",
        "phone": "12",
    }

    # when
    with pytest.raises(ApplicationError) as raised:
        seller_profile_update(seller=seller, data=data)

    # then
    assert set(raised.value.details) == {
        "legal_name",
        "registration_number",
        "vat_number",
        "eori_number",
        "phone",
    }
    assert Seller.objects.get().legal_name == ""


def test_a_sole_trader_needs_no_registration_number():
    seller = SellerFactory(country="")
    seller_profile_update(
        seller=seller, data=KENYA | {"business_type": "sole_trader", "registration_number": ""}
    )
    assert Seller.objects.get().business_type == "sole_trader"


@pytest.mark.parametrize("status", [Seller.Status.SUBMITTED, Seller.Status.SUSPENDED])
def test_a_profile_under_review_or_suspended_is_locked(status):
    seller = SellerFactory(complete=True, status=status)
    with pytest.raises(ApplicationError) as raised:
        seller_profile_update(seller=seller, data=KENYA)
    assert raised.value.code == "seller_profile_locked"


def test_a_verified_seller_changes_contact_details_but_not_verified_identity():
    # given
    seller = SellerFactory(verified=True, country="KE")
    legal_name = seller.legal_name

    # when
    seller_profile_update(seller=seller, data=KENYA | {"legal_name": "Someone Else Ltd", "city": "Mombasa"})

    # then
    seller.refresh_from_db()
    assert (seller.legal_name, seller.city, seller.status) == (legal_name, "Mombasa", Seller.Status.VERIFIED)


def test_an_unknown_currency_is_refused():
    with pytest.raises(ApplicationError) as raised:
        seller_currency_set(seller=SellerFactory(), currency="XXX")
    assert "default_currency" in raised.value.details
