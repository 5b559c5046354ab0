"""The outbox: a task written with the change that needs it is handed to the broker after commit, or by the
beat relay once a broker that was down is back; never lost, never sent twice at once."""

from datetime import timedelta

import pytest
from celery import shared_task
from django.db import transaction
from django.utils import timezone

from ewtp.outbox.models import OutboxMessage
from ewtp.outbox.services import outbox_backlog, outbox_enqueue, outbox_relay, outbox_sent_purge
from ewtp.outbox.tasks import relay

pytestmark = pytest.mark.django_db

RUNS: list[dict] = []


@shared_task(name="tests.outbox_probe", queue="default")
def probe(**kwargs):
    RUNS.append(kwargs)


@pytest.fixture(autouse=True)
def _no_runs():
    RUNS.clear()


def test_a_message_commits_with_the_change_and_is_sent_right_after(
    celery_eager, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        message = outbox_enqueue(probe, order_id=7)
    # then
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 1 and message.last_error == ""
    assert message.queue == "default" and message.task_name == "tests.outbox_probe"
    assert RUNS == [{"order_id": 7}]


def test_a_rolled_back_change_leaves_no_message_and_sends_nothing(
    celery_eager, django_capture_on_commit_callbacks
):
    # when
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        outbox_enqueue(probe, order_id=7)
        raise RuntimeError("the change failed")
    # then
    assert OutboxMessage.objects.count() == 0
    assert RUNS == []


def test_with_the_broker_down_the_message_waits_with_the_error_and_the_relay_sends_it_later(
    celery_eager, dead_broker, django_capture_on_commit_callbacks
):
    # given the broker is down when the change commits
    with django_capture_on_commit_callbacks(execute=True):
        message = outbox_enqueue(probe, order_id=7)
    message.refresh_from_db()
    assert message.sent_at is None and message.attempts == 1
    assert message.last_error.startswith("OperationalError")
    assert message.claimed_until is None  # released for the next relay
    assert RUNS == []
    assert outbox_backlog()["waiting"] == 1
    # when the broker is back and beat runs the relay
    dead_broker.revive()
    assert relay() == 1
    # then
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 2 and message.last_error == ""
    assert RUNS == [{"order_id": 7}]
    assert outbox_backlog() == {"waiting": 0, "oldest_seconds": 0}


def test_the_relay_sends_oldest_first_and_a_second_run_sends_nothing_again(celery_eager):
    # given three messages written while nothing relayed them (no commit callbacks ran)
    for order_id in (1, 2, 3):
        outbox_enqueue(probe, order_id=order_id)
    # when
    first, second = outbox_relay(), outbox_relay()
    # then
    assert (first, second) == (3, 0)
    assert RUNS == [{"order_id": 1}, {"order_id": 2}, {"order_id": 3}]


def test_a_message_claimed_by_one_relay_is_not_sent_by_another_until_the_claim_lapses(celery_eager):
    # given another relay claimed the message a moment ago and is still working on it
    message = outbox_enqueue(probe, order_id=7)
    OutboxMessage.objects.filter(pk=message.pk).update(claimed_until=timezone.now() + timedelta(seconds=60))
    # when / then: this relay leaves it alone
    assert outbox_relay() == 0
    assert RUNS == []
    # when that relay died and its claim lapsed
    OutboxMessage.objects.filter(pk=message.pk).update(claimed_until=timezone.now() - timedelta(seconds=1))
    # then this relay sends it
    assert outbox_relay() == 1
    assert RUNS == [{"order_id": 7}]


def test_messages_sent_more_than_a_week_ago_are_purged_and_unsent_ones_kept():
    # given
    old = outbox_enqueue(probe, order_id=1)
    recent = outbox_enqueue(probe, order_id=2)
    waiting = outbox_enqueue(probe, order_id=3)
    OutboxMessage.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=8))
    OutboxMessage.objects.filter(pk=recent.pk).update(sent_at=timezone.now() - timedelta(days=6))
    # when
    purged = outbox_sent_purge()
    # then
    assert purged == 1
    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}


def test_a_message_the_broker_refuses_midway_keeps_the_rest_for_later(celery_eager, monkeypatch):
    # given three messages, and a broker that accepts the first and then goes away
    for order_id in (1, 2, 3):
        outbox_enqueue(probe, order_id=order_id)
    calls = {"n": 0}
    original = probe.apply_async

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] > 1:
            raise ConnectionResetError("broker went away")
        return original(*args, **kwargs)

    monkeypatch.setattr(probe, "apply_async", flaky)
    # when
    sent = outbox_relay()
    # then one went, two wait unclaimed, and the one that met the error says so
    assert sent == 1
    waiting = list(OutboxMessage.objects.filter(sent_at__isnull=True).order_by("id"))
    assert [m.kwargs["order_id"] for m in waiting] == [2, 3]
    assert all(m.claimed_until is None for m in waiting)
    assert waiting[0].last_error == "ConnectionResetError: broker went away" and waiting[1].last_error == ""
