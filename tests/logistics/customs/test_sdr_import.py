"""manage.py import_sdr_rates --file: the IMF's SDR rates stored as verified, dated rows; all or nothing."""

from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ewtp.fx.conversion import fx_rate_table
from ewtp.money import Money
from logistics.customs.documents_declaration import PostalItem, declaration_kind
from logistics.customs.models import SdrRate
from logistics.customs.sdr import IMF_SDR_ROW_SOURCE, sdr_rates_import, sdr_value
from logistics.customs.sdr_imf import SdrImportError, sdr_rates_read
from logistics.partners.models import ServiceKind

IMF = Path(__file__).resolve().parent / "imf"
# 1 SDR in USD, the IMF's "Currency units per SDR" for the U.S. dollar, 15-20 October 2025
OCTOBER_2025 = [
    (date(2025, 10, 15), Decimal("1.36377")),
    (date(2025, 10, 16), Decimal("1.36565")),
    (date(2025, 10, 17), Decimal("1.36767")),
    (date(2025, 10, 20), Decimal("1.36568")),
]


def _stored() -> list[tuple[date, Decimal, bool, str]]:
    return list(SdrRate.objects.order_by("day").values_list("day", "usd_per_sdr", "estimate", "source"))


def test_the_five_day_archive_is_read_from_its_currency_units_per_sdr_table():
    # the U.S. dollar row of "Currency units per SDR", one reading per date column, oldest first
    readings = sdr_rates_read((IMF / "rms_five.tsv").read_bytes())
    assert [(r.day, r.usd_per_sdr) for r in readings] == OCTOBER_2025


def test_the_sdr_valuation_export_is_read_from_its_sdr1_rows():
    readings = sdr_rates_read((IMF / "rms_sdrv.tsv").read_bytes())
    assert [(r.day, r.usd_per_sdr) for r in readings] == [
        (date(2025, 10, 17), Decimal("1.36767")),
        (date(2025, 10, 20), Decimal("1.36568")),
    ]


def test_the_newer_valuation_layout_with_the_label_first_and_a_csv_archive_are_read_too():
    # the label in the first column (the download of imf.org's SDR valuation page has had both layouts)
    valuation = b"Report date\tCurrency Unit\tCurrency amount\tExchange Rate\r\n" + (
        b"2026-01-02\tEuro\t0.37379\t1.1720\r\nU.S.$1.00 = SDR\t0.730761\r\nSDR1 = US$\t1.368440\r\n"
    )
    assert [(r.day, r.usd_per_sdr) for r in sdr_rates_read(valuation)] == [
        (date(2026, 1, 2), Decimal("1.368440"))
    ]
    archive = (
        b'Currency units per SDR(3)\n\nCurrency,"January 5, 2026","January 2, 2026"\n'
        b"Euro,1.17201,1.16751\nU.S. dollar,1.367050,NA\n"
    )
    assert [(r.day, r.usd_per_sdr) for r in sdr_rates_read(archive)] == [
        (date(2026, 1, 5), Decimal("1.367050"))
    ]


def test_the_command_stores_verified_rows_with_the_imfs_name_and_says_what_it_did(db):
    # when
    out = StringIO()
    call_command("import_sdr_rates", file=str(IMF / "rms_five.tsv"), stdout=out)
    # then
    assert _stored() == [(day, value, False, IMF_SDR_ROW_SOURCE) for day, value in OCTOBER_2025]
    assert "International Monetary Fund" in IMF_SDR_ROW_SOURCE and ".tsv" not in IMF_SDR_ROW_SOURCE
    assert "2025-10-15 to 2025-10-20: 4 created, 0 updated, 0 unchanged" in out.getvalue()


def test_importing_the_same_days_again_changes_nothing_and_replaces_estimates(db):
    # given an estimate already held for 2025-10-20, and the file imported once
    SdrRate.objects.create(
        day=date(2025, 10, 20), usd_per_sdr=Decimal("1.37"), source="approx", estimate=True
    )
    first = sdr_rates_import(data=(IMF / "rms_five.tsv").read_bytes())
    stored = _stored()
    # when the same days come again, from the other export
    again = sdr_rates_import(data=(IMF / "rms_sdrv.tsv").read_bytes())
    # then
    assert (first.created, first.updated, first.unchanged) == (3, 1, 0)  # the estimate became the IMF's
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert _stored() == stored
    assert SdrRate.objects.get(day=date(2025, 10, 20)).usd_per_sdr == Decimal("1.36568")


def _archive(usd_row: str, dates: str = '"October 20, 2025","October 17, 2025"') -> bytes:
    return f"Currency units per SDR(3)\n\nCurrency,{dates}\nEuro,1.17176,1.17085\n{usd_row}\n".encode()


@pytest.mark.parametrize(
    ("data", "line", "field"),
    [
        (_archive("U.S. dollar,1.36568,1,367.67"), "line 5", "column 4"),  # a thousands comma
        (_archive("U.S. dollar,1.36568,abc"), "line 5", "U.S. dollar on 2025-10-17"),
        (_archive("U.S. dollar,-1.36568,1.36767"), "line 5", "U.S. dollar on 2025-10-20"),
        (_archive("U.S. dollar,1.3656812,1.36767"), "line 5", "U.S. dollar on 2025-10-20"),  # 7 places
        (
            _archive("U.S. dollar,1.36568,1.36767", dates='"October 20, 2025",Octobre 17'),
            "line 3",
            "column 3",
        ),
        (b"SDR Valuations\n20-Oct-2025\tEuro\t0.37379\n\t\t\tSDR1 = US$\tn/a\n", "line 3", "SDR1 = US$"),
        (b"SDR Valuations\n\t\t\tSDR1 = US$\t1.36568\n", "line 2", "Report date"),
        (b"SDR Valuations\n32-Oct-2025\tEuro\t0.37379\n\t\t\tSDR1 = US$\t1.36568\n", "line 2", "Report date"),
        (
            b"20-Oct-2025\tEuro\n\t\tSDR1 = US$\t1.36568\n20-Oct-2025\tEuro\n\t\tSDR1 = US$\t1.3657\n",
            "line 4",
            "2025-10-20",
        ),  # one day, two values
    ],
)
def test_a_bad_row_is_refused_naming_its_line_and_field_and_nothing_is_written(db, data, line, field):
    # given a rate already stored
    SdrRate.objects.create(day=date(2025, 10, 1), usd_per_sdr=Decimal("1.3700"), source="IMF", estimate=False)
    before = _stored()
    # when
    with pytest.raises(SdrImportError) as caught:
        sdr_rates_import(data=data)
    # then
    assert caught.value.details == {line: {field: caught.value.details[line][field]}}
    assert caught.value.message.startswith(f"{line.capitalize()}, {field}: ")
    assert _stored() == before


def test_a_file_without_any_sdr_rate_is_refused(db):
    with pytest.raises(SdrImportError) as caught:
        sdr_rates_import(data=b"Date,USD,JPY\n2026-10-30,1.1,160\n")
    assert "file" in caught.value.details
    assert not SdrRate.objects.exists()


def test_the_command_turns_an_error_into_a_message_naming_the_line(db, tmp_path):
    bad = tmp_path / "rms_five.tsv"
    bad.write_bytes(_archive("U.S. dollar,1.36568,abc"))
    with pytest.raises(CommandError, match=r"Line 5, U.S. dollar on 2025-10-17: 'abc' is not a number"):
        call_command("import_sdr_rates", file=str(bad))
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_sdr_rates", file=str(tmp_path / "missing.tsv"))


def test_reloading_the_seeds_keeps_the_imported_imf_rates_and_replaces_only_estimates(db, seeds_dir):
    from logistics.customs.rules_seeds import customs_rules_load

    # given the seeds loaded (sdr.csv holds estimates only, 15-20 October 2025 among them), then the IMF's
    # figures for 15-20 October 2025 imported
    customs_rules_load(directory=seeds_dir / "customs")
    seeded = SdrRate.objects.count()
    call_command("import_sdr_rates", file=str(IMF / "rms_five.tsv"), stdout=StringIO())
    # when the seeds are loaded again (make run does so on every start)
    customs_rules_load(directory=seeds_dir / "customs")
    # then the four imported days are still the IMF's, and the other days are the seeds' estimates again
    imported = {row[0]: row for row in _stored() if not row[2]}
    assert sorted(imported) == [day for day, _ in OCTOBER_2025]
    assert all(imported[day][1] == value for day, value in OCTOBER_2025)
    # sdr.csv has 8 days, 4 of them the imported ones: 4 seed estimates + 4 IMF rows, nothing twice
    assert seeded == 8
    assert [(day, estimate) for day, _, estimate, _ in _stored()] == [
        (date(2024, 1, 2), True), (date(2025, 1, 2), True), (date(2025, 7, 1), True),
        *[(day, False) for day, _ in OCTOBER_2025], (date(2026, 1, 2), True),
    ]  # fmt: skip


# The IMF's month archive (CSV) with one day newer than the seeds' last row (2026-01-02, 1.36, an estimate).
NOVEMBER_2026 = (
    b'Currency units per SDR(3)\n\nCurrency,"November 27, 2026"\nEuro,1.17000\nU.S. dollar,1.370000\n'
)


@pytest.mark.parametrize(
    ("imported", "usd", "sdr", "kind"),
    [
        # the seeds only: 1 SDR = 1.36 USD (2026-01-02): 410.99 / 1.36 = 302.1985... SDR -> CN23
        (False, "410.99", "302.1985", "cn23"),
        # the IMF's 2026-11-27 imported: 410.99 / 1.37 = 299.9927... SDR, under 300 -> CN22
        (True, "410.99", "299.9927", "cn22"),
        # 411.00 / 1.37 = 300 SDR exactly -> CN23
        (True, "411.00", "300.0000", "cn23"),
    ],
)
def test_an_imported_imf_rate_is_the_one_a_declaration_uses_from_its_day(
    db, seeds_dir, imported, usd, sdr, kind
):
    from logistics.customs.rules_seeds import customs_rules_load

    # given the seeds, and (or not) the IMF's rate of 27 November 2026 imported
    customs_rules_load(directory=seeds_dir / "customs")
    if imported:
        sdr_rates_import(data=NOVEMBER_2026)
    on = date(2026, 11, 30)
    # when a 1 kg letter-post item worth `usd` is valued on 2026-11-30
    value, rate = sdr_value(money=Money(usd, "USD"), on=on, rates=fx_rate_table(on=on))
    # then the newest rate on or before that day is used, and the form follows from it
    expected = (date(2026, 11, 27), False) if imported else (date(2026, 1, 2), True)
    assert (rate.day, rate.estimate) == expected
    assert value.quantize(Decimal("0.0001")) == Decimal(sdr)
    item = PostalItem(service_kind=ServiceKind.LETTER_POST, gross_weight_kg=Decimal("1"), value_in_sdr=value)
    assert declaration_kind(item) == kind
