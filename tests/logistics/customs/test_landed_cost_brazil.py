"""Brazil: ICMS by state (ISO 3166-2 BR-xx), charged inside its own base ('por dentro'); without the state,
17 % named as an estimate.

The worked basket of test_landed_cost_countries.py: USD 45 + USD 5 freight on 2026-10-30 (1 USD =
6.0692 / 1.1172 = 5.43250984604 BRL): BRL 244.46 + 27.16 = 271.62, import tax 20 % = 54.32, so ICMS is
levied on 271.62 + 54.32 = 325.94, as base x rate / (1 - rate). State rates seeded (estimates, from the
CONFAZ agreement and the states' laws): 17 %, and 20 % from 2025-04-01 in AC, AL, BA, CE, MG, PB, PI, RN,
RR and SE.

These are the Remessa Conforme rates for cross-border parcels (Convênio ICMS 81/2023: one rate agreed by
the states; ten raised it to 20 % on 2025-04-01), not each state's general internal rate (17-23 %: Rio de
Janeiro's is 22 %), which applies to ordinary imports and domestic sales (seeds/customs/README.md).
"""

from datetime import date

import pytest

from ewtp.money import Money
from logistics.customs.landed_cost import LandedCostLine, landed_cost_quote

OCT = date(2026, 10, 30)


def quote(subdivision=None):
    return landed_cost_quote(
        destination="BR",
        lines=[LandedCostLine(hs_code="610910", origin_country="CN", unit_value=Money("45.00", "USD"))],
        shipping=Money("5.00", "USD"),
        incoterm="DDP",
        on=OCT,
        subdivision=subdivision,
    )


@pytest.mark.parametrize(
    ("state", "icms", "label"),
    [
        # 325.94 x 17 / 83 = 66.7588 -> 66.76
        ("BR-SP", "66.76", "ICMS 17 % (BR-SP) (included in its own base)"),
        # Rio de Janeiro: 17 % on Remessa Conforme parcels, not its general 22 %
        # (325.94 x 22 / 78 = 91.93 would be that)
        ("BR-RJ", "66.76", "ICMS 17 % (BR-RJ) (included in its own base)"),
        # 325.94 x 20 / 80 = 81.485 -> 81.49
        ("BR-MG", "81.49", "ICMS 20 % (BR-MG) (included in its own base)"),
        ("BR-BA", "81.49", "ICMS 20 % (BR-BA) (included in its own base)"),
    ],
)
def test_icms_is_the_state_of_deliverys(customs_rules, quote_rates, state, icms, label):
    result = quote(state)
    assert (result.duties, result.taxes) == (Money("54.32", "BRL"), Money(icms, "BRL"))
    assert str(result.figures[-1].label) == label
    assert "subdivision_unknown" not in [note.code for note in result.notes]


def test_without_the_state_the_rate_used_is_named_as_an_estimate(customs_rules, quote_rates):
    result = quote()
    # 17 % as above: 66.76, an estimate, and the quote says why
    assert result.taxes == Money("66.76", "BRL")
    assert result.figures[-1].estimate and result.estimate
    [note] = [note for note in result.notes if note.code == "subdivision_unknown"]
    assert str(note.text) == "ICMS depends on the state of delivery: the 17 % used here is an estimate."


@pytest.mark.parametrize(
    ("day", "icms", "valid_from"),
    [
        # BRL 200 + BRL 20 freight = 220, in USD 220 / 6.2507 x 1.0815 = 38.06 (<= 50): import tax
        # 220 x 20 % = 44.00; ICMS on 220 + 44 = 264.00 at 17 %: 264 x 17 / 83 = 54.0722 -> 54.07
        (date(2025, 3, 31), "54.07", date(2023, 8, 1)),
        # the next day (220 / 6.1679 x 1.0788 = 38.48 USD, the same band): 264 x 20 / 80 = 66.00
        (date(2025, 4, 1), "66.00", date(2025, 4, 1)),
    ],
)
def test_minas_gerais_raised_its_remessa_conforme_icms_to_20_percent_on_2025_04_01(
    customs_rules, fx_days, day, icms, valid_from
):
    # given the ECB rates of both days (for the USD 50 band only: every amount is in BRL)
    fx_days("2025-03-31", "2025-04-01")
    # when a parcel to Minas Gerais is quoted on each day
    result = landed_cost_quote(
        destination="BR",
        lines=[LandedCostLine(hs_code="610910", origin_country="CN", unit_value=Money("200.00", "BRL"))],
        shipping=Money("20.00", "BRL"),
        incoterm="DDP",
        on=day,
        subdivision="BR-MG",
    )
    # then the state's rate of that day, with its date and the Remessa Conforme named as its scope
    assert (result.duties, result.taxes) == (Money("44.00", "BRL"), Money(icms, "BRL"))
    icms_figure = result.figures[-1]
    assert icms_figure.valid_from == valid_from
    assert "Remessa Conforme" in icms_figure.source and icms_figure.estimate
    assert icms_figure.source_url.startswith("https://www.confaz.fazenda.gov.br/")
