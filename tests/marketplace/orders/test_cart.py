"""The cart: anonymous or an account's, several sellers, merged on log-in, quantities within stock."""

import pytest

from marketplace.orders.models import Cart
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.sellers.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_a_visitors_cart_is_merged_into_their_accounts_on_log_in(client):
    # given an account whose cart holds 1 of a listing, and a visitor's cart with 2 of it and another
    account = UserFactory()
    first, second = ListingFactory(), ListingFactory(seller__country="KE")
    Cart.objects.create(user=account).items.create(listing=first, quantity=1)
    client.post("/cart/add/", {"listing": first.pk, "quantity": 2})
    client.post("/cart/add/", {"listing": second.pk, "quantity": 1})
    # when the visitor logs in
    client.post("/accounts/login/", {"username": account.email, "email": account.email, "password": PASSWORD})
    # then the account's cart holds both, quantities added (1 + 2 = 3), and the visitor's cart is gone
    cart = Cart.objects.get(user=account)
    assert dict(cart.items.values_list("listing_id", "quantity")) == {first.pk: 3, second.pk: 1}
    assert Cart.objects.count() == 1
    assert f"cart-line-{second.pk}" in client.get("/cart/").content.decode()


def test_the_cart_page_lists_lines_from_several_sellers_and_flags_a_sold_out_one(client):
    first, second = ListingFactory(), ListingFactory()
    client.post("/cart/add/", {"listing": first.pk})
    client.post("/cart/add/", {"listing": second.pk})
    type(second).objects.filter(pk=second.pk).update(stock=0)
    page = client.get("/cart/").content.decode()
    assert f'id="cart-line-{first.pk}"' in page and f'id="cart-problem-{second.pk}"' in page
    assert "is sold out" in page
