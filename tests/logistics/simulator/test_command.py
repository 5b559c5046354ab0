"""`manage.py partner_simulator`: where its key comes from (--key, then EWTP_PARTNER_KEY_<SLUG>, then, under
DEBUG only, a key it makes and says it made), and what a pass that fails says."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from logistics.partners.keys import partner_api_key_authenticate
from logistics.partners.models import Partner
from logistics.simulator.api_client import ApiUnavailableError
from logistics.simulator.keys import SIMULATOR_KEY_NAME
from logistics.simulator.partner import PassReport

COMMAND = "logistics.partners.management.commands.partner_simulator.PartnerSimulator"

pytestmark = pytest.mark.django_db


@pytest.fixture
def runs(monkeypatch):
    """The simulators the command built (`runs.built`), each pass answering `runs.outcome` (a report, or an
    error)."""

    class Recorder:
        built: list = []
        outcome = PassReport(accepted=["EW-1"], stored=3)

        def __init__(self, *, api, partner, **options):
            self.api, self.partner, self.options = api, partner, options
            Recorder.built.append(self)

        def run_pass(self):
            if isinstance(Recorder.outcome, Exception):
                raise Recorder.outcome
            return Recorder.outcome

    monkeypatch.setattr(COMMAND, Recorder)
    return Recorder


def simulate(*args) -> str:
    out = StringIO()
    call_command("partner_simulator", *args, "--once", "--base-url", "http://127.0.0.1:9", stdout=out)
    return out.getvalue()


@pytest.fixture
def silk(db):
    return Partner.objects.create(name="Silk Road Post", slug="silk-road-post")


def test_the_key_is_taken_from_the_option_first_then_from_the_environment(runs, silk, monkeypatch):
    monkeypatch.setenv("EWTP_PARTNER_KEY_SILK_ROAD_POST", "ewtp_env_key")
    simulate("silk-road-post", "--key", "ewtp_given_key")
    simulate("silk-road-post")
    assert [run.api.key for run in runs.built] == ["ewtp_given_key", "ewtp_env_key"]


def test_under_debug_without_a_key_it_makes_one_says_so_and_revokes_the_one_before(runs, silk, settings):
    # given DEBUG on and no key anywhere
    settings.DEBUG = True
    # when the simulator is started twice
    first = simulate("silk-road-post")
    simulate("silk-road-post")
    # then each start made a working key with the simulator's scopes, and said so
    assert (
        "DEBUG is on, so made API key" in first and "shipments:read, shipments:write, tracking:write" in first
    )
    earlier, latest = (partner_api_key_authenticate(run.api.key) for run in runs.built)
    assert earlier is None  # revoked by the second start
    assert latest.partner_id == silk.pk
    assert silk.api_keys.filter(name=SIMULATOR_KEY_NAME, revoked_at__isnull=True).count() == 1


def test_without_debug_a_key_must_be_given(runs, silk, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="EWTP_PARTNER_KEY_SILK_ROAD_POST"):
        simulate("silk-road-post")
    assert runs.built == [] and not silk.api_keys.exists()


def test_one_pass_reports_what_it_did_and_fails_when_the_api_cannot_be_reached(runs, silk):
    assert "1 accepted, 3 events stored, 0 duplicates, 0 delivered" in simulate(
        "silk-road-post", "--key", "k"
    )
    runs.outcome = ApiUnavailableError("GET /api/v1/shipments/: ConnectionRefusedError (5 tries)")
    with pytest.raises(CommandError, match="could not be reached"):
        simulate("silk-road-post", "--key", "k")
    runs.outcome = PassReport(problems=["accept EW-2: POST ...: 409 offer_not_open"])
    with pytest.raises(CommandError, match="409 offer_not_open"):
        simulate("silk-road-post", "--key", "k")
