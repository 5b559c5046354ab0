"""Keyboard and screen-reader use in a real browser, beyond what the journeys cover: the skip link, the focus
ring on a catalogue card, a search's page, a form's error summary taking the focus, and the seller's
listings table on a phone. Each page is audited with axe-core at 412 and 1280 px (the `audit` fixture)."""

from datetime import date

import pytest

from marketplace.listings.services import listing_photo_add
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.listings.images import png_upload
from tests.marketplace.sellers.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def listings(rates, monkeypatch, settings, tmp_path):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 10, 30))
    settings.MEDIA_ROOT = tmp_path
    made = [ListingFactory(title=f"Sisal kiondo basket {n}") for n in range(6)]
    for listing in made:
        listing_photo_add(listing=listing, upload=png_upload(size=(640, 480), color=(180, 120, 40)))
    return made


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 412, "height": 900}, locale="en-GB")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement, s = getComputedStyle(e);
        return {id: e.id, tag: e.tagName, cls: e.className, text: e.innerText,
                outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                parentOverflow: e.parentElement ? getComputedStyle(e.parentElement).overflow : ''}; }"""
    )


def _overflows(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")


def test_a_keyboard_user_skips_to_the_catalogue_and_sees_the_focus_on_a_card(
    phone, live_server, listings, screenshots, audit
):
    # given the catalogue on a phone
    phone.goto(f"{live_server.url}/")
    audit(phone, "catalogue")
    # when the first Tab lands on the skip link, shown, and Enter follows it
    phone.keyboard.press("Tab")
    assert _focused(phone)["text"] == "Skip to main content"
    assert phone.locator(".skip-link").bounding_box()["y"] >= 0  # moved on screen when focused
    phone.keyboard.press("Enter")
    assert _focused(phone)["id"] == "main"
    # and Tab goes on through the filters to the first card
    for _ in range(20):
        phone.keyboard.press("Tab")
        if phone.evaluate("() => !!document.activeElement.closest('.card')"):
            break
    focused = _focused(phone)
    # then the card's link has a 3 px ring that its card does not clip
    assert (focused["tag"], focused["outline"], focused["width"]) == ("A", "solid", 3)
    assert focused["parentOverflow"] == "visible"
    screenshots(phone, "card-focused")
    assert not _overflows(phone)


def test_a_search_has_its_own_heading_and_title(phone, live_server, listings, audit):
    phone.goto(f"{live_server.url}/?q=kiondo")
    assert phone.title() == "Search results for “kiondo” · EWTP"
    assert phone.locator("h1").inner_text() == "Search results for “kiondo”"
    audit(phone, "search results")


def test_a_sign_up_with_errors_puts_the_focus_on_the_summary(phone, live_server, screenshots, audit):
    phone.goto(f"{live_server.url}/accounts/signup/")
    phone.click("main button[type=submit]")
    phone.wait_for_load_state()
    assert phone.title().startswith("Error: ")
    assert _focused(phone)["id"] == "error-summary"
    screenshots(phone, "signup-errors")
    audit(phone, "sign-up with errors")
    # a link of the summary takes the keyboard to its field
    phone.click("#error-summary a[href='#id_email']")
    assert _focused(phone)["id"] == "id_email"


def test_a_seller_reads_her_listings_table_on_a_phone_without_the_page_scrolling_sideways(
    phone, live_server, listings, screenshots, audit
):
    phone.goto(f"{live_server.url}/accounts/login/")
    phone.fill("input[name=username]", listings[0].seller.user.email)
    phone.fill("input[name=password]", "wrong password")
    phone.click("main button[type=submit]")
    phone.wait_for_load_state()
    assert _focused(phone)["id"] == "error-summary"
    audit(phone, "log-in with errors")
    phone.fill("input[name=username]", listings[0].seller.user.email)
    phone.fill("input[name=password]", PASSWORD)
    phone.click("main button[type=submit]")
    phone.wait_for_load_state()
    phone.goto(f"{live_server.url}/sell/listings/")
    assert phone.locator("#listings-table th").last.inner_text() == "Action"
    assert not _overflows(phone)
    screenshots(phone, "listings-table")
    audit(phone, "seller's listings")
    phone.goto(f"{live_server.url}/sell/listings/{listings[0].pk}/")
    audit(phone, "listing edit")
    phone.goto(f"{live_server.url}/sell/listings/import/")
    audit(phone, "CSV import")
    phone.goto(f"{live_server.url}/sell/listings/hs-codes/?q=basket")
    audit(phone, "HS code finder")
