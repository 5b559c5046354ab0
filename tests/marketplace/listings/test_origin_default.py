"""A new listing's country of origin starts at the seller's country (not the first in the list, Afghanistan);
an existing listing, a posted form and an explicit initial value keep theirs."""

import pytest

from marketplace.listings.forms import ListingForm
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.sellers.factories import SellerFactory

pytestmark = pytest.mark.django_db


def test_a_new_listing_is_made_in_the_sellers_country():
    # given a Peruvian seller
    seller = SellerFactory(verified=True, country="PE")
    # when they open a new listing form
    form = ListingForm(seller=seller)
    # then Peru is chosen in the country-of-origin list
    assert form["origin_country"].value() == "PE"
    assert '<option value="PE" selected>' in str(form["origin_country"])


def test_the_new_listing_page_offers_the_sellers_country(client):
    # given a verified Kenyan seller, logged in
    seller = SellerFactory(verified=True, country="KE")
    client.force_login(seller.user)
    # when
    page = client.get("/sell/listings/new/").content.decode()
    # then
    assert '<option value="KE" selected>Kenya</option>' in page
    assert '<option value="AF" selected>' not in page


def test_an_existing_listing_keeps_its_own_origin():
    # given a Kenyan seller's listing made in India
    listing = ListingFactory(origin_country="IN")
    # when / then
    assert ListingForm(instance=listing, seller=listing.seller)["origin_country"].value() == "IN"


def test_a_posted_form_and_an_explicit_initial_value_are_left_alone():
    # given
    seller = SellerFactory(verified=True, country="PE")
    # when / then the value the seller posted stands, even when it is empty
    assert ListingForm({"origin_country": "CN"}, seller=seller)["origin_country"].value() == "CN"
    assert ListingForm({}, seller=seller)["origin_country"].value() is None
    assert ListingForm(seller=seller, initial={"origin_country": "BO"})["origin_country"].value() == "BO"
