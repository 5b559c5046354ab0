"""Forms that screen readers and keyboards can use: an error summary that takes the focus and links to each
field, titles that start with "Error:", help texts and errors that aria-describedby can find, the sign-up
radio group's error linked to the group, and the autocomplete tokens of names, e-mails and addresses."""

import pytest

from marketplace.orders.forms import AddressForm
from tests.marketplace.a11y.markup import describedby_missing, elements, find
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.sellers.factories import SellerFactory

pytestmark = pytest.mark.django_db


def _title(html: str) -> str:
    return " ".join(find(html, "title")[0].text.split())


def test_signup_with_errors_has_a_focused_summary_linking_each_field_and_an_error_title(client):
    html = client.post("/accounts/signup/", {"email": "not-an-e-mail", "intent": ""}).content.decode()
    assert _title(html).startswith("Error: Sign up")
    summary = find(html, "div", id="error-summary")[0]
    assert summary.attrs["tabindex"] == "-1" and summary.attrs["aria-labelledby"] == "error-summary-title"
    assert 'document.getElementById("error-summary").focus();' in html
    links = [
        e.attrs["href"] for e in elements(html) if e.tag == "a" and e.attrs.get("href", "").startswith("#id_")
    ]
    # the e-mail, the name, the radio group (its first radio), both passwords
    assert links == ["#id_email", "#id_full_name", "#id_intent_0", "#id_password1", "#id_password2"]
    assert "E-mail address: Enter a valid email address." in summary.text


def test_no_error_list_is_a_live_region(client):
    html = client.post(
        "/accounts/login/", {"username": "x@example.com", "password": "wrong"}
    ).content.decode()
    assert find(html, "div", id="error-summary")  # the log-in failure is in the summary
    assert not [e for e in elements(html) if e.tag == "ul" and e.attrs.get("role") == "alert"]


def test_a_form_without_errors_has_no_summary_and_a_plain_title(client):
    html = client.get("/accounts/signup/").content.decode()
    assert not find(html, "div", id="error-summary")
    assert _title(html) == "Sign up · EWTP"


def test_the_signup_radio_groups_error_is_linked_to_the_group(client):
    html = client.post("/accounts/signup/", {"intent": "neither"}).content.decode()
    fieldset = next(e for e in elements(html) if e.tag == "fieldset")
    assert fieldset.attrs["aria-describedby"] == "id_intent_error"
    assert find(html, "ul", id="id_intent_error")


@pytest.mark.parametrize("data", [{}, {"email": "bad", "password1": "1"}])
def test_every_aria_describedby_of_signup_names_an_element(client, data):
    html = (
        client.post("/accounts/signup/", data) if data else client.get("/accounts/signup/")
    ).content.decode()
    assert "aria-describedby" in html
    assert describedby_missing(html) == []


def test_the_seller_profile_help_texts_have_the_ids_their_fields_point_at(client):
    seller = SellerFactory()
    client.force_login(seller.user)
    html = client.get("/sell/onboarding/business/").content.decode()
    described = [e for e in elements(html) if "aria-describedby" in e.attrs]
    assert len(described) >= 6  # trading name, country, registration, VAT, EORI, phone ...
    assert describedby_missing(html) == []
    assert find(html, "span", id="id_legal_name_helptext")[0].text == "As registered."
    html = client.post("/sell/onboarding/business/", {"legal_name": ""}).content.decode()
    assert _title(html).startswith("Error:")
    assert describedby_missing(html) == []


def test_the_listing_form_links_help_and_errors_and_its_hs_finder_says_it_opens_a_new_tab(client):
    seller = SellerFactory(verified=True, country="KE")
    client.force_login(seller.user)
    html = client.post("/sell/listings/new/", {"title": ""}).content.decode()
    assert _title(html).startswith("Error:")
    assert find(html, "div", id="error-summary")
    assert describedby_missing(html) == []
    finder = next(e for e in find(html, "a") if e.attrs.get("target") == "_blank")
    assert " ".join(finder.text.split()) == "Find the code by words (opens in a new tab)"
    assert "new-tab" in finder.attrs["class"]  # .new-tab: at least 24 px tall (site.css)


def test_the_photo_form_on_a_listings_page_points_at_its_help_text(client):
    listing = ListingFactory()
    client.force_login(listing.seller.user)
    html = client.get(f"/sell/listings/{listing.pk}/").content.decode()
    assert describedby_missing(html) == []
    assert find(html, "span", id="id_photo_helptext")


def _autocomplete(html: str) -> dict[str, str]:
    return {
        e.attrs["name"]: e.attrs.get("autocomplete", "")
        for e in elements(html)
        if e.tag in ("input", "select") and e.attrs.get("type") not in ("hidden", "radio", "submit")
    }


def test_signup_fields_say_what_they_are_for(client):
    fields = _autocomplete(client.get("/accounts/signup/").content.decode())
    assert fields == {
        "email": "email",
        "full_name": "name",
        "country": "country",
        "password1": "new-password",
        "password2": "new-password",
        "language": "",
    }  # fmt: skip (language: the header's switcher, not a personal field)


def test_the_business_address_fields_say_what_they_are_for(client):
    client.force_login(SellerFactory().user)
    fields = _autocomplete(client.get("/sell/onboarding/business/").content.decode())
    address = ("phone", "address_line1", "address_line2", "city", "postcode")
    assert {name: fields[name] for name in address} == {
        "phone": "tel", "address_line1": "address-line1", "address_line2": "address-line2",
        "city": "address-level2", "postcode": "postal-code",
    }  # fmt: skip
    assert (fields["country"], fields["region"], fields["legal_name"]) == (
        "country",
        "address-level1",
        "organization",
    )


def test_checkout_address_fields_say_what_they_are_for():
    fields = _autocomplete(AddressForm().as_div())
    assert fields == {
        "name": "name", "street": "street-address", "city": "address-level2", "postcode": "postal-code",
        "country": "country", "state": "address-level1", "phone": "tel", "email": "email",
    }  # fmt: skip
