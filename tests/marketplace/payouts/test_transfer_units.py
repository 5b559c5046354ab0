"""The amount a Connect transfer sends is in Stripe's units, not ISO minor units: the same for KES or EUR, but
ISK (no decimals for ISO) is still sent to Stripe with two (marketplace.payments.amounts)."""

from datetime import date
from decimal import Decimal

import pytest

from marketplace.payouts.models import Payout
from marketplace.payouts.transfers import payout_transfer
from tests.marketplace.payouts.conftest import ACCOUNT_OK
from tests.marketplace.payouts.test_stripe import ACCOUNT, TRANSFER, TRANSFERS

pytestmark = pytest.mark.django_db


def test_an_isk_payout_is_transferred_in_stripes_units(seller, stripe_recorded):
    # given a created payout of ISK 14,000 to a seller with a Stripe account
    seller.stripe_account_id = "acct_1Seller"
    seller.save(update_fields=["stripe_account_id"])
    payout = Payout.objects.create(
        reference="PO-ISK0-0000-0001", seller=seller, method=Payout.Method.STRIPE, source_currency="EUR",
        source_amount=Decimal("100.00"), currency="ISK", amount=Decimal("14000"), fx_rate=Decimal("140"),
        fx_rate_date=date(2026, 10, 30), fx_source="ECB", platform_fee_amount=Decimal("5.00"),
    )  # fmt: skip
    http = stripe_recorded({ACCOUNT: (200, ACCOUNT_OK), TRANSFERS: (200, TRANSFER)})
    # when its transfer is made
    payout_transfer(payout_id=payout.pk)
    # then Stripe is asked for 14,000 x 100 = 1,400,000 (ISK with Stripe's two legacy decimals), in isk
    form = http.form()
    assert (form["amount"], form["currency"]) == ("1400000", "isk")
    payout.refresh_from_db()
    assert payout.status == Payout.Status.PAID
