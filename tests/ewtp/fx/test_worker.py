"""The daily refresh, run by a real Celery worker consuming from Redis (not eager mode)."""

from datetime import date

import pytest

from ewtp.fx.models import FxImport, FxRate
from ewtp.fx.tasks import rates_refresh
from tests.celery_worker import real_worker_marks, start_real_worker

pytestmark = real_worker_marks()


@pytest.fixture
def worker():
    with start_real_worker(queues=["default"]) as controller:
        yield controller


def test_refresh_runs_on_a_real_worker_and_loads_the_rates(worker, rates_server):
    result = rates_refresh.delay(url=f"{rates_server}/eurofxref-daily.xml")
    report = result.get(timeout=60)
    assert report["loaded"] == 31 and report["last_date"] == "2022-07-08"
    assert FxRate.objects.filter(date=date(2022, 7, 8)).count() == 31
    # a rerun (beat firing twice, a redelivered message) changes nothing
    assert rates_refresh.delay(url=f"{rates_server}/eurofxref-daily.xml").get(timeout=60)["loaded"] == 0


def test_a_malformed_source_fails_loudly_and_keeps_the_previous_rates(
    worker, rates_server, tmp_path, daily_xml
):
    rates_refresh.delay(url=f"{rates_server}/eurofxref-daily.xml").get(timeout=60)
    (tmp_path / "broken.xml").write_bytes(daily_xml[:300])
    result = rates_refresh.delay(url=f"{rates_server}/broken.xml")
    with pytest.raises(Exception, match="Malformed ECB XML"):
        result.get(timeout=60)
    assert result.state == "FAILURE"
    assert FxRate.objects.count() == 31
    assert FxImport.objects.filter(status="failed", origin__endswith="broken.xml").exists()
