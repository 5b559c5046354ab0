"""Every page a buyer or a seller reaches, in Spanish, French, Swahili and Chinese, in a real browser: no
interface string is left in English, and axe finds no serious violation.

"Left in English" is checked against the catalogues themselves: every visible text node of the page (and
each option of a select) is compared with the English messages whose translation differs from them; one
that equals such a message (with or without a trailing colon), or has its shape where the message has
placeholders ("“Kiondo” is in your cart (1)."), was not translated. Seller-entered text
(titles, descriptions, names: marked with the language it was written in, a `lang` other than the page's),
URLs, codes and amounts are not messages and cannot match.

The pages: the catalogue, a listing, the cart, checkout's address, shipping and review steps, the test
gateway's page and the buyer's paid order; then, for the seller of that order, the dashboard with its trade
sections (the order to fulfil, the money pending, the sales charts, a held payout and its reason), the
orders list, the order's page and the payouts page; and the seller's listings, the listing form and the
business profile.
"""

from __future__ import annotations

import gettext
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.conf import settings

from logistics.customs.tasks import documents_generate
from marketplace.listings.models import Listing
from marketplace.orders.models import Order
from marketplace.payouts.models import Payout
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.orders.conftest import lane
from tests.marketplace.sellers.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = date(2026, 10, 30)
LANGUAGES = {"es": "es", "fr": "fr", "sw": "sw", "zh-hans": "zh_Hans"}  # language code: catalogue folder
ADDRESS_DE = {
    "name": "Anna Schmidt", "street": "Invalidenstraße 117", "city": "Berlin", "postcode": "10115",
    "phone": "+49 30 1234567", "email": "anna@example.com",
}  # fmt: skip

# The page's visible text nodes (and options), outside seller-entered text, scripts and hidden elements.
VISIBLE_TEXTS = """() => {
  const lang = document.documentElement.lang;
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || element.closest("script, style, noscript, template")) continue;
    const marked = element.closest("[lang]");
    if (marked && marked.lang && marked.lang.toLowerCase() !== lang.toLowerCase()) continue;
    const isOption = element.closest("option");
    if (!isOption && !element.getClientRects().length) continue;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    if (text) texts.push(text);
  }
  for (const element of document.querySelectorAll("[placeholder], [aria-label], [title], img[alt]")) {
    for (const name of ["placeholder", "aria-label", "title", "alt"]) {
      const value = element.getAttribute(name);
      if (value) texts.push(value.replace(/\\s+/g, " ").trim());
    }
  }
  texts.push(document.title.split(" · ")[0].trim());
  return texts;
}"""


# A placeholder in a message: %(name)s, %s, %d, {name}.
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdif]|%[sdif]|\{[a-z_0-9]*\}")


class English:
    """The English messages of a catalogue whose translation differs from them: `text in english` holds for
    a text equal to one, or, for a message with placeholders, containing its shape ("“Kiondo” is in your
    cart (1)." for "“%(title)s” is in your cart (%(quantity)s)."), the placeholders standing for anything
    (a text node may go on with another message after it)."""

    def __init__(self, messages: set[str], shapes: list[str]):
        self.messages = messages
        self.shapes = re.compile("|".join(f"(?:{shape})" for shape in shapes)) if shapes else None

    def __contains__(self, text: str) -> bool:
        return text in self.messages or bool(self.shapes and self.shapes.search(text))


def _shape(msgid: str) -> str | None:
    """A regular expression for the texts a message with placeholders shows as; None for one with too few
    words of its own to tell it from other text ("%(a)s: %(b)s")."""
    words = PLACEHOLDER.sub(" ", msgid)
    if len(re.findall(r"[A-Za-z]{3,}", words)) < 2:
        return None
    return ".+?".join(re.escape(part) for part in PLACEHOLDER.split(msgid)).replace("%%", "%")


def _untranslated_messages(folder: str) -> English:
    """The English messages whose translation in `folder`'s compiled catalogue differs from them."""
    mo = Path(settings.BASE_DIR) / "locale" / folder / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as file:
        catalogue = gettext.GNUTranslations(file)._catalog
    translations: dict[str, set[str]] = {}
    for key, translation in catalogue.items():
        msgid = key[0] if isinstance(key, tuple) else key
        msgid = msgid.split("\x04", 1)[-1]  # without its context
        translations.setdefault(msgid, set()).add(translation)
    differing = [
        " ".join(msgid.split())
        for msgid, translated in translations.items()
        if msgid and msgid not in translated
    ]
    plain = {msgid for msgid in differing if not PLACEHOLDER.search(msgid)}
    shapes = [shape for msgid in differing if PLACEHOLDER.search(msgid) and (shape := _shape(msgid))]
    return English(plain, shapes)


def _english_left(page, english: English) -> list[str]:
    texts = page.evaluate(VISIBLE_TEXTS)
    return sorted({text for text in texts if text in english or text.rstrip(":\uff1a") in english})


@pytest.fixture
def world(rates, customs_rules, celery_eager, live_server, monkeypatch, settings) -> Listing:
    """A verified Kenyan seller's basket, two partners to Germany, restrictions that need their labels."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    settings.SITE_URL = live_server.url
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.TEST_GATEWAY_WEBHOOK_SECRET = "whsec_test_browser_languages"
    settings.PLATFORM_IOSS_NUMBER = "IM2760000042"
    monkeypatch.setattr(documents_generate, "run", lambda **kwargs: [])
    lane(price="12.00", days=(5, 9))
    lane(partner="rapid", service="express", price="25.00", days=(2, 4))
    return ListingFactory(title="Sisal kiondo basket", restrictions=["liquids", "magnets"])


@pytest.fixture
def tab(browser):
    """A tab whose language is chosen per test through the switcher's cookie; Accept-Language is German, so
    Germany and EUR are the defaults."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="de-DE", timezone_id="Europe/Berlin"
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _visit(page, url: str, state: str, english: English, audit, found: dict[str, list[str]]) -> None:
    if url:
        page.goto(url)
    page.wait_for_load_state()
    left = _english_left(page, english)
    if left:
        found[state] = left
    audit(page, state)


def _choose(page, base: str, code: str) -> None:
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "url": base}])


def _log_in(page, base: str, code: str, email: str, english: English, audit, found) -> None:
    page.context.clear_cookies()
    _choose(page, base, code)
    page.goto(f"{base}/accounts/login/")
    _visit(page, "", "log-in", english, audit, found)
    page.fill("input[name=username], input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def _fits_a_phone(page) -> bool:
    """Whether the page, at a 412 px phone's width, has nothing that makes it scroll sideways."""
    page.set_viewport_size({"width": 412, "height": 900})
    try:
        return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def _held_payout(listing: Listing) -> Payout:
    """A payout held because the seller has not connected Stripe, stored as marketplace.payouts stores it
    (the reason in English, translated when shown): KES 13,708.50 from EUR 95.00 at 144.30."""
    return Payout.objects.create(
        reference="PO-LANG-0001", seller=listing.seller, method=Payout.Method.STRIPE,
        source_currency="EUR", source_amount="95.00", currency="KES", amount="13708.50",
        fx_rate="144.30", fx_rate_date=TODAY, fx_source="Central Bank of Kenya", platform_fee_amount="5.00",
        status=Payout.Status.HELD,
        hold_reason="Payouts are not set up: connect a Stripe account on the payouts page.",
    )  # fmt: skip


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_a_buyer_pays_and_the_seller_handles_the_order_with_no_english(
    tab, live_server, world, code, screenshots, audit
):
    # given a buyer who chose the language
    base = live_server.url
    _choose(tab, base, code)
    english = _untranslated_messages(LANGUAGES[code])
    assert "All categories" in english  # the check knows the catalogue's English
    found: dict[str, list[str]] = {}
    # when they go from the catalogue to the listing, the cart and checkout's steps
    _visit(tab, f"{base}/", "catalogue", english, audit, found)
    assert tab.get_attribute("html", "lang") == code
    _visit(tab, base + world.get_absolute_url(), "listing", english, audit, found)
    screenshots(tab, f"listing-{code}")
    tab.click("#add-to-cart")
    tab.wait_for_url("**/cart/")
    _visit(tab, "", "cart", english, audit, found)
    tab.click("#checkout-button")
    tab.wait_for_url("**/checkout/address/")
    _visit(tab, "", "address", english, audit, found)
    for field, value in ADDRESS_DE.items():
        tab.fill(f"[name={field}]", value)
    tab.click("#address-continue")
    tab.wait_for_url("**/checkout/shipping/")
    _visit(tab, "", "shipping", english, audit, found)
    tab.click("#shipping-continue")
    tab.wait_for_url("**/checkout/review/")
    _visit(tab, "", "review", english, audit, found)
    screenshots(tab, f"review-{code}")
    # and pay on the test gateway's page with the card that succeeds
    tab.click("#pay-button")
    tab.wait_for_url("**/payments/test/**")
    _visit(tab, "", "test gateway", english, audit, found)
    tab.fill("#card_number", "4242 4242 4242 4242")
    tab.click(".test-gateway form button[type=submit]")
    # then they land on their paid order's page, in their language too
    tab.wait_for_url("**/orders/*/?t=*")
    assert tab.locator("#order-status").get_attribute("data-status") == "paid"
    _visit(tab, "", "paid order", english, audit, found)
    assert _fits_a_phone(tab)
    screenshots(tab, f"order-paid-{code}")
    order = Order.objects.get()
    # paid on the test's day (the pages' clock is set to it; the payment took the real one)
    Order.objects.filter(pk=order.pk).update(paid_at=datetime(2026, 10, 30, 11, 0, tzinfo=UTC))
    # when the seller, in the same language, logs in with the order to send and a payout held
    payout = _held_payout(world)
    _log_in(tab, base, code, world.seller.user.email, english, audit, found)
    # and opens the dashboard: the order to fulfil, the money pending, the sales, the held payout
    _visit(tab, f"{base}/sell/", "dashboard with orders", english, audit, found)
    assert tab.locator(f"#orders-to-fulfil-{order.reference}").count() == 1
    assert tab.locator("#balances [data-currency=EUR]").count() == 1
    assert tab.locator("#dashboard-sales figure.chart").count() >= 1
    assert tab.locator(f"[data-held={payout.reference}]").count() == 1
    assert _fits_a_phone(tab)
    screenshots(tab, f"dashboard-{code}")
    # and the orders list, the order's page and the payouts page
    _visit(tab, f"{base}/sell/orders/", "seller's orders", english, audit, found)
    assert tab.locator(f"#order-{order.reference}").count() == 1
    _visit(tab, f"{base}/sell/orders/{order.reference}/", "seller's order", english, audit, found)
    assert _fits_a_phone(tab)
    screenshots(tab, f"seller-order-{code}")
    _visit(tab, f"{base}/sell/payouts/", "payouts", english, audit, found)
    assert tab.locator(f"#payout-{payout.reference} [data-status=held]").count() == 1
    assert _fits_a_phone(tab)  # the payouts table scrolls in its own region
    screenshots(tab, f"payouts-{code}")
    # then no interface string was left in English on any of them
    assert found == {}


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_a_seller_sees_no_english_on_their_pages(tab, live_server, world, code, screenshots, audit):
    # given the basket's seller, logged in, in the language they chose
    base = live_server.url
    _choose(tab, base, code)
    english = _untranslated_messages(LANGUAGES[code])
    found: dict[str, list[str]] = {}
    tab.goto(f"{base}/accounts/login/")
    _visit(tab, "", "log-in", english, audit, found)
    tab.fill("input[name=username], input[name=email]", world.seller.user.email)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("main button[type=submit]")
    tab.wait_for_load_state()
    # when they open their dashboard, listings, a listing's form and their business profile
    for path, state in [
        ("/sell/", "dashboard"),
        ("/sell/listings/", "listings"),
        ("/sell/listings/new/", "new listing"),
        ("/sell/onboarding/business/", "business profile"),
    ]:
        _visit(tab, base + path, state, english, audit, found)
    screenshots(tab, f"business-profile-{code}")
    # then none of them shows an interface string in English
    assert found == {}
