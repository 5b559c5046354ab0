"""Checkout quotes import tax with the delivery address's province (ISO 3166-2), which the listing page
does not know: Ontario's HST replaces GST.

Worked by hand (rates of 2026-10-30: 1 EUR = 144.30 KES = 1.5606 CAD; seeded rules): the Kenyan basket,
KES 3,200 -> 3200 x 1.5606 / 144.30 = 34.6079 -> CAD 34.61, shipped for EUR 12.00 = 18.7272 -> CAD 18.73
(DAP). Over CAD 20: duty at Canada's default 6 % (an estimate) on the value for duty, 34.61 x 6 % = 2.0766
-> 2.08; tax on 34.61 + 2.08 = 36.69 (shipping left out): HST 13 % in Ontario = 4.7697 -> 4.77 (GST alone
would be 5 % = 1.8345 -> 1.83). Both paid to the carrier on delivery: 6.85. Total 34.61 + 18.73 + 6.85 =
60.19; paid now 53.34.
"""

import pytest

from ewtp.fx.services import fx_rates_import
from tests.marketplace.listings.factories import ListingFactory
from tests.marketplace.orders.conftest import lane

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cad(rates):
    fx_rates_import(data=b"Date,CAD,\n2026-10-30,1.5606,\n", origin="test")  # the ECB's rate that day


ADDRESS_ON = {
    "name": "Sam Tremblay", "street": "100 Queen Street West", "city": "Toronto", "postcode": "M5H 2N2",
    "country": "CA", "state": "CA-ON", "phone": "+1 416 392 2489", "email": "sam@example.ca",
}  # fmt: skip


def test_the_checkout_applies_the_provinces_own_tax(buyer):
    # given a Kenyan basket with a lane to Canada
    lane(destination="CA")
    buyer.add(ListingFactory())
    # when a buyer in Ontario reaches the review, paying in CAD
    review = buyer.checkout(address=ADDRESS_ON, currency="CAD")
    # then the quote was made for Ontario: HST, not GST, and no note that the province is unknown
    order = review.context["snapshot"]["orders"][0]
    landed = order["landed"]
    assert landed["subdivision"] == "CA-ON"
    assert [figure["label"] for figure in landed["figures"]] == [
        "Duty line 1 (HS 460219)",
        "HST 13 % (CA-ON)",
    ]
    figures = ("items", "duties", "taxes", "due_on_delivery", "total", "due_at_checkout")
    assert [order[k] for k in figures] == ["34.61", "2.08", "4.77", "6.85", "60.19", "53.34"]
    assert "subdivision_unknown" not in [note["code"] for note in landed["notes"]]
    # and the page names the law with its link, and the estimate
    page = review.content.decode()
    assert "Canada Revenue Agency: HST 13 % in Ontario" in page and 'href="https://www.canada.ca/' in page
    assert "Estimate: Duty line 1 (HS 460219): this rate is not confirmed." in page
