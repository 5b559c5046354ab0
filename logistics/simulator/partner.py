"""The simulated partner: one pass accepts every shipment offered to it and pushes every tracking event that
has fallen due; `run` repeats passes until stopped.

What it remembers (each journey's plan and last step) only saves requests: a simulator started afresh
reads where each shipment stands from the API and carries on, and any event it sends again is a duplicate
the platform ignores (same event id). Time is compressed by `speed`: at 3600 a simulated hour passes in a
real second. Event times are real times (the platform refuses events from the future), so a step falls due
`hours * 3600 / speed` real seconds after the one before it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from logistics.simulator.api_client import ApiRequestError, ApiUnavailableError, PartnerApiClient
from logistics.simulator.journeys import (
    DEFAULT_SERVICE_LEVEL,
    Step,
    hours_left,
    journey_plan,
    journey_position,
    tracking_number_for,
)

log = logging.getLogger(__name__)

SHIPMENTS = "/api/v1/shipments/"
EVENTS = "/api/v1/tracking/events/"
# The statuses in which a parcel is on its way, and so has events still to come.
MOVING = ("pre_transit", "in_transit", "customs_hold", "out_for_delivery")
BATCH_MAX = 1_000  # the API's limit per POST
# After a pass that could not reach the API at all, wait this long before the next (the web may be starting).
UNAVAILABLE_PAUSE = 10.0


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Journey:
    shipment_id: int
    reference: str
    plan: list[Step]
    taken: int  # the last step the platform has from us (-1: none)
    taken_at: datetime | None  # that step's event time: the next one is timed from it


@dataclass
class PassReport:
    accepted: list[str] = field(default_factory=list)
    stored: int = 0
    duplicates: int = 0
    delivered: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Due:
    journey: Journey
    step: Step
    event: dict


class PartnerSimulator:
    def __init__(
        self,
        *,
        api: PartnerApiClient,
        partner: str,
        speed: float = 3600.0,
        customs_hold_rate: float = 0.3,
        clock: Callable[[], datetime] = _utc_now,
        say: Callable[[str], None] = lambda line: None,
    ):
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.api = api
        self.partner = partner
        self.speed = speed
        self.customs_hold_rate = customs_hold_rate
        self.clock = clock
        self.say = say
        self.journeys: dict[int, Journey] = {}

    # -- the loop

    def run(self, *, interval: float, stop: Callable[[], bool] = lambda: False, sleep=time.sleep) -> None:
        """Passes every `interval` seconds until `stop()`; no answer of the API ends it."""
        while not stop():
            pause = interval
            try:
                report = self.run_pass()
            except ApiUnavailableError as error:
                log.warning("simulator.api_unavailable", extra={"partner": self.partner, "error": str(error)})
                self.say(f"{self.partner}: API unavailable ({error}); trying again shortly")
                pause = max(interval, UNAVAILABLE_PAUSE)
            except ApiRequestError as error:  # a key revoked, a scope taken away: say so plainly, and wait
                log.error("simulator.refused", extra={"partner": self.partner, "error": str(error)})
                self.say(f"{self.partner}: the API refused the simulator ({error}); trying again shortly")
                pause = max(interval, UNAVAILABLE_PAUSE)
            except Exception:
                # A simulator that dies stops the demo (and honcho stops every process with it): whatever
                # went wrong in this pass is logged with its traceback, and the next pass starts afresh.
                log.exception("simulator.pass_failed", extra={"partner": self.partner})
                self.journeys.clear()
                pause = max(interval, UNAVAILABLE_PAUSE)
            else:
                for problem in report.problems:
                    log.warning("simulator.problem", extra={"partner": self.partner, "problem": problem})
            sleep(pause)

    def run_pass(self) -> PassReport:
        """Accept what is offered, then push what has fallen due. A final answer about one shipment (a 409,
        a 404) is noted in the report and the pass goes on; an API that cannot be reached raises
        ApiUnavailableError."""
        report = PassReport()
        self._offers_accept(report)
        due = self._events_due(report)
        for start in range(0, len(due), BATCH_MAX):
            self._events_push(due[start : start + BATCH_MAX], report)
        return report

    # -- offers

    def _offers_accept(self, report: PassReport) -> None:
        for shipment in self.api.pages(SHIPMENTS, {"status": "offered"}):
            level = shipment.get("service_level") or DEFAULT_SERVICE_LEVEL
            number = tracking_number_for(shipment_id=shipment["id"], service_level=level,
                                         origin_country=shipment.get("origin_country", ""))  # fmt: skip
            try:
                self.api.post(f"{SHIPMENTS}{shipment['id']}/accept/",
                              {"tracking_number": number, "service_level": level})  # fmt: skip
            except ApiRequestError as error:  # taken back meanwhile (expired, cancelled): not ours to carry
                report.problems.append(f"accept {shipment['reference']}: {error}")
                continue
            report.accepted.append(shipment["reference"])
            self.say(f"{self.partner}: accepted {shipment['reference']} as {number} ({level})")

    # -- tracking

    def _events_due(self, report: PassReport) -> list[_Due]:
        now = self.clock()
        moving: set[int] = set()
        due: list[_Due] = []
        for status in MOVING:
            for shipment in self.api.pages(SHIPMENTS, {"status": status}):
                if shipment["id"] in moving:  # its status changed between two lists: seen once is enough
                    continue
                moving.add(shipment["id"])
                try:
                    journey = self.journeys.get(shipment["id"]) or self._journey_read(shipment)
                except ApiRequestError as error:
                    report.problems.append(f"read {shipment['reference']}: {error}")
                    continue
                self.journeys[journey.shipment_id] = journey
                due.extend(self._journey_due(journey, now))
        # Delivered, returned, cancelled or taken away: nothing more to say about those.
        for gone in set(self.journeys) - moving:
            del self.journeys[gone]
        return due

    def _journey_read(self, summary: dict) -> Journey:
        """Plan the shipment's journey from its detail, and find where it stands on it."""
        detail = self.api.get(f"{SHIPMENTS}{summary['id']}/")
        plan = journey_plan(detail, customs_hold_rate=self.customs_hold_rate)
        status_at = detail.get("status_at")
        taken = journey_position(plan, status=detail["status"], reason=detail.get("status_reason", ""),
                                 status_at=status_at)  # fmt: skip
        taken_at = datetime.fromisoformat(status_at) if status_at else None
        return Journey(detail["id"], detail["reference"], plan, taken, taken_at)

    def _journey_due(self, journey: Journey, now: datetime) -> list[_Due]:
        """The journey's next steps whose time has come, each timed from the one before."""
        due = []
        at = journey.taken_at or now  # just accepted: the label is created now
        for step in journey.plan[journey.taken + 1 :]:
            at = at + timedelta(seconds=step.hours * 3600 / self.speed)
            if at > now:
                break
            due.append(_Due(journey, step, self._event(journey, step, at)))
        return due

    def _event(self, journey: Journey, step: Step, at: datetime) -> dict:
        event = {
            "event_id": step.event_id(journey.shipment_id), "shipment_id": journey.shipment_id,
            "status": step.status, "occurred_at": at.isoformat(), "reason": step.reason,
            "location": step.location,
        }  # fmt: skip
        if step.revises_estimate:
            arrival = at + timedelta(seconds=hours_left(journey.plan, step.index) * 3600 / self.speed)
            event["estimated_delivery"] = arrival.date().isoformat()
        if step.duties_assessed:
            event["duties_assessed"] = step.duties_assessed
        return event

    def _events_push(self, due: list[_Due], report: PassReport) -> None:
        try:
            answer = self.api.post(EVENTS, {"events": [item.event for item in due]}).body
        except ApiRequestError as error:
            if len(due) == 1:
                report.problems.append(f"event {due[0].event['event_id']}: {error}")
                self.journeys.pop(due[0].journey.shipment_id, None)  # read it again from the API next pass
                return
            # The batch was refused as a whole (one bad event refuses all): send each on its own, so only
            # the bad one waits.
            for item in due:
                self._events_push([item], report)
            return
        refused = {refusal["index"] for refusal in answer.get("refused", [])}
        for refusal in answer.get("refused", []):
            report.problems.append(f"event {refusal['event_id']}: {refusal['code']} {refusal['message']}")
        report.stored += answer.get("stored", 0)
        report.duplicates += answer.get("duplicates", 0)
        for index, item in enumerate(due):
            journey = item.journey
            if index in refused:
                self.journeys.pop(journey.shipment_id, None)
                continue
            if item.step.index > journey.taken:
                journey.taken = item.step.index
                journey.taken_at = datetime.fromisoformat(item.event["occurred_at"])
            self.say(f"{self.partner}: {journey.reference} {item.step.status}: {item.step.reason}")
            if item.step.status == "delivered":
                report.delivered.append(journey.reference)
