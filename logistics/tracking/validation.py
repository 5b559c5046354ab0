"""Tracking events as partners send them (pushed or pulled), checked at the edge.

One event is a JSON object:

    {"event_id": "evt-81723",                      # the partner's id, unique per partner
     "shipment_id": 1042,                           # or "tracking_number": "SW123456789KE"
     "status": "customs_hold",                      # one of TRACKING_STATUSES
     "occurred_at": "2026-11-02T09:15:00+01:00",    # ISO 8601 with a time zone
     "reason": "Awaiting invoice",                  # required for customs_hold
     "location": "Frankfurt DE",
     "estimated_delivery": "2026-11-06",
     "duties_assessed": {"amount": "14.20", "currency": "EUR"}}

Every problem of a batch is named (`events[3].occurred_at`) and the whole batch refused: nothing is stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from ewtp.currencies import EXPONENTS
from logistics.dispatch.statuses import TRACKING_STATUSES, ShipmentStatus
from logistics.tracking.errors import TrackingEventsInvalidError

MAX_EVENTS = 1_000
# A partner's clock may run a little ahead of ours; more than this and the event is in the future.
CLOCK_SKEW = timedelta(minutes=5)
# At most this many problems are named in one answer (a batch of 1,000 bad events names the first ones).
MAX_PROBLEMS = 100
_STATUSES = ", ".join(sorted(TRACKING_STATUSES))
# Ids are bigints in the database; dates outside these years are typing mistakes, refused before they
# overflow a conversion.
MAX_ID = 2**63 - 1
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


@dataclass(frozen=True, slots=True)
class EventInput:
    index: int
    event_id: str
    shipment_id: int | None
    tracking_number: str
    status: str
    reason: str
    location: str
    occurred_at: datetime
    estimated_delivery: date | None
    duties_amount: Decimal | None
    duties_currency: str
    raw: dict
    raw_json: str  # `raw` as JSON text, checked storable


def tracking_events_parse(events: object, *, now: datetime) -> list[EventInput]:
    """Check a batch (a list of event objects) and return it parsed; raise TrackingEventsInvalidError naming
    every field at fault (`events`, `events[i]`, `events[i].field`) when anything is wrong."""
    if not isinstance(events, list):
        raise TrackingEventsInvalidError("Send a list of events.", details={"events": "Must be a list."})
    if not events:
        raise TrackingEventsInvalidError("The batch has no events.", details={"events": "Must not be empty."})
    if len(events) > MAX_EVENTS:
        raise TrackingEventsInvalidError(
            f"A batch holds at most {MAX_EVENTS:,} events; this one has {len(events):,}.",
            details={"events": f"At most {MAX_EVENTS} events per batch, got {len(events)}."},
        )
    problems: dict[str, str] = {}
    parsed = []
    latest = now + CLOCK_SKEW
    for index, event in enumerate(events):
        found: dict[str, str] = {}
        result = _event_parse(index, event, latest=latest, problems=found)
        problems.update((f"events[{index}]{'.' + k if k else ''}", v) for k, v in found.items())
        if result is not None:
            parsed.append(result)
    if problems:
        named = dict(list(problems.items())[:MAX_PROBLEMS])
        more = len(problems) - len(named)
        raise TrackingEventsInvalidError(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the batch; nothing was stored."
            + (f" The first {MAX_PROBLEMS} are named." if more else ""),
            details=named,
        )
    return parsed


def _event_parse(index: int, event: object, *, latest: datetime, problems: dict) -> EventInput | None:
    if not isinstance(event, dict):
        problems[""] = "Must be an object."
        return None
    raw_json = _storable_json(event)
    if raw_json is None:
        # PostgreSQL stores neither NUL characters nor unpaired surrogates, in text or in JSON.
        problems[""] = "Contains a NUL character or invalid Unicode."
        return None
    event_id = _event_id(event.get("event_id"), problems)
    shipment_id, tracking_number = _shipment_reference(event, problems)
    status = event.get("status")
    if status is None:
        problems["status"] = "Required."
    elif not isinstance(status, str) or status not in TRACKING_STATUSES:
        problems["status"] = f"Unknown status {status!r}; one of: {_STATUSES}."
    occurred_at = _occurred_at(event.get("occurred_at"), latest=latest, problems=problems)
    reason = _text(event, "reason", 300, problems)
    if status == ShipmentStatus.CUSTOMS_HOLD and not reason and "reason" not in problems:
        problems["reason"] = "Required for customs_hold: say why the parcel is held."
    location = _text(event, "location", 200, problems)
    estimated = _estimated_delivery(event.get("estimated_delivery"), problems)
    amount, currency = _duties(event.get("duties_assessed"), problems)
    if problems:
        return None
    return EventInput(
        index=index, event_id=event_id, shipment_id=shipment_id, tracking_number=tracking_number,
        status=status, reason=reason, location=location, occurred_at=occurred_at,
        estimated_delivery=estimated, duties_amount=amount, duties_currency=currency, raw=event,
        raw_json=raw_json,
    )  # fmt: skip


def _storable_json(event: dict) -> str | None:
    """The event as JSON text, or None when a string in it (keys included) holds a NUL character or an
    unpaired surrogate. One dumps and one encode decide, except where the text shows an escaped NUL, which
    may be a partner's literal backslash: the strings themselves decide then."""
    text = json.dumps(event, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    if "\\u0000" in text and not _storable(event):
        return None
    return text


def _storable(value: object) -> bool:
    """No NUL character and no unpaired surrogate in any string of the event, keys included."""
    if isinstance(value, str):
        if "\x00" in value:
            return False
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_storable(k) and _storable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_storable(item) for item in value)
    return True


def _event_id(value: object, problems: dict) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if value is None or value == "":
        problems["event_id"] = "Required: your own id of the event, the same on every retry."
    elif not isinstance(value, str) or len(value) > 100:
        problems["event_id"] = "Must be a string of at most 100 characters."
    else:
        return value
    return ""


def _shipment_reference(event: dict, problems: dict) -> tuple[int | None, str]:
    shipment_id, tracking_number = event.get("shipment_id"), event.get("tracking_number")
    if shipment_id is None and not tracking_number:
        problems["shipment_id"] = "Give shipment_id or tracking_number."
        return None, ""
    if shipment_id is not None and (
        not isinstance(shipment_id, int) or isinstance(shipment_id, bool) or not 1 <= shipment_id <= MAX_ID
    ):
        problems["shipment_id"] = "Must be a positive integer."
    if tracking_number is not None and (not isinstance(tracking_number, str) or len(tracking_number) > 60):
        problems["tracking_number"] = "Must be a string of at most 60 characters."
    return shipment_id, tracking_number or ""


def _occurred_at(value: object, *, latest: datetime, problems: dict) -> datetime | None:
    if value is None:
        problems["occurred_at"] = "Required."
        return None
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None:
        problems["occurred_at"] = "Must be an ISO 8601 date and time, e.g. 2026-11-02T09:15:00+01:00."
    elif moment.tzinfo is None or moment.utcoffset() is None:
        problems["occurred_at"] = "Needs a time zone (Z or an offset such as +01:00)."
    elif moment > latest:
        problems["occurred_at"] = "Is in the future."
    elif moment.year < EARLIEST_YEAR:
        problems["occurred_at"] = f"Is before {EARLIEST_YEAR}."
    else:
        return moment
    return None


def _text(event: dict, field: str, limit: int, problems: dict) -> str:
    value = event.get(field)
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > limit:
        problems[field] = f"Must be a string of at most {limit} characters."
        return ""
    return value.strip()


def _estimated_delivery(value: object, problems: dict) -> date | None:
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 10:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            day = None
        if day is not None and EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            return day
    problems["estimated_delivery"] = "Must be an ISO 8601 date, e.g. 2026-11-06."
    return None


def _duties(value: object, problems: dict) -> tuple[Decimal | None, str]:
    if value is None:
        return None, ""
    if not isinstance(value, dict):
        problems["duties_assessed"] = 'Must be an object: {"amount": "14.20", "currency": "EUR"}.'
        return None, ""
    currency = value.get("currency")
    exponent = EXPONENTS.get(currency) if isinstance(currency, str) else None
    if exponent is None:
        problems["duties_assessed.currency"] = "Must be an ISO 4217 code with a minor unit, e.g. EUR."
    raw_amount = value.get("amount")
    amount = None
    # Floats are refused, as everywhere money is taken: 0.1 + 0.2 is not an amount.
    if isinstance(raw_amount, str | int) and not isinstance(raw_amount, bool):
        try:
            amount = Decimal(raw_amount)
        except InvalidOperation:
            amount = None
    if amount is None or not amount.is_finite() or amount < 0:
        problems["duties_assessed.amount"] = 'Must be a non-negative decimal string, e.g. "14.20".'
        return None, ""
    if exponent is not None and -amount.as_tuple().exponent > exponent:
        problems["duties_assessed.amount"] = f"Has more decimals than {currency} has ({exponent})."
    if amount >= Decimal("1e10"):
        problems["duties_assessed.amount"] = "Is too large."
    return amount, currency if exponent is not None else ""
