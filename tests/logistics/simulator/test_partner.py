"""The simulator's pass against a fake API (the e2e test has the real one): an answer about one shipment
never stops the others, a batch refused as a whole is sent again event by event, and the loop outlives an
API that cannot be reached and a pass that fails."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from logistics.simulator.api_client import ApiRequestError, ApiResponse, ApiUnavailableError
from logistics.simulator.partner import PartnerSimulator

NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def detail(shipment_id: int, status: str = "offered") -> dict:
    return {
        "id": shipment_id, "reference": f"EW-{shipment_id}", "status": status, "status_at": None,
        "status_reason": "", "service_level": "express", "origin_country": "KE",
        "sender": {"city": "Nairobi", "country": "KE"}, "receiver": {"city": "Berlin", "country": "DE"},
        "duties": {"due_on_delivery": None},
    }  # fmt: skip


class FakeApi:
    """The partner API's answers, kept in memory: accepting, and applying events at once."""

    def __init__(self, *shipments: dict):
        self.shipments = {s["id"]: s for s in shipments}
        self.taken_by_others: set[int] = set()  # accepting these answers 409
        self.bad_event_ids: set[str] = set()  # a batch holding one of these answers 422
        self.event_posts: list[list[str]] = []

    def pages(self, path, params):
        return [dict(s) for s in self.shipments.values() if s["status"] == params["status"]]

    def get(self, path):
        return dict(self.shipments[int(path.rstrip("/").rsplit("/", 1)[1])])

    def post(self, path, body, idempotency_key=None):
        if path.endswith("/accept/"):
            shipment_id = int(path.split("/")[-3])
            if shipment_id in self.taken_by_others:
                raise ApiRequestError(
                    method="POST", path=path, status=409, body={"error": {"code": "offer_not_open"}}
                )
            self.shipments[shipment_id]["status"] = "pre_transit"
            return ApiResponse(200, self.shipments[shipment_id])
        ids = [event["event_id"] for event in body["events"]]
        self.event_posts.append(ids)
        if self.bad_event_ids & set(ids):
            raise ApiRequestError(method="POST", path=path, status=422, body={"error": {"code": "invalid"}})
        for event in body["events"]:
            shipment = self.shipments[event["shipment_id"]]
            shipment.update(
                status=event["status"], status_reason=event["reason"], status_at=event["occurred_at"]
            )
        return ApiResponse(202, {"received": len(ids), "stored": len(ids), "duplicates": 0, "refused": []})


def simulator(api, **kwargs) -> PartnerSimulator:
    options = {"speed": 1e9, "customs_hold_rate": 0, "clock": lambda: NOW} | kwargs
    return PartnerSimulator(api=api, partner="swift", **options)


def test_an_offer_taken_back_is_noted_and_the_others_are_accepted():
    # given two offers, one of them taken back before the partner answers
    api = FakeApi(detail(1), detail(2))
    api.taken_by_others.add(1)
    # when a pass runs
    report = simulator(api).run_pass()
    # then the other is accepted and tracked, and the refusal is in the report
    assert report.accepted == ["EW-2"]
    assert len(report.problems) == 1 and "accept EW-1" in report.problems[0] and "409" in report.problems[0]
    assert api.shipments[2]["status"] == "pre_transit" and api.shipments[2]["status_at"] is not None


def test_a_batch_refused_as_a_whole_is_sent_event_by_event_so_only_the_bad_one_waits():
    # given two accepted shipments, the first event of shipment 1 refused by the API
    api = FakeApi(detail(1, "pre_transit"), detail(2, "pre_transit"))
    api.bad_event_ids.add("sim-1-00-pre_transit")
    # when a pass runs
    report = simulator(api).run_pass()
    # then the batch of both went first, then each event alone: shipment 2's was taken
    assert api.event_posts == [
        ["sim-1-00-pre_transit", "sim-2-00-pre_transit"], ["sim-1-00-pre_transit"], ["sim-2-00-pre_transit"],
    ]  # fmt: skip
    assert (api.shipments[1]["status_at"], api.shipments[2]["status_reason"]) == (
        None, "Label created, waiting for the parcel",
    )  # fmt: skip
    assert report.stored == 1 and len(report.problems) == 1 and "sim-1-00" in report.problems[0]


def test_a_simulator_with_no_memory_carries_each_journey_on_to_delivered():
    # given an offer, and a clock that moves a second between passes (every step is due by then)
    api = FakeApi(detail(1))
    # when a new simulator runs each pass, as `--once` does
    delivered = []
    for second in range(5):
        at = NOW + timedelta(seconds=second)
        delivered += simulator(api, clock=lambda at=at: at).run_pass().delivered
    # then it read where the shipment stood each time and took it to the door, once
    assert api.shipments[1]["status"] == "delivered" and delivered == ["EW-1"]


def test_the_loop_outlives_an_unreachable_api_and_a_failing_pass():
    # given passes that meet an unreachable API, then a revoked key, then a bug, then work
    api = FakeApi()
    refused = ApiRequestError(method="GET", path="/api/v1/shipments/", status=401, body={})
    outcomes = [ApiUnavailableError("down"), refused, RuntimeError("a bug"), None]
    sim = simulator(api)
    real_pass = sim.run_pass

    def run_pass():
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome
        return real_pass()

    sim.run_pass = run_pass
    slept = []
    # when the loop runs four passes
    sim.run(interval=2, stop=lambda: not outcomes, sleep=slept.append)
    # then it waited longer after each failure, and went on
    assert slept == [10.0, 10.0, 10.0, 2]


def test_speed_must_be_positive():
    with pytest.raises(ValueError, match="speed"):
        simulator(FakeApi(), speed=0)
