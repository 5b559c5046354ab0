"""Importing rates: all or nothing, repeatable, never overwriting a stored rate, every run recorded."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ewtp.fx.errors import FxFeedError, FxRateConflictError
from ewtp.fx.models import FxImport, FxRate
from ewtp.fx.services import fx_rates_import

pytestmark = pytest.mark.django_db


def test_daily_import_loads_every_rate_and_reports_it(daily_xml):
    report = fx_rates_import(data=daily_xml, origin="eurofxref-daily.xml")
    assert report.loaded == 31
    assert (report.first_date, report.last_date, report.days) == (date(2022, 7, 8), date(2022, 7, 8), 1)
    assert report.summary() == "Loaded 31 rates on 2022-07-08 (0 already present)."
    usd = FxRate.objects.get(currency="USD", date=date(2022, 7, 8))
    assert (usd.rate, usd.source, usd.kind) == (Decimal("1.0163"), "ECB", FxRate.Kind.ECB)
    record = FxImport.objects.get()
    assert (record.status, record.rates_loaded, record.origin) == ("succeeded", 31, "eurofxref-daily.xml")


def test_repeating_an_import_changes_nothing(hist_xml):
    fx_rates_import(data=hist_xml, origin="hist.xml")
    count = FxRate.objects.count()
    again = fx_rates_import(data=hist_xml, origin="hist.xml")
    assert (again.loaded, again.unchanged) == (0, count)
    assert FxRate.objects.count() == count


def test_a_different_rate_for_a_stored_day_is_refused_and_nothing_is_written(hist_xml):
    # given the ten newest days are stored
    fx_rates_import(data=hist_xml, origin="hist.xml")
    before = FxRate.objects.count()
    # when a file with one more day and one changed rate on a stored day comes in
    changed = hist_xml.replace(b"rate='0.8338'", b"rate='0.9'").replace(
        b"<Cube time='2026-10-30'>",
        b"<Cube time='2026-10-31'><Cube currency='USD' rate='1.2'/></Cube><Cube time='2026-10-30'>",
    )
    with pytest.raises(FxRateConflictError, match=r"GBP rate on 2026-10-30 is already stored as 0\.8338"):
        fx_rates_import(data=changed, origin="changed.xml")
    # then the new day was not half-imported and the failure is on record
    assert FxRate.objects.count() == before
    assert not FxRate.objects.filter(date=date(2026, 10, 31)).exists()
    failure = FxImport.objects.get(status="failed")
    assert "GBP" in failure.error and failure.origin == "changed.xml"


def test_a_malformed_file_imports_nothing(hist_xml):
    with pytest.raises(FxFeedError):
        fx_rates_import(data=hist_xml.replace(b"rate='0.8338'", b"rate='0'"), origin="bad.xml")
    assert FxRate.objects.count() == 0
    assert FxImport.objects.get().status == "failed"


def test_command_imports_the_shipped_snapshot(seeds_dir):
    out, err = StringIO(), StringIO()
    call_command("import_fx_rates", file=str(seeds_dir / "fx" / "eurofxref-hist.zip"), stdout=out, stderr=err)
    assert out.getvalue().strip() == (
        "Loaded 221,702 rates for 7,126 days from 1999-01-04 to 2026-10-30 (0 already present)."
    )
    assert "Importing rates" in err.getvalue()  # the progress bar
    assert FxRate.objects.count() == 221_702
    assert FxRate.objects.get(currency="JPY", date=date(2026, 10, 30)).rate == Decimal("175.68")


def test_command_reports_bad_input_without_a_traceback(tmp_path, daily_xml):
    bad = tmp_path / "rates.xml"
    bad.write_bytes(daily_xml.replace(b"currency='USD'", b"currency='QQQ'"))
    with pytest.raises(CommandError, match="unknown currency code 'QQQ'"):
        call_command("import_fx_rates", file=str(bad))
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_fx_rates", file=str(tmp_path / "missing.xml"))


def test_command_fetches_a_url(rates_server):
    out = StringIO()
    call_command("import_fx_rates", url=f"{rates_server}/eurofxref-daily.xml", stdout=out)
    assert "Loaded 31 rates on 2022-07-08" in out.getvalue()


def test_command_reports_an_unreachable_url(rates_server):
    with pytest.raises(CommandError, match="Could not fetch rates"):
        call_command("import_fx_rates", url=f"{rates_server}/missing.xml")
    assert FxImport.objects.get().status == "failed"
