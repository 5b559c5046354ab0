"""Taking tracking events in: checked, matched to the partner's shipments, stored once, queued to apply.

    report = tracking_events_ingest(partner=partner, events=[{...}, ...])

Store-then-apply: a batch is stored in one transaction together with its outbox message, and the
`tracking.batch_apply` task applies it (logistics/tracking/applying.py). The work here is a fixed number of
queries whatever the batch's size: one lookup of every shipment the batch names, one of the event ids
already stored, then one insert for the batch, one for its events and one for the outbox message. On
PostgreSQL the events go in by COPY, about three times as fast as a multi-row INSERT (bench/tracking.py).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from ewtp.errors import ApplicationError
from ewtp.outbox.services import outbox_enqueue
from logistics.dispatch.models import Shipment
from logistics.partners.models import Partner
from logistics.tracking.errors import TrackingNumberAmbiguousError, TrackingShipmentNotFoundError
from logistics.tracking.models import TrackingBatch, TrackingEvent
from logistics.tracking.tasks import batch_apply
from logistics.tracking.validation import EventInput, tracking_events_parse


@dataclass(frozen=True)
class Refusal:
    """An event of a valid batch that was not stored: its shipment is unknown to the partner, or ambiguous."""

    index: int
    event_id: str
    error: ApplicationError

    def as_dict(self) -> dict:
        return {"index": self.index, "event_id": self.event_id, "code": str(self.error.code),
                "message": self.error.message}  # fmt: skip


@dataclass
class IngestReport:
    received: int
    stored: int = 0
    duplicates: int = 0
    batch_id: int | None = None
    refused: list[Refusal] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "received": self.received, "stored": self.stored, "duplicates": self.duplicates,
            "refused": [refusal.as_dict() for refusal in self.refused], "batch_id": self.batch_id,
        }  # fmt: skip


def tracking_events_ingest(
    *,
    partner: Partner,
    events: list[dict],
    source: str = TrackingBatch.Source.PUSH,
    now: datetime | None = None,
) -> IngestReport:
    """Check a batch of up to 1,000 events and store the new ones for `partner`, queued to apply.

    Raises TrackingEventsInvalidError (nothing stored) when any event breaks a rule. Otherwise every event is
    stored, counted as a duplicate (its event id is already stored for the partner: never applied twice),
    or refused on its own: a shipment that is not the partner's is "not found" whether or not it exists,
    and a tracking number naming two of the partner's shipments is refused, never guessed.
    """
    now = now or timezone.now()
    parsed = tracking_events_parse(events, now=now)
    report = IngestReport(received=len(parsed))
    resolved = _shipments_resolve(partner, parsed, report)
    with transaction.atomic():
        stored_ids = set(
            TrackingEvent.objects.filter(
                partner=partner, partner_event_id__in={event.event_id for event, _ in resolved}
            ).values_list("partner_event_id", flat=True)
        )
        new: list[tuple[EventInput, int]] = []
        for event, shipment_id in resolved:
            if event.event_id in stored_ids:
                report.duplicates += 1
            else:
                stored_ids.add(event.event_id)  # the same id twice in one batch: the first one counts
                new.append((event, shipment_id))
        if not new:
            return report
        batch = TrackingBatch.objects.create(
            partner=partner, source=source, received_at=now, events_stored=len(new),
            duplicates=report.duplicates,
        )  # fmt: skip
        _events_insert([_values(event, shipment_id, batch_id=batch.pk, partner_id=partner.pk, now=now)
                        for event, shipment_id in new])  # fmt: skip
        outbox_enqueue(batch_apply, batch_id=batch.pk)
    report.stored, report.batch_id = len(new), batch.pk
    return report


def tracking_events_of_shipment(events: list, *, shipment_id: int) -> list:
    """The events as sent for one shipment the caller named (an API path, a tracking URL): each object's
    `shipment_id` is that one and its `tracking_number` dropped, since what an event says about its shipment
    is then not asked for and not trusted. Items that are not objects are left for the checks to name."""
    return [
        {k: v for k, v in event.items() if k != "tracking_number"} | {"shipment_id": shipment_id}
        if isinstance(event, dict)
        else event
        for event in events
    ]


def _shipments_resolve(
    partner: Partner, events: list[EventInput], report: IngestReport
) -> list[tuple[EventInput, int]]:
    """Each event with the id of the partner's shipment it names, in one query; the others refused."""
    ids = {event.shipment_id for event in events if event.shipment_id is not None}
    numbers = {event.tracking_number for event in events if event.tracking_number}
    by_id: dict[int, str] = {}
    by_number: dict[str, list[int]] = defaultdict(list)
    if ids or numbers:
        rows = Shipment.objects.filter(
            Q(pk__in=ids) | Q(tracking_number__in=numbers), partner=partner
        ).values_list("pk", "tracking_number")
        for pk, number in rows:
            by_id[pk] = number
            if number in numbers:
                by_number[number].append(pk)
    resolved = []
    for event in events:
        shipment_id = event.shipment_id
        if shipment_id is None:
            matches = by_number.get(event.tracking_number, [])
            if len(matches) > 1:
                report.refused.append(Refusal(event.index, event.event_id, _ambiguous(event)))
                continue
            shipment_id = matches[0] if matches else None
        elif event.tracking_number and by_id.get(shipment_id) != event.tracking_number:
            shipment_id = None  # both given and they disagree: neither is trusted
        if shipment_id is None or shipment_id not in by_id:
            report.refused.append(Refusal(event.index, event.event_id, _not_found(event)))
            continue
        resolved.append((event, shipment_id))
    return resolved


def _not_found(event: EventInput) -> TrackingShipmentNotFoundError:
    # The same answer for another partner's shipment and one that does not exist: nothing is revealed.
    if event.shipment_id is not None:
        return TrackingShipmentNotFoundError(
            f"No shipment {event.shipment_id} among yours.", details={"shipment_id": "Not found."}
        )
    return TrackingShipmentNotFoundError(
        f"No shipment with tracking number {event.tracking_number} among yours.",
        details={"tracking_number": "Not found."},
    )


def _ambiguous(event: EventInput) -> TrackingNumberAmbiguousError:
    return TrackingNumberAmbiguousError(
        f"Tracking number {event.tracking_number} matches more than one of your shipments: send shipment_id.",
        details={"tracking_number": "Matches more than one shipment; send shipment_id instead."},
    )


# The stored columns, in the order _values gives them.
FIELDS = (
    "batch_id", "shipment_id", "partner_id", "partner_event_id", "status", "reason", "location",
    "occurred_at", "received_at", "estimated_delivery", "duties_assessed_amount", "duties_assessed_currency",
    "raw",
)  # fmt: skip


def _values(event: EventInput, shipment_id: int, *, batch_id: int, partner_id: int, now: datetime) -> tuple:
    return (
        batch_id, shipment_id, partner_id, event.event_id, event.status, event.reason, event.location,
        event.occurred_at, now, event.estimated_delivery, event.duties_amount, event.duties_currency,
        event.raw_json,
    )  # fmt: skip


def _events_insert(rows: list[tuple]) -> None:
    """Store the rows: by COPY on PostgreSQL, else one bulk insert. Should a concurrent request have stored
    one of the same event ids since they were looked up, COPY fails on the unique constraint; the rows then
    go in again skipping the ones stored first (that request's batch applies those)."""
    if connection.vendor == "postgresql":
        try:
            with transaction.atomic():
                _copy(rows)
            return
        except IntegrityError:
            pass
    raw = FIELDS.index("raw")
    TrackingEvent.objects.bulk_create(
        [
            TrackingEvent(**dict(zip(FIELDS, row, strict=True)) | {"raw": json.loads(row[raw])})
            for row in rows
        ],
        ignore_conflicts=True,
    )


def _copy(rows: list[tuple]) -> None:
    meta = TrackingEvent._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in FIELDS)
    # COPY goes past Django's cursor wrapper: wrap_database_errors turns psycopg's errors into Django's.
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copying,
    ):
        for row in rows:
            copying.write_row(row)  # raw is JSON text already, which COPY reads into the jsonb column
