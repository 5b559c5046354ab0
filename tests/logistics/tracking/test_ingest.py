"""Taking events in: stored once by (partner, event id), matched only to the partner's own shipments, every
bad input refused with the field named and nothing stored, and a fixed number of queries per batch."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ewtp.outbox.models import OutboxMessage
from logistics.tracking.errors import TrackingEventsInvalidError
from logistics.tracking.ingest import tracking_events_ingest
from logistics.tracking.models import TrackingBatch, TrackingEvent
from tests.logistics.tracking.conftest import event

pytestmark = pytest.mark.django_db


def test_a_batch_is_stored_unapplied_with_one_outbox_message_to_apply_it(partner, accepted):
    # given a shipment accepted by the partner
    shipment = accepted()
    # when the partner sends three events for it, by id and by tracking number
    report = tracking_events_ingest(
        partner=partner,
        events=[
            event("e1", "in_transit", "11-02 09:00", shipment_id=shipment.pk, location="Nairobi KE"),
            event(
                "e2",
                "customs_hold",
                "11-03 10:00",
                tracking_number=shipment.tracking_number,
                reason="Awaiting invoice",
            ),
            event("e3", "in_transit", "11-04 07:30", shipment_id=shipment.pk),
        ],
    )
    # then all three are stored, none applied yet, and one message waits to apply the batch
    assert (report.received, report.stored, report.duplicates, report.refused) == (3, 3, 0, [])
    stored = TrackingEvent.objects.order_by("occurred_at")
    assert [(e.partner_event_id, e.status, e.shipment_id) for e in stored] == [
        ("e1", "in_transit", shipment.pk),
        ("e2", "customs_hold", shipment.pk),
        ("e3", "in_transit", shipment.pk),
    ]
    assert all(e.applied_at is None for e in stored)
    assert stored[1].reason == "Awaiting invoice" and stored[0].location == "Nairobi KE"
    assert stored[0].occurred_at.isoformat() == "2026-11-02T09:00:00+00:00"
    assert stored[0].raw["occurred_at"] == "2026-11-02T09:00:00Z"  # as the partner sent it
    message = OutboxMessage.objects.get()
    assert (message.task_name, message.queue, message.kwargs) == (
        "tracking.batch_apply", "tracking", {"batch_id": report.batch_id},
    )  # fmt: skip


def test_an_event_sent_again_is_counted_as_a_duplicate_and_stored_once(partner, accepted):
    # given a batch of two events already taken in
    shipment = accepted()
    batch = [event("e1", "in_transit", "11-02 09:00", shipment_id=shipment.pk),
             event("e2", "out_for_delivery", "11-05 07:00", shipment_id=shipment.pk)]  # fmt: skip
    tracking_events_ingest(partner=partner, events=batch)
    # when the partner retries it with one new event, and the new one twice
    again = [*batch, event("e3", "delivered", "11-05 14:00", shipment_id=shipment.pk)]
    report = tracking_events_ingest(partner=partner, events=[*again, again[-1]])
    # then the repeats are counted (2 from before, 1 within the batch), only e3 is new
    assert (report.received, report.stored, report.duplicates) == (4, 1, 3)
    assert TrackingEvent.objects.count() == 3
    assert TrackingBatch.objects.count() == 2 and OutboxMessage.objects.count() == 2
    # and a batch of nothing but repeats stores no batch and queues nothing
    report = tracking_events_ingest(partner=partner, events=batch)
    assert (report.stored, report.duplicates, report.batch_id) == (0, 2, None)
    assert TrackingBatch.objects.count() == 2 and OutboxMessage.objects.count() == 2


def test_two_partners_may_use_the_same_event_id(partner, other_partner, accepted):
    # given one shipment with each partner
    mine, theirs = accepted(), accepted(owner=other_partner)
    # when both send an event "e1"
    tracking_events_ingest(
        partner=partner, events=[event("e1", "in_transit", "11-02 09:00", shipment_id=mine.pk)]
    )
    tracking_events_ingest(
        partner=other_partner, events=[event("e1", "in_transit", "11-02 09:00", shipment_id=theirs.pk)]
    )
    # then both are stored: event ids are unique per partner
    assert TrackingEvent.objects.count() == 2


def test_another_partners_shipment_is_not_found_exactly_like_one_that_does_not_exist(
    partner, other_partner, accepted
):
    # given a shipment of the partner and one of another partner
    mine, theirs = accepted(), accepted(owner=other_partner)
    missing_id = theirs.pk + 1000
    # when the partner sends events for its own, for the other's (by id and by number) and for a made-up id
    report = tracking_events_ingest(
        partner=partner,
        events=[
            event("e1", "in_transit", "11-02 09:00", shipment_id=theirs.pk),
            event("e2", "in_transit", "11-02 09:00", tracking_number=theirs.tracking_number),
            event("e3", "in_transit", "11-02 09:00", shipment_id=mine.pk),
            event("e4", "in_transit", "11-02 09:00", shipment_id=missing_id),
        ],
    )
    # then only its own is stored; the other three are refused, each on its own, as not found
    assert (report.stored, [r.index for r in report.refused]) == (1, [0, 1, 3])
    refused = [r.as_dict() for r in report.refused]
    assert {r["code"] for r in refused} == {"shipment_not_found"}
    # and the other partner's shipment reads exactly like one that does not exist
    assert refused[0]["message"] == f"No shipment {theirs.pk} among yours."
    assert refused[2]["message"] == f"No shipment {missing_id} among yours."
    assert refused[1]["message"] == f"No shipment with tracking number {theirs.tracking_number} among yours."
    assert list(TrackingEvent.objects.values_list("shipment_id", flat=True)) == [mine.pk]


def test_a_tracking_number_matching_two_of_the_partners_shipments_is_refused_not_guessed(
    partner, other_partner, accepted
):
    # given two of the partner's shipments with the same tracking number, and a third partner's shipment
    # that shares another number with one of the partner's
    accepted(tracking_number="DUP123"), accepted(tracking_number="DUP123")
    own = accepted(tracking_number="SHARED9")
    accepted(owner=other_partner, tracking_number="SHARED9")
    # when events name them by tracking number
    report = tracking_events_ingest(
        partner=partner,
        events=[
            event("e1", "in_transit", "11-02 09:00", tracking_number="DUP123"),
            event("e2", "in_transit", "11-02 09:00", tracking_number="SHARED9"),
        ],
    )
    # then the ambiguous one is refused and nothing of it stored
    assert [(r.index, r.as_dict()["code"]) for r in report.refused] == [(0, "tracking_number_ambiguous")]
    # and the other partner's shipment does not make the partner's own number ambiguous
    assert list(TrackingEvent.objects.values_list("shipment_id", flat=True)) == [own.pk]


def test_an_id_and_a_tracking_number_that_disagree_are_not_found(partner, accepted):
    # given two shipments of the partner
    first, second = accepted(), accepted()
    # when an event names one by id and the other by number
    report = tracking_events_ingest(
        partner=partner,
        events=[
            event(
                "e1",
                "in_transit",
                "11-02 09:00",
                shipment_id=first.pk,
                tracking_number=second.tracking_number,
            )
        ],
    )
    # then neither is trusted
    assert [r.as_dict()["code"] for r in report.refused] == ["shipment_not_found"]
    assert not TrackingEvent.objects.exists()


def _future(minutes: int) -> str:
    return (timezone.now() + timedelta(minutes=minutes)).isoformat()


BAD_EVENTS = [
    ({"status": "teleported"}, "events[1].status", "Unknown status 'teleported'"),
    ({"status": "awaiting_partner"}, "events[1].status", "Unknown status"),  # a dispatch state, not tracking
    ({"status": None}, "events[1].status", "Required."),
    ({"occurred_at": "2026-11-02T09:00:00"}, "events[1].occurred_at", "Needs a time zone"),
    ({"occurred_at": "yesterday"}, "events[1].occurred_at", "Must be an ISO 8601 date and time"),
    ({"occurred_at": 1793955600}, "events[1].occurred_at", "Must be an ISO 8601 date and time"),
    ({"occurred_at": None}, "events[1].occurred_at", "Required."),
    ({"event_id": None}, "events[1].event_id", "Required"),
    ({"event_id": "x" * 101}, "events[1].event_id", "at most 100 characters"),
    ({"shipment_id": None}, "events[1].shipment_id", "Give shipment_id or tracking_number."),
    ({"shipment_id": "12"}, "events[1].shipment_id", "Must be a positive integer."),
    ({"shipment_id": True}, "events[1].shipment_id", "Must be a positive integer."),
    ({"status": "customs_hold"}, "events[1].reason", "Required for customs_hold"),
    ({"reason": "x" * 301}, "events[1].reason", "at most 300 characters"),
    ({"estimated_delivery": "06/11/2026"}, "events[1].estimated_delivery", "Must be an ISO 8601 date"),
    ({"duties_assessed": {"amount": 14.2, "currency": "EUR"}}, "events[1].duties_assessed.amount",
     "decimal string"),  # a float is refused, as everywhere money is taken
    ({"duties_assessed": {"amount": "-1", "currency": "EUR"}}, "events[1].duties_assessed.amount",
     "non-negative"),
    ({"duties_assessed": {"amount": "14.205", "currency": "EUR"}}, "events[1].duties_assessed.amount",
     "more decimals than EUR has (2)"),
    ({"duties_assessed": {"amount": "14.20", "currency": "EURO"}}, "events[1].duties_assessed.currency",
     "ISO 4217"),
    ({"duties_assessed": "14.20 EUR"}, "events[1].duties_assessed", "Must be an object"),
    # what PostgreSQL could not store, or a conversion could not hold, is refused here, not failed there
    ({"shipment_id": 2**63}, "events[1].shipment_id", "Must be a positive integer."),
    ({"event_id": "e\x002"}, "events[1]", "Contains a NUL character"),
    ({"note": {"k": "\ud800"}}, "events[1]", "invalid Unicode"),
    ({"occurred_at": "0001-01-01T00:00:00+14:00"}, "events[1].occurred_at", "Is before 2000."),
    ({"estimated_delivery": "1999-12-31"}, "events[1].estimated_delivery", "Must be an ISO 8601 date"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "field", "message"), BAD_EVENTS)
def test_a_batch_with_one_bad_event_is_refused_whole_naming_the_field(
    partner, accepted, change, field, message
):
    # given a good event and a bad one
    shipment = accepted()
    good = event("e1", "in_transit", "11-02 09:00", shipment_id=shipment.pk)
    bad = event("e2", "in_transit", "11-03 09:00", shipment_id=shipment.pk) | change
    bad = {k: v for k, v in bad.items() if v is not None}
    # when the partner sends them together
    with pytest.raises(TrackingEventsInvalidError) as refused:
        tracking_events_ingest(partner=partner, events=[good, bad])
    # then the error names the bad field, and nothing of the batch is stored
    assert list(refused.value.details) == [field]
    assert message in refused.value.details[field]
    assert refused.value.status == 422
    assert not TrackingEvent.objects.exists() and not TrackingBatch.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_an_event_in_the_future_is_refused_beyond_five_minutes_of_clock_skew(partner, accepted):
    # given a shipment
    shipment = accepted()
    # when an event is dated 10 minutes ahead of our clock, then it is refused
    with pytest.raises(TrackingEventsInvalidError) as refused:
        tracking_events_ingest(
            partner=partner,
            events=[
                {
                    "event_id": "e1",
                    "status": "in_transit",
                    "occurred_at": _future(10),
                    "shipment_id": shipment.pk,
                }
            ],
        )
    assert refused.value.details == {"events[0].occurred_at": "Is in the future."}
    # and one dated 4 minutes ahead (a partner's clock running fast) is taken
    report = tracking_events_ingest(
        partner=partner,
        events=[
            {"event_id": "e2", "status": "in_transit", "occurred_at": _future(4), "shipment_id": shipment.pk}
        ],
    )
    assert report.stored == 1


@pytest.mark.parametrize(
    ("events", "field", "message"),
    [
        ([], "events", "Must not be empty."),
        ({"event_id": "e1"}, "events", "Must be a list."),
        (["in_transit"], "events[0]", "Must be an object."),
        ([{}] * 1001, "events", "At most 1000 events per batch, got 1001."),
    ],
)
def test_a_batch_that_is_not_a_list_of_objects_or_is_too_long_is_refused(partner, events, field, message):
    with pytest.raises(TrackingEventsInvalidError) as refused:
        tracking_events_ingest(partner=partner, events=events)
    assert refused.value.details[field] == message
    assert not TrackingEvent.objects.exists()


def test_every_problem_of_a_batch_is_named_at_once(partner, accepted):
    # given two bad events: one without a status, one with a naive time
    shipment = accepted()
    naive = event("e2", "in_transit", "11-02 09:00", shipment_id=shipment.pk) | {
        "occurred_at": "2026-11-02T09:00"
    }
    events = [{"event_id": "e1", "shipment_id": shipment.pk, "occurred_at": "2026-11-02T09:00:00Z"}, naive]
    # when they are sent
    with pytest.raises(TrackingEventsInvalidError) as refused:
        tracking_events_ingest(partner=partner, events=events)
    # then both are named
    assert refused.value.details == {
        "events[0].status": "Required.",
        "events[1].occurred_at": "Needs a time zone (Z or an offset such as +01:00).",
    }
    assert refused.value.message == "2 problems in the batch; nothing was stored."


def _batch(shipments, size: int, prefix: str) -> list[dict]:
    return [
        event(f"{prefix}-{i}", "in_transit", "11-02 09:00", shipment_id=shipments[i % len(shipments)].pk)
        | ({"tracking_number": shipments[i % len(shipments)].tracking_number} if i % 2 else {})
        for i in range(size)
    ]


def test_the_queries_of_a_batch_do_not_grow_with_its_size(partner, accepted):
    """One lookup of the shipments, one of the event ids, one insert each for the batch, its events and the
    outbox message: the same for 1 event as for 1,000 (SQLite splits a bulk insert every 999 parameters, so
    there the large batch is 60 events, which fit in one insert)."""
    # given 20 shipments
    shipments = [accepted() for _ in range(20)]
    large = 1000 if connection.vendor == "postgresql" else 60
    # when a batch of 1 and a batch of `large` events (half by tracking number) are taken in
    with CaptureQueriesContext(connection) as one:
        assert tracking_events_ingest(partner=partner, events=_batch(shipments, 1, "a")).stored == 1
    with CaptureQueriesContext(connection) as many:
        assert tracking_events_ingest(partner=partner, events=_batch(shipments, large, "b")).stored == large
    # then both took the same number of queries
    assert len(many.captured_queries) == len(one.captured_queries), [
        q["sql"][:80] for q in many.captured_queries
    ]
    assert TrackingEvent.objects.count() == large + 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_event_id_stored_by_a_concurrent_request_meanwhile_is_skipped_not_failed(
    partner, accepted, monkeypatch
):
    """On PostgreSQL events go in by COPY, which a unique violation fails whole: the rows then go in again
    skipping the one the other request stored between this one's lookup and its COPY."""
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's; elsewhere the bulk insert skips conflicts itself")
    import threading

    from logistics.tracking import ingest

    # given a batch whose event e2 another request stores (and commits) just before this one's COPY
    shipment = accepted()
    first = tracking_events_ingest(
        partner=partner, events=[event("e0", "in_transit", "11-01 09:00", shipment_id=shipment.pk)]
    )
    insert = ingest._events_insert

    def racing_insert(rows):
        def other_request():
            TrackingEvent.objects.create(
                batch_id=first.batch_id, shipment=shipment, partner=partner, partner_event_id="e2",
                status="in_transit", occurred_at=timezone.now(), received_at=timezone.now(), raw={},
            )  # fmt: skip

        thread = threading.Thread(target=other_request)
        thread.start()
        thread.join()
        insert(rows)

    monkeypatch.setattr(ingest, "_events_insert", racing_insert)
    # when the batch e1, e2, e3 is taken in
    report = tracking_events_ingest(
        partner=partner,
        events=[event(f"e{i}", "in_transit", "11-02 09:00", shipment_id=shipment.pk) for i in (1, 2, 3)],
    )
    # then it succeeds: e1 and e3 are its own, e2 stays the other request's
    assert report.stored == 3  # what it tried to store; the other request's batch applies e2
    batches = dict(TrackingEvent.objects.values_list("partner_event_id", "batch_id"))
    assert batches["e1"] == batches["e3"] == report.batch_id and batches["e2"] == first.batch_id


def test_the_raw_event_keeps_what_the_partner_sent_unicode_and_extra_fields_included(partner, accepted):
    # given an event with a non-ASCII place, a field of the partner's own and a literal backslash-u0000
    shipment = accepted()
    sent = event("e1", "in_transit", "11-02 09:00", shipment_id=shipment.pk, location="Zürich 苏黎世")
    sent["carrier_note"] = "path C:\\u0000 is text, not a NUL"
    # when it is taken in
    tracking_events_ingest(partner=partner, events=[sent])
    # then it is stored, and its raw JSON is what was sent
    stored = TrackingEvent.objects.get()
    assert stored.location == "Zürich 苏黎世"
    assert stored.raw == sent
