"""The EU: each member state's own VAT rate, the IOSS limit, the flat EUR 3 duty from 2026-07-01."""

from datetime import date

import pytest

from ewtp.countries import EU_MEMBERS
from ewtp.money import Money
from logistics.customs.landed_cost import LandedCostLine, landed_cost_quote

OCT = date(2026, 10, 30)

# EUR 100.00 of T-shirts, no shipping, DDP, on 2026-10-30 (flat EUR 3 duty, one subheading):
# VAT = (100 + 3) x the member's rate, rounded half up to the cent.
EURO_MEMBERS = {
    "AT": "20.60", "BE": "21.63", "BG": "20.60", "HR": "25.75", "CY": "19.57", "DE": "19.57", "EE": "24.72",
    "FI": "26.27",  # 103 x 25.5 % = 26.265 -> 26.27
    "FR": "20.60", "GR": "24.72", "IE": "23.69", "IT": "22.66", "LV": "21.63", "LT": "21.63", "LU": "17.51",
    "MT": "18.54", "NL": "21.63", "PT": "23.69", "SK": "23.69", "SI": "22.66", "ES": "21.63",
}  # fmt: skip
# 100 in the member's own currency; EUR 3 converted with the rates of 2026-10-30, then VAT on (100 + flat):
NON_EURO_MEMBERS = {
    "CZ": ("CZK", "73.06", "36.34"),  # 3 x 24.353 = 73.059; 173.06 x 21 % = 36.3426
    "DK": ("DKK", "22.42", "30.61"),  # 3 x 7.4735 = 22.4205; 122.42 x 25 % = 30.605
    "HU": ("HUF", "1098.99", "323.73"),  # 3 x 366.33; 1198.99 x 27 % = 323.7273
    "PL": ("PLN", "13.21", "26.04"),  # 3 x 4.4038 = 13.2114; 113.21 x 23 % = 26.0383
    "RO": ("RON", "16.03", "24.37"),  # 3 x 5.3447 = 16.0341; 116.03 x 21 % = 24.3663
    "SE": ("SEK", "32.93", "33.23"),  # 3 x 10.978 = 32.934; 132.93 x 25 % = 33.2325
}


def tshirts(value: str, currency: str = "EUR", hs: str = "610910") -> LandedCostLine:
    return LandedCostLine(hs_code=hs, origin_country="CN", unit_value=Money(value, currency))


def test_the_tables_cover_all_27_member_states():
    assert set(EURO_MEMBERS) | set(NON_EURO_MEMBERS) == EU_MEMBERS and len(EU_MEMBERS) == 27


@pytest.mark.parametrize(("country", "vat"), sorted(EURO_MEMBERS.items()))
def test_each_euro_member_applies_its_own_vat_rate(customs_rules, quote_rates, country, vat):
    quote = landed_cost_quote(
        destination=country, lines=[tshirts("100.00")], shipping=Money("0", "EUR"), incoterm="DDP", on=OCT
    )
    assert (quote.rule, quote.currency) == ("collection_at_sale", "EUR")
    assert (quote.duties, quote.taxes) == (Money("3.00", "EUR"), Money(vat, "EUR"))


@pytest.mark.parametrize(("country", "expected"), sorted(NON_EURO_MEMBERS.items()))
def test_members_outside_the_euro_are_quoted_in_their_currency(customs_rules, quote_rates, country, expected):
    currency, duty, vat = expected
    quote = landed_cost_quote(
        destination=country, lines=[tshirts("100.00", currency)], shipping=Money("0", currency),
        incoterm="DDP", on=OCT,
    )  # fmt: skip
    assert (quote.currency, quote.duties, quote.taxes) == (
        currency,
        Money(duty, currency),
        Money(vat, currency),
    )


def test_the_flat_duty_starts_on_2026_07_01(customs_rules, quote_rates):
    # given two subheadings (T-shirt twice, a bag once) worth EUR 150.00, EUR 5 shipping, DAP
    lines = [tshirts("60.00"), tshirts("50.00"), tshirts("40.00", hs="420222")]
    quote = {
        day: landed_cost_quote(
            destination="DE", lines=lines, shipping=Money("5.00", "EUR"), incoterm="DAP", on=day
        )
        for day in (date(2026, 6, 30), date(2026, 7, 1))
    }
    # then on 2026-06-30: no duty, VAT (150 + 5) x 19 % = 29.45 collected at sale
    before = quote[date(2026, 6, 30)]
    assert (before.duties, before.taxes, before.due_on_delivery) == (
        Money("0", "EUR"), Money("29.45", "EUR"), Money("0", "EUR")
    )  # fmt: skip
    # on 2026-07-01: EUR 3 x 2 subheadings = 6.00; VAT (150 + 6 + 5) x 19 % = 30.59; even DAP, both at sale
    # (the duty is collected with the VAT, never split): 150 + 5 + 6 + 30.59 = 191.59 at checkout
    after = quote[date(2026, 7, 1)]
    assert (after.duties, after.taxes) == (Money("6.00", "EUR"), Money("30.59", "EUR"))
    assert (after.due_at_checkout, after.due_on_delivery) == (Money("191.59", "EUR"), Money("0", "EUR"))
    assert after.rule_valid_from == date(2026, 7, 1) and before.rule_valid_from == date(2021, 7, 1)


def test_just_over_eur_150_pays_full_duty_and_vat_at_the_border(customs_rules, quote_rates):
    # 150.01: duty (150.01 + 5) x 12 % = 18.6012 -> 18.60; VAT (150.01 + 5 + 18.60) x 19 % = 32.9859 -> 32.99
    quote = landed_cost_quote(
        destination="DE", lines=[tshirts("150.01")], shipping=Money("5.00", "EUR"), incoterm="DAP",
        on=date(2026, 6, 30),
    )  # fmt: skip
    assert (quote.rule, quote.duties, quote.taxes) == (
        "full_duty",
        Money("18.60", "EUR"),
        Money("32.99", "EUR"),
    )
    assert (quote.due_at_checkout, quote.due_on_delivery) == (Money("155.01", "EUR"), Money("51.59", "EUR"))


@pytest.mark.parametrize(
    ("country", "day", "vat"),
    [
        ("EE", date(2025, 6, 30), "22.00"),  # 22 % until 2025-06-30
        ("EE", date(2025, 7, 1), "24.00"),
        ("SK", date(2024, 12, 31), "20.00"),
        ("SK", date(2025, 1, 1), "23.00"),
        ("FI", date(2024, 8, 31), "24.00"),
        ("FI", date(2024, 9, 1), "25.50"),
    ],
)
def test_a_vat_rate_change_applies_from_its_date(customs_rules, country, day, vat):
    # EUR 100 under EUR 150 before the flat duty: VAT = 100 x rate, no conversion needed
    quote = landed_cost_quote(
        destination=country, lines=[tshirts("100.00")], shipping=Money("0", "EUR"), incoterm="DDP", on=day
    )
    assert quote.taxes == Money(vat, "EUR")
