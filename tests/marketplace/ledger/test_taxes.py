"""Taxes collected at sale can be read per destination, regime and period for a return (IOSS, UK VAT...)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ewtp.money import Money
from marketplace.ledger.taxes import TaxesCollected, tax_regime, taxes_collected
from tests.marketplace.ledger.test_duties import ORDER_US_DDP, paid_in
from tests.marketplace.ledger.test_refunds import paid, refund
from tests.marketplace.ledger.test_sales import ORDER_A, ORDER_B

pytestmark = pytest.mark.django_db

UK = {"items": "40.00", "shipping": "8.00", "taxes": "9.60", "taxes_at_checkout": True}


def test_the_regime_follows_the_destination_and_whether_the_platform_collected_at_sale():
    assert tax_regime(ship_to="DE", tax_collected_at_sale=True) == "ioss"
    assert tax_regime(ship_to="FR", tax_collected_at_sale=True) == "ioss"
    assert tax_regime(ship_to="GB", tax_collected_at_sale=True) == "uk_vat"
    assert tax_regime(ship_to="NO", tax_collected_at_sale=True) == "voec"
    assert tax_regime(ship_to="US", tax_collected_at_sale=False) == "import_tax"


def test_an_ioss_return_reads_the_vat_collected_less_refunds_in_the_period(gateway):
    from tests.marketplace.ledger.world import Sale

    # given two German orders (VAT 7.06 and 10.80 collected under IOSS), a UK one (GBP 9.60) and a US DDP one
    payment, (a, _b) = paid(ORDER_A, ORDER_B)
    paid_in(Sale(**UK, landed_currency="GBP"), currency="GBP", ship_to="GB")
    paid_in(ORDER_US_DDP, currency="USD", ship_to="US")
    # and EUR 10.00 of order A refunded, 1.71 of it VAT (see test_refunds.py)
    refund(payment, a, "10.00", refunded_in_all=1000)
    now = timezone.now()
    start, end = now - timedelta(days=1), now + timedelta(days=1)
    # then Germany's IOSS return: 7.06 + 10.80 = 17.86 collected, 1.71 refunded, 16.15 net
    [de] = taxes_collected("ioss", "DE", start, end)
    assert de == TaxesCollected("EUR", Money("17.86", "EUR"), Money("1.71", "EUR"))
    assert de.net == Money("16.15", "EUR")
    # and the UK's return reads its GBP 9.60, the US duty its USD 7.20; France has nothing
    assert taxes_collected("uk_vat", "GB", start, end)[0].collected == Money("9.60", "GBP")
    assert taxes_collected("duty", "US", start, end)[0].collected == Money("7.20", "USD")
    assert taxes_collected("ioss", "FR", start, end) == []
    # and a period that ended before the sales holds none of them (the end is excluded)
    assert taxes_collected("ioss", "DE", start - timedelta(days=30), start) == []
