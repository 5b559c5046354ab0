"""Canada: CUSMA thresholds for goods of US or Mexican origin (CAD 150 duty, CAD 40 tax), CAD 20 for the
rest, and the province's own tax (HST replacing GST; QST and PST beside it).

Seeded: duty chapter 61 18 % (an estimate), on the value for duty (shipping left out); GST 5 % on value +
duty; HST 13 % (ON), 15 % (NB, NL, PE), 14 % in NS from 2025-04-01 (15 % before); QST 9.975 %; PST 7 % (BC),
6 % (SK); RST 7 % (MB). Every amount in CAD: no exchange rate needed.
"""

from datetime import date

import pytest

from ewtp.money import Money
from logistics.customs.errors import LandedCostInputError
from logistics.customs.landed_cost import LandedCostLine, landed_cost_quote

OCT = date(2026, 10, 30)


def cad(amount: str) -> Money:
    return Money(amount, "CAD")


def quote(value: str, *, origin: str = "CN", shipping: str = "10.00", subdivision=None, on: date = OCT):
    return landed_cost_quote(
        destination="CA",
        lines=[LandedCostLine(hs_code="610910", origin_country=origin, unit_value=cad(value))],
        shipping=cad(shipping),
        incoterm="DDP",
        on=on,
        subdivision=subdivision,
    )


@pytest.mark.parametrize(
    ("origin", "value", "rule", "duties", "taxes"),
    [
        # US goods up to CAD 40: free of duty and tax
        ("US", "40.00", "de_minimis", "0", "0"),
        # 40.01: still duty-free, GST 40.01 x 5 % = 2.0005 -> 2.00
        ("US", "40.01", "duty_relief", "0", "2.00"),
        # up to 150: duty-free, GST 150 x 5 % = 7.50
        ("US", "150.00", "duty_relief", "0", "7.50"),
        # 150.01: over the courier threshold, CUSMA goods still duty-free (an estimate): GST 7.5005 -> 7.50
        ("US", "150.01", "full_duty", "0", "7.50"),
        # Mexican goods likewise: GST 100 x 5 % = 5.00
        ("MX", "100.00", "duty_relief", "0", "5.00"),
        # other origins keep CAD 20: 25 x 18 % = 4.50 duty; GST (25 + 4.50) x 5 % = 1.475 -> 1.48
        ("CN", "25.00", "full_duty", "4.50", "1.48"),
        ("CN", "20.00", "de_minimis", "0", "0"),
    ],
)
def test_cusma_thresholds_for_us_and_mexican_goods(customs_rules, origin, value, rule, duties, taxes):
    result = quote(value, origin=origin)
    assert (result.rule, result.duties, result.taxes) == (rule, cad(duties), cad(taxes))


# CAD 100 of Chinese T-shirts, CAD 10 shipping: duty 100 x 18 % = 18.00; taxes on 100 + 18 = 118.00.
@pytest.mark.parametrize(
    ("subdivision", "taxes", "labels"),
    [
        ("CA-ON", "15.34", ["HST 13 % (CA-ON)"]),  # 118 x 13 % = 15.34
        ("CA-NB", "17.70", ["HST 15 % (CA-NB)"]),  # 118 x 15 % = 17.70
        ("CA-NL", "17.70", ["HST 15 % (CA-NL)"]),
        ("CA-PE", "17.70", ["HST 15 % (CA-PE)"]),
        ("CA-NS", "16.52", ["HST 14 % (CA-NS)"]),  # 118 x 14 % = 16.52
        # GST 118 x 5 % = 5.90 + QST 118 x 9.975 % = 11.7705 -> 11.77: 17.67
        ("CA-QC", "17.67", ["GST 5 %", "QST 9.975 % (CA-QC)"]),
        ("CA-BC", "14.16", ["GST 5 %", "PST 7 % (CA-BC)"]),  # 5.90 + 8.26
        ("CA-SK", "12.98", ["GST 5 %", "PST 6 % (CA-SK)"]),  # 5.90 + 7.08
        ("CA-MB", "14.16", ["GST 5 %", "RST 7 % (CA-MB)"]),  # 5.90 + 8.26
        ("CA-AB", "5.90", ["GST 5 %"]),  # Alberta: GST only
        ("ca-on", "15.34", ["HST 13 % (CA-ON)"]),  # the code in lower case is read as CA-ON
    ],
)
def test_the_provinces_own_tax(customs_rules, subdivision, taxes, labels):
    result = quote("100.00", subdivision=subdivision)
    assert (result.duties, result.taxes) == (cad("18.00"), cad(taxes))
    assert [figure.label for figure in result.figures[1:]] == labels
    assert result.total == cad("110.00") + cad("18.00") + cad(taxes)
    assert "subdivision_unknown" not in [note.code for note in result.notes]


def test_without_a_province_gst_is_shown_and_the_quote_says_provincial_tax_depends_on_it(customs_rules):
    # given no province: GST 118 x 5 % = 5.90
    result = quote("100.00")
    assert result.taxes == cad("5.90")
    [note] = [note for note in result.notes if note.code == "subdivision_unknown"]
    assert str(note.text) == "Provincial tax depends on the province: only GST is shown."


def test_nova_scotia_cut_its_hst_on_2025_04_01(customs_rules):
    # 118 x 15 % = 17.70 on 2025-03-31; x 14 % = 16.52 from 2025-04-01
    assert quote("100.00", subdivision="CA-NS", on=date(2025, 3, 31)).taxes == cad("17.70")
    assert quote("100.00", subdivision="CA-NS", on=date(2025, 4, 1)).taxes == cad("16.52")


def test_us_goods_in_ontario_pay_hst_duty_free(customs_rules):
    # 100 duty-free (CUSMA, up to 150); HST 100 x 13 % = 13.00
    result = quote("100.00", origin="US", subdivision="CA-ON")
    assert (result.rule, result.duties, result.taxes) == ("duty_relief", cad("0"), cad("13.00"))


@pytest.mark.parametrize("subdivision", ["US-CA", "CA-XX", "ON", "CA_ON"])
def test_a_province_of_another_country_or_none_at_all_is_refused(customs_rules, subdivision):
    with pytest.raises(LandedCostInputError) as refused:
        quote("100.00", subdivision=subdivision)
    assert list(refused.value.details) == ["subdivision"]
