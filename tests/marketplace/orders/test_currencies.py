"""Orders in currencies without decimals (JPY) and with three (KWD), paid through the test gateway: what is
charged is the total the buyer saw, in the currency's own minor units."""

from decimal import Decimal

import pytest

from marketplace.orders.models import Order, OrderStatus
from marketplace.payments.models import Payment
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.orders.conftest import ADDRESS_DE, lane

pytestmark = pytest.mark.django_db

ADDRESS_JP = {
    "name": "Sato Yuki", "street": "1-1 Chiyoda", "city": "Tokyo", "postcode": "100-0001", "country": "JP",
    "phone": "+81 3-1234-5678", "email": "yuki@example.com",
}  # fmt: skip


def test_a_buyer_in_japan_pays_in_yen_with_no_decimals(buyer):
    # given a Kenyan basket and a lane to Japan at EUR 12.00
    lane(destination="JP")
    listing = ListingFactory()
    buyer.add(listing)
    # when they check out in JPY
    review = buyer.checkout(address=ADDRESS_JP, currency="JPY")
    entry = review.context["snapshot"]["orders"][0]
    # then: KES -> JPY at 175.68 / 144.30 = 1.21746361746; 3200 x that = 3895.88 -> ¥3,896;
    # shipping 12.00 x 175.68 = 2108.16 -> ¥2,108; under Japan's ¥10,000 de minimis: no duty, no tax
    assert [entry[k] for k in ("items", "shipping", "duties", "taxes", "total")] == [
        "3896",
        "2108",
        "0",
        "0",
        "6004",
    ]
    assert entry["import_rule"] == "de_minimis"
    # and the gateway is asked for ¥6,004 as 6004 minor units (JPY has none below the yen)
    buyer.card(buyer.pay().url)
    order = Order.objects.get()
    assert order.status == OrderStatus.PAID and order.currency == "JPY"
    assert order.due_at_checkout_amount == Decimal("6004")
    assert Payment.objects.get().amount_minor == 6004


def test_a_buyer_paying_in_kuwaiti_dinars_is_charged_whole_tens_of_fils(buyer, basket):
    # given the Kenyan basket shipped to Germany, the buyer switching to KWD on the review
    buyer.add(basket)
    review = buyer.checkout(currency="KWD")
    entry = review.context["snapshot"]["orders"][0]
    # then, with KES -> KWD at 0.3421 / 144.30 = 0.00237075537075 and EUR -> KWD at 0.3421:
    # item 3200 x 0.00237075537075 = 7.5864 -> 7.586; shipping 12.00 x 0.3421 = 4.1052 -> 4.105;
    # the border charges (EUR 3.00 duty + 7.06 VAT = 10.06) converted once: 3.441526 -> 3.442, split
    # 300 : 706 -> 1.026 duty and 2.416 VAT, both now (the flat duty goes with the VAT collected at sale);
    # total 7.586 + 4.105 + 3.442 = 15.133, all due now: card payments in KWD go in steps of 0.010, so
    # 0.003 comes off: 15.130.
    assert [entry[k] for k in ("items", "shipping", "duties", "taxes", "rounding")] == [
        "7.586", "4.105", "1.026", "2.416", "0.003",
    ]  # fmt: skip
    assert [entry[k] for k in ("total", "due_at_checkout", "due_on_delivery")] == [
        "15.130",
        "15.130",
        "0.000",
    ]
    # when they pay
    buyer.card(buyer.pay().url)
    # then 15.130 KWD is charged as 15130 fils and recorded on the order
    order = Order.objects.get()
    assert order.status == OrderStatus.PAID and order.due_at_checkout_amount == Decimal("15.130")
    assert Payment.objects.get().amount_minor == 15130


def test_switching_currency_mid_checkout_prices_again_and_says_what_changed(buyer, basket):
    # given a review in EUR
    buyer.add(basket)
    buyer.checkout()
    version = buyer.current().review_version
    # when the buyer switches to GBP on the review
    buyer.client.post("/checkout/currency/", {"currency": "GBP"})
    review = buyer.client.get("/checkout/review/")
    # then it is priced again and the change is listed before paying
    assert buyer.current().review_version == version + 1
    assert "Currency: EUR → GBP." in review.context["review"].changes
    # and a Pay form still showing the EUR review is refused, nothing charged
    response = buyer.client.post(
        "/checkout/pay/", {"review_version": version, "currency": "EUR"}, follow=True
    )
    assert "changed since that page was shown" in response.content.decode()
    assert Payment.objects.count() == 0 and Order.objects.count() == 0
    assert ADDRESS_DE["city"] in " ".join(review.context["address"])
