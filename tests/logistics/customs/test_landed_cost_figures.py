"""What each figure of a landed-cost quote says (label, amount, source, valid-from date, estimate, rate and
base), per duty method, for the import VAT, the carrier's fee and the minimum below which nothing is levied;
and the rule switches the seeded data happens not to exercise (a flat rate on FOB, a band "above" a limit).

Worked by hand with the seeded rules and the ECB rates of 2026-10-30 (1 USD = 6.0692 / 1.1172 =
5.43250984604 BRL). Sources are read from the seeded rows themselves.
"""

from datetime import date
from decimal import Decimal

import pytest

from ewtp.money import Money
from logistics.customs.errors import NoImportRulesError
from logistics.customs.landed_cost import LandedCostLine, landed_cost_quote
from logistics.customs.landed_cost_basket import Figure
from logistics.customs.rules_models import DutyRate, ImportRule, VatRate

OCT = date(2026, 10, 30)
TSHIRT, BAG = "610910", "420222"


def line(value: str, currency: str, *, hs: str = TSHIRT, origin: str = "CN") -> LandedCostLine:
    return LandedCostLine(hs_code=hs, origin_country=origin, unit_value=Money(value, currency))


def quote(destination: str, lines: list, shipping: Money, *, incoterm: str = "DDP", on: date = OCT):
    return landed_cost_quote(
        destination=destination, lines=lines, shipping=shipping, incoterm=incoterm, on=on
    )


def gbp(amount: str) -> Money:
    return Money(amount, "GBP")


def _duty_source(country: str, prefix: str) -> str:
    return DutyRate.objects.get(country=country, hs_prefix=prefix).source


def _duty_url(country: str, prefix: str) -> str:
    return DutyRate.objects.get(country=country, hs_prefix=prefix).source_url


def _vat_row(country: str) -> VatRate:
    return VatRate.objects.filter(country=country, subdivision="").latest("valid_from")


def _vat_source(country: str) -> str:
    return _vat_row(country).source


def test_tariff_duty_line_by_line_with_its_share_of_shipping(customs_rules, quote_rates):
    # given a bag (GBP 60, no UK line for chapter 42: the default 4 %, an estimate) then a T-shirt (GBP 100,
    # 12 %), GBP 10 shipping, to the UK (over GBP 135: full duty on CIF)
    result = quote("GB", [line("60.00", "GBP", hs=BAG), line("100.00", "GBP")], Money("10.00", "GBP"))
    # then shipping is shared 60:100 = 3.75 + 6.25; bag (60 + 3.75) x 4 % = 2.55; T-shirt (100 + 6.25) x 12 %
    # = 12.75; duty 15.30; VAT (160 + 10 + 15.30) x 20 % = 37.06
    assert (result.duties, result.taxes) == (gbp("15.30"), gbp("37.06"))
    assert result.figures == [
        Figure("Duty line 1 (HS 420222)", gbp("2.55"), _duty_source("GB", ""), date(2021, 1, 1), True,
               Decimal("0.04"), gbp("63.75"), _duty_url("GB", "")),
        Figure("Duty line 2 (HS 610910)", gbp("12.75"), _duty_source("GB", TSHIRT), date(2021, 1, 1), False,
               Decimal("0.12"), gbp("106.25"), _duty_url("GB", TSHIRT)),
        Figure("VAT 20 %", gbp("37.06"), _vat_source("GB"), date(2011, 1, 4), False, Decimal("0.2"),
               gbp("185.30"), _vat_row("GB").source_url),
    ]  # fmt: skip
    # one estimated line (the bag, even as the first of two) makes the quote an estimate
    assert result.estimate


def test_the_most_specific_hs_prefix_wins_with_its_own_estimate_flag(customs_rules, quote_rates):
    # given a T-shirt over EUR 150 to Germany: the EU has 6109 (12 %, exact) and 61 (12 %, an estimate)
    result = quote("DE", [line("200.00", "EUR")], Money("0", "EUR"))
    # then the four-digit heading applies: 200 x 12 % = 24.00, not an estimate
    duty = result.figures[0]
    assert (duty.amount, duty.rate, duty.estimate, duty.source) == (
        Money("24.00", "EUR"), Decimal("0.12"), False, _duty_source("EU", "6109")
    )  # fmt: skip
    assert not result.estimate


def test_a_ten_digit_code_takes_its_six_digit_subheadings_rate(customs_rules, quote_rates):
    # given a US T-shirt of Kenyan origin declared as 6109.10.0010 (the US line for 610910 is 16.5 %,
    # chapter 61 is 16 %; goods of Kenya pay the 10 % reciprocal tariff on top)
    result = quote("US", [line("100.00", "USD", hs="6109100010", origin="KE")], Money("0", "USD"))
    # then FOB 100 x 16.5 % = 16.50, + 100 x 10 % = 10.00: 26.50
    assert result.duties == Money("26.50", "USD")
    assert result.figures[0].label == "Duty line 1 (HS 6109100010)"


def test_a_flat_duty_per_subheading_says_how_many(customs_rules, quote_rates):
    # given two T-shirts and a bag (two subheadings) worth EUR 150, to Germany on 2026-07-01
    lines = [line("60.00", "EUR"), line("50.00", "EUR"), line("40.00", "EUR", hs=BAG)]
    result = quote("DE", lines, Money("5.00", "EUR"), on=date(2026, 7, 1))
    # then EUR 3.00 x 2 = 6.00, from the EU's rule of 2026-07-01
    rule = ImportRule.objects.get(country="EU", valid_from=date(2026, 7, 1))
    assert result.figures[0] == Figure(
        "Duty: 3.00 EUR x 2 tariff subheading(s)",
        Money("6.00", "EUR"),
        rule.source,
        date(2026, 7, 1),
        False,
        source_url=rule.source_url,
    )


@pytest.mark.parametrize(
    ("goods", "label", "duty", "base"),
    [
        # USD 45 + 5 = 50.00: 20 % of BRL 244.46 + 27.16 = 271.62 -> 54.324 -> 54.32, nothing deducted
        ("45.00", "Import tax 20 %", "54.32", "271.62"),
        # USD 45.01 + 5 = 50.01: 60 % of 271.68 = 163.008, minus USD 20 = BRL 108.65: 54.358 -> 54.36
        ("45.01", "Import tax 60 % minus 108.65 BRL", "54.36", "271.68"),
    ],
)
def test_a_flat_rate_says_its_rate_and_deduction(customs_rules, quote_rates, goods, label, duty, base):
    result = quote("BR", [line(goods, "USD")], Money("5.00", "USD"))
    band_above = 50 if goods == "45.01" else None
    rule = ImportRule.objects.get(country="BR", valid_from=date(2024, 8, 1), value_above=band_above)
    assert result.figures[0] == Figure(
        label,
        Money(duty, "BRL"),
        rule.source,
        date(2024, 8, 1),
        True,
        rule.flat_rate,
        Money(base, "BRL"),
        rule.source_url,
    )


def test_a_flat_rate_on_fob_leaves_shipping_out(customs_rules, quote_rates):
    # given Mexico's courier rate (33.5 %) switched to the goods' value alone
    ImportRule.objects.filter(country="MX", regime="flat_rate", origins="").update(duty_on_shipping=False)
    # when MXN 1,000 of goods travel for MXN 200
    result = quote("MX", [line("1000.00", "MXN")], Money("200.00", "MXN"))
    # then 1000 x 33.5 % = 335.00 (not 402.00 on 1,200)
    assert result.duties == Money("335.00", "MXN")
    assert result.figures[0].base == Money("1000.00", "MXN")


def test_a_tax_with_a_factor_and_an_estimated_rate(customs_rules, quote_rates):
    # given China's cross-border regime: VAT 13 % x 0.7 on goods + freight, the VAT rate an estimate
    result = quote("CN", [line("4950.00", "CNY", origin="VN")], Money("50.00", "CNY"))
    # then 5000 x 9.1 % = 455.00, and the estimated VAT makes the quote an estimate
    assert result.figures == [
        Figure("VAT 13 % x 0.7", Money("455.00", "CNY"), _vat_source("CN"), date(2019, 4, 1), True,
               Decimal("0.091"), Money("5000.00", "CNY"), _vat_row("CN").source_url),
    ]  # fmt: skip
    assert result.estimate


def test_the_carrier_fee_on_delivery_is_shown_and_always_an_estimate(customs_rules, quote_rates):
    # given the UK over GBP 135, DAP: duty and VAT are collected by the carrier, who charges GBP 8
    result = quote("GB", [line("135.01", "GBP")], Money("5.00", "GBP"), incoterm="DAP")
    rule = ImportRule.objects.get(country="GB", value_above=135)
    # then the fee is the last figure, an estimate even though every law behind the quote is exact
    assert result.figures[-1] == Figure(
        "Carrier fee for collecting on delivery",
        Money("8.00", "GBP"),
        rule.source,
        date(2021, 1, 1),
        True,
        source_url=rule.source_url,
    )
    assert not rule.estimate and not any(figure.estimate for figure in result.figures[:-1])
    assert result.estimate


# Switzerland's CHF 5 minimum, until platforms charged VAT at sale (2025-01-01).
CH_MINIMUM_DAY = date(2024, 12, 31)


def test_nothing_levied_at_or_under_the_minimum_says_why(customs_rules, quote_rates):
    # given Switzerland: VAT 8.1 % of CHF 61.73 = 5.00013 -> 5.00, at most CHF 5
    result = quote("CH", [line("61.73", "CHF")], Money("0", "CHF"), on=CH_MINIMUM_DAY)
    rule = ImportRule.objects.get(country="CH", valid_from=date(2000, 1, 1))
    # then nothing is levied, the figures that were computed stay, and a note says why
    assert (result.duties, result.taxes) == (Money("0", "CHF"), Money("0", "CHF"))
    assert [figure.amount for figure in result.figures] == [
        Money("0.00", "CHF"), Money("5.00", "CHF"), Money("0", "CHF")
    ]  # fmt: skip
    assert result.figures[-1] == Figure(
        "Not levied: 5.00 CHF is at most 5.00 CHF",
        Money("0", "CHF"),
        rule.source,
        date(2000, 1, 1),
        False,
        source_url=rule.source_url,
    )


def test_under_the_minimum_the_duty_is_not_levied_either(customs_rules, quote_rates):
    # given a Swiss duty of 1 % on everything
    DutyRate.objects.filter(country="CH").update(rate=Decimal("0.01"))
    # when CHF 30.00 of goods arrive: duty 0.30; VAT (30 + 0.30) x 8.1 % = 2.4543 -> 2.45; 2.75 <= 5
    result = quote("CH", [line("30.00", "CHF")], Money("0", "CHF"), on=CH_MINIMUM_DAY)
    # then neither is levied
    assert (result.duties, result.taxes, result.total) == (
        Money("0", "CHF"), Money("0", "CHF"), Money("30.00", "CHF")
    )  # fmt: skip
    assert result.figures[-1].label == "Not levied: 2.75 CHF is at most 5.00 CHF"


@pytest.mark.parametrize(("value", "expected"), [("135.00", None), ("135.01", "full_duty")])
def test_a_band_above_a_limit_does_not_hold_the_limit_itself(customs_rules, quote_rates, value, expected):
    # given the UK's rules without the band up to GBP 135: only "above GBP 135" is left
    ImportRule.objects.filter(country="GB", value_above__isnull=True).delete()
    # when / then GBP 135.00 is in no band, 135.01 is above the limit
    if expected is None:
        with pytest.raises(NoImportRulesError):
            quote("GB", [line(value, "GBP")], Money("0", "GBP"))
    else:
        assert quote("GB", [line(value, "GBP")], Money("0", "GBP")).rule == expected


def test_a_rule_marked_as_an_estimate_marks_its_own_figures(customs_rules, quote_rates):
    # given the EU's flat duty and Switzerland's minimum marked as estimates (as an unverified rule would be)
    ImportRule.objects.filter(country="EU", valid_from=date(2026, 7, 1)).update(estimate=True)
    ImportRule.objects.filter(country="CH").update(estimate=True)
    # when
    flat = quote("DE", [line("10.00", "EUR")], Money("0", "EUR"), on=date(2026, 7, 1))
    not_levied = quote("CH", [line("61.73", "CHF")], Money("0", "CHF"), on=CH_MINIMUM_DAY)
    # then the flat duty's figure and the note on what is not levied say so
    assert flat.figures[0].label == "Duty: 3.00 EUR x 1 tariff subheading(s)" and flat.figures[0].estimate
    assert not_levied.figures[-1].label.startswith("Not levied") and not_levied.figures[-1].estimate
