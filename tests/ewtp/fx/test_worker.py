"""The daily refresh, run by a real Celery worker consuming from Redis (not eager mode)."""

from datetime import date

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from ewtp.celery import app
from ewtp.fx.models import FxImport, FxRate
from ewtp.fx.tasks import rates_refresh


def _redis_broker_reason() -> str | None:
    url = settings.CELERY_BROKER_URL
    if not url.startswith("redis://"):
        return f"needs a Redis broker (CELERY_BROKER_URL is {url!r}); `make test` sets one with CI=true"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        return f"Redis broker at {url} is unreachable: {exc}"
    return None


pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(_redis_broker_reason() is not None, reason=_redis_broker_reason() or ""),
]


@pytest.fixture
def worker():
    assert not app.conf.task_always_eager
    app.control.purge()  # messages other tests left on the shared broker are not this test's business
    with start_worker(
        app,
        pool="solo",
        perform_ping_check=False,
        queues=["default"],
        loglevel="WARNING",
        shutdown_timeout=15,
    ) as controller:
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
