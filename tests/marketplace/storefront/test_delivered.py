"""A listing's page shows what it costs delivered to the buyer's country: shipping, duty, import VAT, total.

Worked by hand with the rates of 2026-10-30 (1 EUR = 144.30 KES, 175.68 JPY) and the seeded rules. The
basket is one Kenyan basket (KES 3,200, HS 4602.19, 35 x 35 x 30 cm: 7.35 kg chargeable) shipped to Germany
for EUR 12.00: item 3200 / 144.30 = 22.1760 -> EUR 22.18, under EUR 150, so VAT is collected at sale; duty
is the flat EUR 3.00 per tariff subheading (from 2026-07-01); VAT 19 % of (22.18 + 12.00 + 3.00) = 7.0642
-> 7.06. Total 22.18 + 12.00 + 3.00 + 7.06 = EUR 44.24.
"""

from datetime import date
from decimal import Decimal

import pytest

from ewtp.money import Money
from logistics.partners.models import Partner, RateCard, WeightBand
from marketplace.listings.models import Listing
from marketplace.pricing.errors import PricingErrorCode
from tests.marketplace.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(rates, customs_rules, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 10, 30))


def _lane(destination: str = "DE", *, ddp: bool = False, up_to_kg: str = "10", price: str = "12.00") -> None:
    partner, _ = Partner.objects.get_or_create(slug="swift", defaults={"name": "Swift Parcel"})
    card = RateCard.objects.create(
        partner=partner, origin_country="KE", destination_country=destination, service_level="standard",
        currency="EUR", transit_days_min=5, transit_days_max=9, ddp_offered=ddp,
    )  # fmt: skip
    WeightBand.objects.create(rate_card=card, max_weight_kg=Decimal(up_to_kg), price=Decimal(price))


def _response(client, listing, **params):
    response = client.get(
        listing.get_absolute_url(), params, HTTP_ACCEPT_LANGUAGE=params.pop("language", "en")
    )
    assert response.status_code == 200
    return response


def _page(client, listing, **params):
    """The delivered cost the page shows, and the page's text."""
    response = _response(client, listing, **params)
    return response.context["delivered"], " ".join(response.content.decode().split())


def _error(client, listing, **params):
    """Why the page shows no delivered cost (a PricingErrorCode), and the page's text."""
    response = _response(client, listing, **params)
    assert response.context["delivered"] is None
    return response.context["delivered_error"], " ".join(response.content.decode().split())


def test_delivered_to_germany_duty_paid_on_delivery_when_the_partner_cannot_deliver_duty_paid(client):
    # given a partner that does not offer DDP
    _lane(ddp=False)
    listing = ListingFactory()
    # when
    delivered, page = _page(client, listing, ship_to="DE", currency="EUR")
    # then
    euros = [Money(a, "EUR") for a in ("22.18", "12.00", "3.00", "7.06", "0", "44.24")]
    assert [delivered.items, delivered.shipping.price, delivered.duties, delivered.taxes, delivered.fees,
            delivered.total] == euros  # fmt: skip
    # VAT is collected at sale (IOSS) whatever the incoterm, and the flat duty with it (never split)
    assert (delivered.due_at_checkout, delivered.due_on_delivery) == (
        Money("44.24", "EUR"),
        Money("0", "EUR"),
    )
    assert "Delivered to Germany" in page and 'Total delivered</th><td class="num">≈ €44.24' in page
    assert "Shipping: Swift Parcel, 5–9 days (cheapest)" in page  # noqa: RUF001 - an en dash, as printed
    assert "You pay ≈ €44.24 at checkout; nothing more on delivery." in page
    assert "Import VAT is collected at checkout" in page
    # where each figure comes from, with its date
    assert "VAT 19 %: €7.06" in page and "in force from 07/01/2026" in page  # en: m/d/Y


def test_delivered_duty_paid_leaves_nothing_to_pay_on_delivery(client):
    _lane(ddp=True)
    delivered, page = _page(client, ListingFactory(), ship_to="DE", currency="EUR")
    assert (delivered.due_at_checkout, delivered.due_on_delivery) == (
        Money("44.24", "EUR"),
        Money("0", "EUR"),
    )
    assert "You pay ≈ €44.24 at checkout; nothing more on delivery." in page


def test_in_another_currency_the_border_charges_are_converted_once_and_every_line_adds_up(client):
    # given a buyer in Germany browsing in yen
    _lane(ddp=False)
    # when
    delivered, page = _page(client, ListingFactory(), ship_to="DE", currency="JPY")
    # then: EUR 10.06 of charges = 10.06 x 175.68 = 1767.34 -> ¥1,767, split 3.00 : 7.06 by largest
    # remainder (526.94 -> 527, 1240.06 -> 1240); item ¥3,896; shipping 12 x 175.68 = 2108.16 -> ¥2,108
    yen = [Money(a, "JPY") for a in ("3896", "2108", "527", "1240", "0", "7771")]
    assert [delivered.items, delivered.shipping.price, delivered.duties, delivered.taxes, delivered.fees,
            delivered.total] == yen  # fmt: skip
    assert delivered.items + delivered.shipping.price + delivered.duties + delivered.taxes == delivered.total
    assert (delivered.due_at_checkout, delivered.due_on_delivery) == (
        Money("7771", "JPY"),
        Money("0", "JPY"),
    )
    assert "Customs assess these charges in their own currency: €10.06." in page


def test_no_panel_within_the_sellers_country_or_to_a_country_the_seller_does_not_ship_to(client):
    _lane("DE")
    listing = ListingFactory()
    assert _page(client, listing, ship_to="KE", currency="EUR")[0] is None
    delivered, page = _page(client, listing, ship_to="JP", currency="EUR")
    assert delivered is None and "Does not ship to Japan yet" in page


def test_a_parcel_heavier_than_every_band_says_the_route_cannot_be_shipped(client):
    _lane(up_to_kg="5")  # the basket's chargeable weight is 7.35 kg
    error, page = _error(client, ListingFactory(), ship_to="DE", currency="EUR")
    assert error == PricingErrorCode.ROUTE_MISSING and "We can't ship this route yet." in page
    assert "Total delivered" not in page


def test_a_destination_without_import_rules_says_so_instead_of_guessing(client):
    _lane("ZA")
    error, page = _error(client, ListingFactory(), ship_to="ZA", currency="EUR")
    assert error == PricingErrorCode.IMPORT_RULES_MISSING
    assert "We can't estimate import duties and taxes for South Africa yet" in page
    assert "Total delivered" not in page


def test_a_listing_in_a_currency_without_a_rate_says_a_rate_is_missing(client):
    _lane("DE")
    listing = ListingFactory(price_currency="PEN")  # no PEN rate in these tests
    error, page = _error(client, listing, ship_to="DE", currency="EUR")
    assert error == PricingErrorCode.EXCHANGE_RATE_MISSING
    assert "We are missing an exchange rate needed to work out the delivered price." in page


def test_the_panel_is_translated(client):
    _lane(ddp=True)
    page = _page(client, ListingFactory(), ship_to="DE", currency="EUR", language="zh-hans")[1]
    assert "送达德国" in page and "含税到手价" in page and "计算方式" in page
    assert "送达总价" not in page  # the delivered total is 含税到手价, what a Chinese buyer expects


def test_what_is_paid_on_delivery_is_exactly_the_lines_left_to_the_carrier(client):
    # given a price whose charges split with ties in a three-decimal currency (the case a review found)
    _lane(ddp=False, price="10.00")
    listing = ListingFactory(price_amount=Decimal("403.00"))
    # when
    delivered, _page_text = _page(client, listing, ship_to="DE", currency="KWD")
    # then: VAT at checkout (collection at sale) and the flat duty with it, even DAP: every line at checkout
    assert delivered.due_on_delivery == Money("0", "KWD") and delivered.duties.currency == "KWD"
    assert delivered.due_at_checkout == (
        delivered.items + delivered.shipping.price + delivered.duties + delivered.taxes
    )


def test_customs_figures_do_not_depend_on_the_currency_the_buyer_browses_in(client):
    _lane(ddp=False)
    listing = ListingFactory()
    assessed = {currency: _page(client, listing, ship_to="DE", currency=currency)[0].assessed
                for currency in ("EUR", "JPY", "USD", "GBP", "KWD")}  # fmt: skip
    assert set(assessed.values()) == {Money("10.06", "EUR")}


def test_under_a_de_minimis_nothing_is_assessed_and_the_page_says_why(client):
    # Japan: a customs value up to JPY 10,000 is exempt; ¥3,896 of basket is
    _lane("JP")
    delivered, page = _page(client, ListingFactory(), ship_to="JP", currency="EUR")
    assert (delivered.duties, delivered.taxes, delivered.due_on_delivery) == (Money("0", "EUR"),) * 3
    assert "Under the low-value threshold: no duty or import tax." in page
    assert "Import duty" not in page and "Customs assess" not in page


def test_a_rate_card_in_a_currency_without_a_rate_is_a_missing_rate_not_an_error(client):
    partner = Partner.objects.create(slug="rand", name="Rand Express")
    card = RateCard.objects.create(
        partner=partner, origin_country="KE", destination_country="DE", service_level="standard",
        currency="ZAR", transit_days_min=3, transit_days_max=6,
    )  # fmt: skip
    WeightBand.objects.create(rate_card=card, max_weight_kg=Decimal("10"), price=Decimal("250"))
    error, page = _error(client, ListingFactory(), ship_to="DE", currency="EUR")
    assert error == PricingErrorCode.EXCHANGE_RATE_MISSING and "missing an exchange rate" in page


def test_a_listing_the_lanes_cannot_price_or_quote_says_so_instead_of_failing(client):
    # rows the listing form would refuse, as an import or an old row might hold them
    _lane()
    weightless = ListingFactory()
    Listing.objects.filter(pk=weightless.pk).update(net_weight_kg=0, length_cm=0)
    assert _error(client, weightless, ship_to="DE", currency="EUR")[0] == PricingErrorCode.ROUTE_MISSING
    unclassified = ListingFactory()
    Listing.objects.filter(pk=unclassified.pk).update(hs_code="46")
    error, page = _error(client, unclassified, ship_to="DE", currency="EUR")
    assert error == PricingErrorCode.DELIVERED_COST_UNAVAILABLE
    assert "We can't work out the import charges for this item yet." in page
