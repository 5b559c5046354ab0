"""A buyer in Germany checks out in a real browser: the listing page, the cart, address, shipping, the review
with duty and VAT itemised, the built-in test gateway's page, and the order page; a declined card first.

Celery runs eagerly here (the `celery_eager` fixture): the live server's thread relays the outbox after each
commit and the webhook task runs in that thread, so the order is paid before the gateway's page redirects.
A real worker is covered by tests/marketplace/payments/test_worker.py; what this test is about is the pages.

Worked by hand with the rates of 2026-10-30 (1 EUR = 144.30 KES) and the seeded rules, as in
tests/marketplace/storefront/test_delivered.py: one Kenyan basket, KES 3,200 -> 3200 / 144.30 = 22.1760 ->
EUR 22.18; the cheapest option is Swift Parcel standard at EUR 12.00 (the express one is EUR 25.00), without
DDP. Under EUR 150, so the import VAT is collected at sale (IOSS) and the duty is the flat EUR 3.00 per
tariff subheading (from 2026-07-01), collected with it even though the parcel travels DAP (the two are never
split). VAT 19 % of (22.18 + 12.00 + 3.00) = 37.18 x 0.19 = 7.0642 -> EUR 7.06. Total 22.18 + 12.00 + 3.00 +
7.06 = EUR 44.24, all paid now; nothing to the carrier on delivery.
"""

from datetime import date

import pytest

from logistics.customs.tasks import documents_generate
from marketplace.listings.models import Listing
from marketplace.orders.models import Order, OrderStatus
from marketplace.payments.models import Payment
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.orders.conftest import lane
from tests.marketplace.sellers.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = date(2026, 10, 30)
CARD_OK = "4242 4242 4242 4242"
CARD_DECLINED = "4000 0000 0000 0002"
ADDRESS_DE = {
    "name": "Anna Schmidt", "street": "Invalidenstraße 117", "city": "Berlin", "postcode": "10115",
    "phone": "+49 30 1234567", "email": "anna@example.com",
}  # fmt: skip


@pytest.fixture
def basket(rates, customs_rules, celery_eager, live_server, monkeypatch, settings) -> Listing:
    """A Kenyan basket (KES 3,200, 5 in stock) with two partners to Germany, and the test gateway sending
    the buyer back to the live server."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    settings.SITE_URL = live_server.url  # where the gateway's page and the pay form send the buyer back
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.TEST_GATEWAY_WEBHOOK_SECRET = "whsec_test_browser_checkout"
    settings.PLATFORM_IOSS_NUMBER = "IM2760000042"
    monkeypatch.setattr(documents_generate, "run", lambda **kwargs: [])  # queued, not rendered, here
    lane(price="12.00", days=(5, 9))
    lane(partner="rapid", service="express", price="25.00", days=(2, 4))
    return ListingFactory(title="Sisal kiondo basket")


@pytest.fixture
def page(browser, live_server):
    """A buyer's tab in Germany: German is asked for (so EUR and Germany are the defaults), English shown."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="de-DE", timezone_id="Europe/Berlin"
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


def _cell(page, row_id: str) -> str:
    return page.locator(f"#{row_id} td:last-child").inner_text().strip()


def _to_the_review(page, url: str, listing: Listing, screenshots, audit) -> None:
    """From the listing page to the review: add to cart, check out, the German address, the cheapest
    shipping kept."""
    page.goto(url + listing.get_absolute_url())
    assert "Delivered to Germany" in page.locator("#delivered").inner_text()
    audit(page, "listing page")
    page.click("#add-to-cart")
    page.wait_for_url("**/cart/")
    assert page.locator("#cart-lines tbody tr").count() == 1
    audit(page, "cart")
    page.click("#checkout-button")
    page.wait_for_url("**/checkout/address/")
    assert page.input_value("select[name=country]") == "DE"  # from Accept-Language de-DE
    for field, value in ADDRESS_DE.items():
        page.fill(f"[name={field}]", value)
    screenshots(page, "address")
    audit(page, "address")
    page.click("#address-continue")
    page.wait_for_url("**/checkout/shipping/")
    seller = listing.seller_id
    # the cheapest option is preselected: Swift Parcel, EUR 12.00 (Rapid Parcel express is EUR 25.00)
    checked = page.locator(f"#seller-{seller} input[type=radio]:checked")
    assert checked.get_attribute("value") == "swift:standard"
    label = page.locator(f"label[for='{checked.get_attribute('id')}']").inner_text()
    assert "€12.00" in label and "cheapest" in label
    screenshots(page, "shipping")
    audit(page, "shipping")
    page.click("#shipping-continue")
    page.wait_for_url("**/checkout/review/")


def _card(page, number: str) -> None:
    page.fill("#card_number", number)
    page.click(".test-gateway form button[type=submit]")


def test_a_buyer_in_germany_buys_a_kenyan_basket_in_euros_and_lands_on_the_paid_order(
    page, live_server, basket, screenshots, audit
):
    # given a buyer in Germany on the basket's page
    seller = basket.seller_id
    # when they add it to the cart and go through address and shipping to the review
    _to_the_review(page, live_server.url, basket, screenshots, audit)
    screenshots(page, "review")
    audit(page, "review")
    # then the review itemises the figures worked out in the module's docstring
    assert "Anna Schmidt" in page.locator("#deliver-to").inner_text()
    assert _cell(page, f"line-{seller}-{basket.pk}").endswith("€22.18")
    assert _cell(page, f"shipping-{seller}") == "€12.00"
    assert _cell(page, f"duties-{seller}") == "€3.00"
    assert "paid to the carrier on delivery" not in page.locator(f"#duties-{seller} th").inner_text()
    assert _cell(page, f"taxes-{seller}") == "€7.06"
    vat = page.locator(f"#taxes-{seller} th").inner_text()
    assert "Import VAT / GST" in vat and "collected now by EWTP as the deemed supplier" in vat
    assert _cell(page, f"total-{seller}") == "€44.24"  # 22.18 + 12.00 + 3.00 + 7.06
    assert _cell(page, f"due-now-{seller}") == "€44.24"  # everything: the duty goes with the VAT
    assert page.locator(f"#due-on-delivery-{seller}").count() == 0
    assert _cell(page, "total-due-now") == "€44.24"
    assert page.inner_text("#pay-button") == "Pay €44.24"
    # when they pay on the test gateway's page with the card that succeeds
    page.click("#pay-button")
    page.wait_for_url("**/payments/test/**")
    assert page.inner_text(".test-gateway .amount") == "€44.24"
    audit(page, "test gateway")
    _card(page, CARD_OK)
    # then they land on their order's page (a guest: through the signed link), showing it paid
    page.wait_for_url("**/orders/*/?t=*")
    order = Order.objects.get()
    assert f"/orders/{order.reference}/" in page.url
    assert page.locator("#order-status").get_attribute("data-status") == "paid"
    assert page.inner_text("#order-status") == "Paid"
    assert _cell(page, f"due-now-{seller}") == "€44.24"
    screenshots(page, "order-paid")
    audit(page, "order paid")
    # and the payment was EUR 44.24 (4424 cents), the stock taken (5 - 1 = 4)
    assert order.status == OrderStatus.PAID
    assert Payment.objects.get().amount_minor == 4424
    basket.refresh_from_db()
    assert basket.stock == 4
    # and the seller finds the order on her pages, on a phone, without the page scrolling sideways
    page.context.clear_cookies()
    page.set_viewport_size({"width": 412, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", basket.seller.user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/sell/orders/")
    assert page.locator(f"#order-{order.reference}").count() == 1
    assert not page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")
    screenshots(page, "seller-orders")
    audit(page, "seller's orders")
    page.click(f"#order-{order.reference} a")
    page.wait_for_url(f"**/sell/orders/{order.reference}/")
    assert not page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")
    screenshots(page, "seller-order")
    audit(page, "seller's order")


def test_a_declined_card_shows_its_message_and_the_buyer_tries_again_and_pays(
    page, live_server, basket, screenshots, audit
):
    # given a buyer at the test gateway's page for EUR 44.24
    _to_the_review(page, live_server.url, basket, screenshots, audit)
    page.click("#pay-button")
    page.wait_for_url("**/payments/test/**")
    gateway_url = page.url
    # when they submit the card that is declined
    _card(page, CARD_DECLINED)
    # then the page says so, and nothing is paid
    alert = page.locator(".test-gateway [role=alert]")
    alert.wait_for()
    assert alert.inner_text() == "Your card was declined. Try another card."
    screenshots(page, "declined")
    audit(page, "card declined")
    assert Payment.objects.get().status == Payment.Status.FAILED
    assert Order.objects.get().status == OrderStatus.PENDING_PAYMENT
    # and back on the review the decline is shown, with the way to try again
    page.click("text=Cancel and go back")
    page.wait_for_url("**/checkout/review/")
    assert page.inner_text("#payment-error") == "Your card was declined. You can try again."
    screenshots(page, "review-after-decline")
    audit(page, "review after a decline")
    # when they press Pay again (the same payment's page) and use the card that succeeds
    page.click("#pay-button")
    page.wait_for_url("**/payments/test/**")
    assert page.url == gateway_url
    _card(page, CARD_OK)
    # then they land on the paid order, charged once
    page.wait_for_url("**/orders/*/?t=*")
    assert page.locator("#order-status").get_attribute("data-status") == "paid"
    screenshots(page, "order-paid")
    assert Order.objects.get().status == OrderStatus.PAID
    payment = Payment.objects.get()
    assert (payment.status, payment.amount_minor) == (Payment.Status.SUCCEEDED, 4424)
