"""Bad input at checkout: each gets a clear message, nothing is charged twice, nothing is lost."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from logistics.dispatch.models import Shipment
from marketplace.listings.models import Listing
from marketplace.orders.models import Checkout, Order, OrderStatus
from marketplace.orders.payment_events import checkout_payment_succeeded
from marketplace.payments.models import Payment
from marketplace.payments.signals import payment_succeeded
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.orders.conftest import ADDRESS_DE, CARD_DECLINED, lane

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_a_posted_price_is_ignored_and_a_bad_quantity_is_refused_with_a_message(buyer, basket):
    # when the add-to-cart form is posted with a price of its own, then the listing's own price is used
    buyer.add(basket, price="0.01", currency="XXX")
    review = buyer.checkout()
    assert review.context["snapshot"]["orders"][0]["items"] == "22.18"  # 3200 / 144.30, as worked out before
    # and quantities that are not whole, not positive, or more than the stock are refused, naming the problem
    for quantity, message in (("abc", "whole number"), ("-3", "between 1 and 999"), ("6", "Only 5")):
        response = buyer.client.post(
            "/cart/update/", {"listing": basket.pk, "quantity": quantity}, follow=True
        )
        assert any(message in m for m in _messages(response)), quantity
    assert buyer.current().cart.items.get().quantity == 1


def test_extra_fields_in_the_pay_form_change_nothing_and_a_wrong_currency_is_refused(buyer, basket):
    # given a review
    buyer.add(basket)
    buyer.checkout()
    # when Pay is posted with a made-up amount, then the amount charged is the review's
    buyer.card(buyer.pay(amount="0.01", total="0.01", quantity="9").url)
    assert Payment.objects.get().amount_minor == 4424
    assert Order.objects.get().lines.get().quantity == 1


def test_pay_with_a_tampered_currency_is_refused_and_nothing_is_charged(buyer, basket):
    buyer.add(basket)
    buyer.checkout()
    response = buyer.client.post(
        "/checkout/pay/", {"review_version": buyer.current().review_version, "currency": "JPY"}, follow=True
    )
    assert any("currency or the amounts changed" in m for m in _messages(response))
    assert Payment.objects.count() == 0


def test_an_expired_review_is_priced_again_and_the_buyer_sees_what_changed_before_paying(buyer, basket):
    # given a review seen 31 minutes ago, and the seller raised the price since (KES 3,200 -> 3,500)
    buyer.add(basket)
    buyer.checkout()
    Checkout.objects.update(reviewed_at=timezone.now() - timedelta(minutes=31))
    Listing.objects.filter(pk=basket.pk).update(price_amount=Decimal("3500"))
    # when the buyer presses Pay on the old page
    response = buyer.pay()
    # then nothing is charged and the review shows the change: 3500 / 144.30 = 24.2550 -> EUR 24.26
    assert response.url == "/checkout/review/" and Payment.objects.count() == 0
    review = buyer.client.get("/checkout/review/")
    assert "Sisal basket" in " ".join(review.context["review"].changes)
    assert "€22.18 → €24.26" in " ".join(review.context["review"].changes)
    # and paying the new review charges the new amount: 24.26 + 12.00 + VAT
    assert "/payments/test/" in buyer.pay().url


def test_an_address_change_mid_checkout_prices_again(buyer, basket):
    # given a review for Germany, and a lane to France too
    lane(destination="FR")
    buyer.add(basket)
    buyer.checkout()
    version = buyer.current().review_version
    # when the buyer changes the address to Paris
    paris = {"city": "Paris", "postcode": "75001", "country": "FR", "phone": "+33 1 23 45 67 89"}
    buyer.client.post("/checkout/address/", {**ADDRESS_DE, **paris})
    review = buyer.client.get("/checkout/review/")
    # then the review is priced again and says so; the old Pay form is refused
    assert "Delivery address changed." in review.context["review"].changes
    stale = buyer.client.post("/checkout/pay/", {"review_version": version, "currency": "EUR"})
    assert stale.url == "/checkout/review/" and Payment.objects.count() == 0


def test_a_declined_card_leaves_the_order_pending_and_the_buyer_can_try_again(buyer, basket):
    # given a buyer at the gateway
    buyer.add(basket)
    buyer.checkout()
    gateway = buyer.pay().url
    # when the card is declined
    declined = buyer.card(gateway, CARD_DECLINED)
    # then the gateway says so, the order waits for payment and the review shows the message
    assert declined.status_code == 402
    assert Order.objects.get().status == OrderStatus.PENDING_PAYMENT
    assert "Your card was declined." in buyer.client.get("/checkout/review/").content.decode()
    # when they press Pay again and use a good card, then the same payment succeeds, once
    again = buyer.pay().url
    assert again == gateway
    buyer.card(again)
    assert Order.objects.get().status == OrderStatus.PAID and Payment.objects.count() == 1


def test_the_pay_button_pressed_twice_makes_one_payment(buyer, basket):
    buyer.add(basket)
    buyer.checkout()
    first, second = buyer.pay().url, buyer.pay().url
    assert first == second and Payment.objects.count() == 1 and Order.objects.count() == 1


def test_a_replayed_payment_signal_changes_nothing(buyer, basket):
    # given a paid order
    buyer.add(basket)
    buyer.checkout()
    buyer.card(buyer.pay().url)
    payment = Payment.objects.get()
    # when payments sends payment_succeeded again (a retry after a rollback), then nothing happens twice
    payment_succeeded.send(sender=Payment, payment=payment)
    checkout_payment_succeeded(payment=payment)
    assert Shipment.objects.count() == 1 and Order.objects.get().events.filter(action="pay").count() == 1
    basket.refresh_from_db()
    assert basket.stock == 4


def test_a_seller_without_a_route_is_left_out_with_the_reason_and_the_rest_can_be_paid(buyer, basket):
    # given a second seller in China, whom no partner carries to Germany
    chinese = ListingFactory(seller__country="CN", origin_country="CN", price_currency="CNY")
    buyer.add(basket)
    buyer.add(chinese)
    # when the buyer reviews
    review = buyer.checkout()
    # then the Chinese items are left out with the reason, and the Kenyan order can be paid
    text = review.content.decode()
    assert "no carrier ships from this seller to your address yet" in text
    assert len(review.context["snapshot"]["orders"]) == 1 and review.context["review"].payable
    buyer.card(buyer.pay().url)
    assert Order.objects.get().seller == basket.seller
    assert buyer.current().cart.items.get().listing == chinese  # still in the cart


def test_a_destination_without_import_rules_cannot_be_ordered_and_says_why(buyer, basket):
    # given a lane to South Africa, for which there are no import rules
    lane(destination="ZA")
    buyer.add(basket)
    address = {
        **ADDRESS_DE,
        "country": "ZA",
        "city": "Cape Town",
        "postcode": "8001",
        "phone": "+27 21 123 4567",
    }
    review = buyer.checkout(address=address)
    assert "we have no import rules for your country yet" in review.content.decode()
    assert not review.context["review"].payable
    response = buyer.pay()
    assert response.url == "/checkout/review/" and Payment.objects.count() == 0


def test_a_listing_paused_after_it_was_added_is_flagged_not_dropped(buyer, basket):
    buyer.add(basket)
    Listing.objects.filter(pk=basket.pk).update(status=Listing.Status.PAUSED, is_visible=False)
    review = buyer.checkout()
    assert "is no longer for sale" in review.content.decode() and not review.context["review"].payable
    assert buyer.current().cart.items.count() == 1
    assert buyer.pay().url == "/checkout/review/" and Payment.objects.count() == 0


def test_address_problems_are_shown_on_their_fields(buyer, basket):
    buyer.add(basket)
    buyer.client.post("/checkout/")
    response = buyer.client.post(
        "/checkout/address/", {**ADDRESS_DE, "country": "US", "state": "", "phone": "12", "email": "nope"}
    )
    form = response.context["form"]
    assert form.errors["state"] == ["Required for United States."]
    assert "Not a valid phone number" in form.errors["phone"][0]
    assert form.errors["email"] == ["Not a valid e-mail address."]


def test_goods_restricted_at_the_destination_are_listed_as_a_problem(buyer):
    # given perishable food, which partners do not carry into Australia, and a lane there
    lane(destination="AU")
    food = ListingFactory(restrictions=["perishable"])
    buyer.add(food)
    address = {
        **ADDRESS_DE, "country": "AU", "state": "AU-NSW", "city": "Sydney", "postcode": "2000",
        "phone": "+61 2 9876 5432",
    }  # fmt: skip
    # when the buyer reviews, then the line is named with what to do, and payment waits until it is removed
    review = buyer.checkout(address=address)
    assert "cannot be sent to this country (perishable food): remove it" in review.content.decode()
    assert not review.context["review"].payable
