"""Landed cost per destination: one table of hand-worked quotes, each value at and just over a threshold.

Rates (1 EUR = x) on 2026-10-30: USD 1.1172, BRL 6.0692, SEK 10.978, MXN 21.1237. Every figure is rounded
half up to the destination currency's exponent once; total = goods + shipping + duties + taxes + fees.
"""

from datetime import date
from decimal import Decimal

import pytest

from ewtp.money import Money
from logistics.customs.landed_cost import LandedCostLine, landed_cost_quote

OCT = date(2026, 10, 30)
TSHIRT, BAG = "610910", "420222"


def line(value: str, currency: str, hs=TSHIRT, origin="CN", quantity=1) -> LandedCostLine:
    return LandedCostLine(
        hs_code=hs, origin_country=origin, unit_value=Money(value, currency), quantity=quantity
    )


# (id, destination, date, lines, shipping, incoterm, origin,
#  rule, duties, taxes, fees, total, due at checkout, due on delivery)
CASES = [
    # US: USD 800 de minimis until 2025-08-28, inclusive.
    ("us-800-before-switch", "US", date(2025, 8, 28), [line("800.00", "USD")], ("20.00", "USD"), "DDP", None,
     "de_minimis", "0", "0", "0", "820.00", "820.00", "0"),
    # 800.01 > 800: duty on FOB, Chinese T-shirts: 16.5 % + Section 301 List 4A 7.5 % + reciprocal 10 % +
    # IEEPA fentanyl 20 % = 54 %: 800.01 x 54 % = 432.0054 -> 432.01; no federal VAT; 800.01 + 20 + 432.01
    ("us-800.01-before", "US", date(2025, 8, 28), [line("800.01", "USD")], ("20.00", "USD"), "DDP", None,
     "full_duty", "432.01", "0", "0", "1252.02", "1252.02", "0"),
    # From 2025-08-29 no de minimis: 100 x 54 % = 54.00 duty, DAP: payable on delivery.
    ("us-after-switch", "US", date(2025, 8, 29), [line("100.00", "USD")], ("10.00", "USD"), "DAP", None,
     "full_duty", "54.00", "0", "0", "164.00", "110.00", "54.00"),
    # UK: up to GBP 135 VAT collected at sale: (135 + 4.99) x 20 % = 27.998 -> 28.00, at checkout even if DAP.
    ("gb-135", "GB", OCT, [line("135.00", "GBP")], ("4.99", "GBP"), "DAP", None,
     "collection_at_sale", "0", "28.00", "0", "167.99", "167.99", "0"),
    # 135.01: duty (135.01 + 5) x 12 % = 16.8012 -> 16.80; VAT (135.01 + 5 + 16.80) x 20 % = 31.362 -> 31.36;
    # DAP: carrier fee GBP 8; total 135.01 + 5 + 16.80 + 31.36 + 8 = 196.17
    ("gb-135.01-dap", "GB", OCT, [line("135.01", "GBP")], ("5.00", "GBP"), "DAP", None,
     "full_duty", "16.80", "31.36", "8.00", "196.17", "140.01", "56.16"),
    # CA: CAD 20 by post free of duty and tax.
    ("ca-20", "CA", OCT, [line("20.00", "CAD")], ("8.00", "CAD"), "DDP", None,
     "de_minimis", "0", "0", "0", "28.00", "28.00", "0"),
    # 20.01: duty on FOB 20.01 x 18 % = 3.6018 -> 3.60; GST (20.01 + 3.60) x 5 % = 1.1805 -> 1.18 (no freight)
    ("ca-20.01", "CA", OCT, [line("20.01", "CAD")], ("8.00", "CAD"), "DDP", None,
     "full_duty", "3.60", "1.18", "0", "32.79", "32.79", "0"),
    # AU: up to AUD 1,000 GST at sale: (1000 + 25) x 10 % = 102.50
    ("au-1000", "AU", OCT, [line("1000.00", "AUD", hs=BAG)], ("25.00", "AUD"), "DDP", None,
     "collection_at_sale", "0", "102.50", "0", "1127.50", "1127.50", "0"),
    # 1000.01: duty FOB 1000.01 x 5 % = 50.0005 -> 50.00; GST (1000.01 + 50 + 25) x 10 % = 107.501 -> 107.50
    ("au-1000.01-dap", "AU", OCT, [line("1000.01", "AUD", hs=BAG)], ("25.00", "AUD"), "DAP", None,
     "full_duty", "50.00", "107.50", "0", "1182.51", "1025.01", "157.50"),
    # CN: cross-border e-commerce up to RMB 5,000 incl. freight: VAT 13 % x 70 % = 9.1 % of 5000 = 455.00
    ("cn-5000", "CN", OCT, [line("4950.00", "CNY", origin="VN")], ("50.00", "CNY"), "DDP", None,
     "collection_at_sale", "0", "455.00", "0", "5455.00", "5455.00", "0"),
    # 5000.01: duty (4950 + 50.01) x 7 % = 350.0007 -> 350.00; VAT (5000.01 + 350) x 13 % = 695.5013 -> 695.50
    ("cn-5000.01", "CN", OCT, [line("4950.00", "CNY", origin="VN")], ("50.01", "CNY"), "DDP", None,
     "full_duty", "350.00", "695.50", "0", "6045.51", "6045.51", "0"),
    # JP: a (textile) bag, personal import valued at 60 % of retail; CIF up to JPY 10,000 exempt:
    # 14000 x 60 % = 8400 + 1600 shipping = 10000.
    ("jp-10000", "JP", OCT, [line("14000", "JPY", hs=BAG)], ("1600", "JPY"), "DDP", None,
     "de_minimis", "0", "0", "0", "15600", "15600", "0"),
    # CIF 8400 + 1601 = 10001: duty 10001 x 3 % = 300.03 -> 300 (down); tax (10001 + 300) x 10 % = 1030.1
    # -> 1030; total 14000 + 1601 + 300 + 1030 = 16931
    ("jp-10001", "JP", OCT, [line("14000", "JPY", hs=BAG)], ("1601", "JPY"), "DDP", None,
     "full_duty", "300", "1030", "0", "16931", "16931", "0"),
    # SG: up to SGD 400 GST 9 % at sale on 410 = 36.90; above, at the border: 410.01 x 9 % = 36.9009 -> 36.90
    ("sg-400", "SG", OCT, [line("400.00", "SGD")], ("10.00", "SGD"), "DDP", None,
     "collection_at_sale", "0", "36.90", "0", "446.90", "446.90", "0"),
    ("sg-400.01", "SG", OCT, [line("400.01", "SGD")], ("10.00", "SGD"), "DAP", None,
     "full_duty", "0", "36.90", "0", "446.91", "410.01", "36.90"),
    # CH: VAT 8.1 %; 61.73 x 8.1 % = 5.00013 -> 5.00, at most CHF 5: nothing levied until 2024-12-31;
    # from 2025-01-01 the platform charges it at sale, CHF 5 or not; 61.80 -> 5.0058 -> 5.01
    ("ch-tax-5.00-2024", "CH", date(2024, 12, 31), [line("61.73", "CHF")], ("0", "CHF"), "DDP", None,
     "full_duty", "0", "0", "0", "61.73", "61.73", "0"),
    ("ch-tax-5.00", "CH", OCT, [line("61.73", "CHF")], ("0", "CHF"), "DAP", None,
     "collection_at_sale", "0", "5.00", "0", "66.73", "66.73", "0"),
    ("ch-tax-5.01", "CH", OCT, [line("61.80", "CHF")], ("0", "CHF"), "DDP", None,
     "collection_at_sale", "0", "5.01", "0", "66.81", "66.81", "0"),
    # NO: VOEC under NOK 3,000: 2999.99 x 25 % = 749.9975 -> 750.00 at sale
    ("no-2999.99", "NO", OCT, [line("2999.99", "NOK")], ("0", "NOK"), "DDP", None,
     "collection_at_sale", "0", "750.00", "0", "3749.99", "3749.99", "0"),
    # 3000 is not under 3000: duty 3000 x 10.7 % = 321.00; VAT (3000 + 321) x 25 % = 830.25
    ("no-3000", "NO", OCT, [line("3000.00", "NOK")], ("0", "NOK"), "DDP", None,
     "full_duty", "321.00", "830.25", "0", "4151.25", "4151.25", "0"),
    # BR: limits in USD incl. freight; 1 USD = 6.0692 / 1.1172 = 5.43250984604 BRL.
    # 45 + 5 = 50.00 USD: 20 %. BRL: 45 -> 244.46, 5 -> 27.16; tax (271.62) x 20 % = 54.324 -> 54.32;
    # ICMS is in its own base ('por dentro'): (271.62 + 54.32) x 17 / 83 = 5540.98 / 83 = 66.7588 -> 66.76,
    # and indeed 17 % of (325.94 + 66.76) = 66.759
    ("br-usd-50", "BR", OCT, [line("45.00", "USD")], ("5.00", "USD"), "DDP", None,
     "flat_rate", "54.32", "66.76", "0", "392.70", "392.70", "0"),
    # 45.01 + 5 = 50.01 USD: 60 % minus USD 20 (108.65 BRL): 45.01 -> 244.52; 271.68 x 60 % - 108.65 = 54.358
    # -> 54.36; ICMS (271.68 + 54.36) x 17 / 83 = 5542.68 / 83 = 66.7793 -> 66.78
    ("br-usd-50.01", "BR", OCT, [line("45.01", "USD")], ("5.00", "USD"), "DDP", None,
     "flat_rate", "54.36", "66.78", "0", "392.82", "392.82", "0"),
    # IN: no de minimis: duty (1000 + 200) x 11 % = 132.00; IGST (1200 + 132) x 18 % = 239.76
    ("in", "IN", OCT, [line("1000.00", "INR")], ("200.00", "INR"), "DDP", None,
     "full_duty", "132.00", "239.76", "0", "1571.76", "1571.76", "0"),
    # MX: before the courier regime (estimate): duty (1000 + 200) x 15 % = 180; IVA (1380) x 16 % = 220.80
    ("mx-2025-08-14", "MX", date(2025, 8, 14), [line("1000.00", "MXN")], ("200.00", "MXN"), "DDP", None,
     "full_duty", "180.00", "220.80", "0", "1600.80", "1600.80", "0"),
    # from 2025-08-15: 33.5 % all-in on 1200 = 402.00
    ("mx-2025-08-15", "MX", date(2025, 8, 15), [line("1000.00", "MXN")], ("200.00", "MXN"), "DDP", None,
     "flat_rate", "402.00", "0", "0", "1602.00", "1602.00", "0"),
    # from the US, up to USD 50 free: 900 MXN x 1.1172 / 21.1237 = 47.60 USD
    ("mx-from-us-47.60-usd", "MX", OCT, [line("900.00", "MXN", origin="US")], ("0", "MXN"), "DDP", "US",
     "de_minimis", "0", "0", "0", "900.00", "900.00", "0"),
    # 1000 MXN = 52.89 USD > 50: US goods do not take the 33.5 % courier rate but the 17 % global rate
    # (all-in, no duty under USMCA): 1000 x 17 % = 170.00
    ("mx-from-us-52.89-usd", "MX", OCT, [line("1000.00", "MXN", origin="US")], ("0", "MXN"), "DDP", "US",
     "flat_rate", "170.00", "0", "0", "1170.00", "1170.00", "0"),
    # SE pays in SEK, the EU limit is EUR 150: 1646.70 SEK / 10.978 = 149.99999... -> 150.00 EUR, at sale;
    # flat EUR 3 = 32.934 -> 32.93 SEK; VAT (1646.70 + 32.93) x 25 % = 419.9075 -> 419.91
    ("se-eur-150", "SE", OCT, [line("1646.70", "SEK")], ("0", "SEK"), "DDP", None,
     "collection_at_sale", "32.93", "419.91", "0", "2099.54", "2099.54", "0"),
    # 1646.80 SEK = 150.01 EUR: duty 12 % = 197.616 -> 197.62;
    # VAT (1646.80 + 197.62) x 25 % = 461.105 -> 461.11
    ("se-eur-150.01", "SE", OCT, [line("1646.80", "SEK")], ("0", "SEK"), "DDP", None,
     "full_duty", "197.62", "461.11", "0", "2305.53", "2305.53", "0"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("destination", "on", "lines", "shipping", "incoterm", "origin", "rule", "duties", "taxes", "fees",
     "total", "checkout", "delivery"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)  # fmt: skip
def test_landed_cost_by_destination(
    customs_rules, quote_rates, destination, on, lines, shipping, incoterm, origin, rule, duties, taxes, fees,
    total, checkout, delivery,
):  # fmt: skip
    # given the seeded rules and the ECB rates of the day
    # when
    quote = landed_cost_quote(
        destination=destination,
        lines=lines,
        shipping=Money(*shipping),
        incoterm=incoterm,
        on=on,
        origin=origin,
    )
    # then
    currency = quote.currency
    assert quote.rule == rule
    assert (quote.duties, quote.taxes, quote.fees) == (
        Money(duties, currency), Money(taxes, currency), Money(fees, currency)
    )  # fmt: skip
    assert (quote.total, quote.due_at_checkout, quote.due_on_delivery) == (
        Money(total, currency), Money(checkout, currency), Money(delivery, currency)
    )  # fmt: skip
    assert quote.total == quote.goods + quote.shipping + quote.duties + quote.taxes + quote.fees
    assert all(m.is_rounded for m in (quote.duties, quote.taxes, quote.fees, quote.total))
    assert quote.rule_source and quote.rule_valid_from <= on


def test_each_figure_names_its_source_and_valid_from_date(customs_rules, quote_rates):
    # given / when a UK parcel over GBP 135
    quote = landed_cost_quote(
        destination="GB", lines=[line("200.00", "GBP")], shipping=Money("5.00", "GBP"), incoterm="DDP", on=OCT
    )
    # then duty comes from the UK Global Tariff line (not an estimate), VAT from HMRC
    duty, vat = quote.figures
    assert (duty.rate, duty.valid_from, duty.estimate) == (Decimal("0.12"), date(2021, 1, 1), False)
    assert "UK Global Tariff" in duty.source and duty.base == Money("205.00", "GBP")
    assert (vat.label, vat.valid_from, vat.base) == ("VAT 20 %", date(2011, 1, 4), Money("229.60", "GBP"))
    assert "HMRC" in vat.source
    assert quote.rule_label == "full duty" and not quote.estimate


def test_a_duty_estimate_makes_the_whole_quote_an_estimate(customs_rules, quote_rates):
    # given a bag (chapter 42 in the UK: the default estimate) to GB
    quote = landed_cost_quote(
        destination="GB",
        lines=[line("200.00", "GBP", hs=BAG)],
        shipping=Money("0", "GBP"),
        incoterm="DDP",
        on=OCT,
    )
    assert quote.figures[0].estimate and quote.estimate


def test_an_inclusive_tax_says_so_and_is_its_rate_of_the_base_including_itself(customs_rules, quote_rates):
    # given / when the Brazilian case worked above (USD 45 + 5 freight)
    quote = landed_cost_quote(
        destination="BR", lines=[line("45.00", "USD")], shipping=Money("5.00", "USD"), incoterm="DDP", on=OCT
    )
    # then
    _import_tax, icms = quote.figures
    assert icms.label == "ICMS 17 % (included in its own base)"
    assert icms.base == Money("325.94", "BRL") and icms.amount == Money("66.76", "BRL")
    assert ((icms.base + icms.amount) * Decimal("0.17")).round() == icms.amount  # 17 % of 392.70 = 66.759
