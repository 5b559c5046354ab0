"""The landed-cost rules load from seeds/customs/ with their sources and dates, and reload cleanly."""

import io
from decimal import Decimal

import pytest

from ewtp.countries import EU_MEMBERS
from logistics.customs.errors import CustomsSeedError
from logistics.customs.models import DutyRate, ImportRule, SdrRate, VatRate
from logistics.customs.rules_seeds import customs_rules_load
from logistics.customs.seeds import seeds_load
from tests.logistics.conftest import SEEDS

DESTINATIONS = {"US", "GB", "CA", "AU", "CN", "JP", "SG", "CH", "NO", "BR", "IN", "MX"} | EU_MEMBERS


def test_every_destination_has_a_vat_rate_import_rules_and_a_default_duty(customs_rules):
    assert set(VatRate.objects.values_list("country", flat=True)) == DESTINATIONS
    assert set(ImportRule.objects.values_list("country", flat=True)) == DESTINATIONS - EU_MEMBERS | {"EU"}
    defaults = set(DutyRate.objects.filter(hs_prefix="").values_list("country", flat=True))
    assert defaults == DESTINATIONS - EU_MEMBERS | {"EU"}
    assert not VatRate.objects.filter(source="").exists() and not DutyRate.objects.filter(source="").exists()
    assert SdrRate.objects.filter(estimate=True).exists()


def test_loading_again_replaces_rather_than_duplicates(customs_rules):
    assert customs_rules_load(directory=SEEDS / "customs") == customs_rules
    assert VatRate.objects.count() == customs_rules["vat_rates.csv"]


def test_a_malformed_file_names_the_row_and_leaves_the_tables_as_they_were(customs_rules, tmp_path):
    # given a copy of the seeds with a bad date in duty_rates.csv, line 3
    for path in (SEEDS / "customs").glob("*.csv"):
        (tmp_path / path.name).write_text(path.read_text())
    rows = (tmp_path / "duty_rates.csv").read_text().splitlines()
    rows[2] = rows[2].replace("2000-01-01", "2000-13-01")
    (tmp_path / "duty_rates.csv").write_text("\n".join(rows))
    # when / then
    with pytest.raises(CustomsSeedError, match=r"duty_rates.csv:3.valid_from"):
        customs_rules_load(directory=tmp_path)
    assert DutyRate.objects.count() == customs_rules["duty_rates.csv"]


def test_the_seeds_hook_reports_what_it_loaded(db):
    out = io.StringIO()
    seeds_load(stdout=out)
    assert "Customs rules: vat_rates.csv 96" in out.getvalue()


def test_a_vat_rate_of_100_percent_or_more_is_refused_naming_the_row(customs_rules, tmp_path):
    # an inclusive rate of 1 would divide by zero in the engine; no VAT comes near it
    for path in (SEEDS / "customs").glob("*.csv"):
        (tmp_path / path.name).write_text(path.read_text())
    rows = (tmp_path / "vat_rates.csv").read_text().splitlines()
    [br] = [i for i, row in enumerate(rows) if row.startswith("BR,,")]
    rows[br] = rows[br].replace(",0.17,", ",1.00,")
    (tmp_path / "vat_rates.csv").write_text("\n".join(rows))
    with pytest.raises(CustomsSeedError, match=rf"vat_rates.csv:{br + 1}: .*vat_rate_between_0_and_1"):
        customs_rules_load(directory=tmp_path)
    assert VatRate.objects.get(country="BR", subdivision="").rate == Decimal("0.17")
