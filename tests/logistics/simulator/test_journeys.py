"""Journeys: planned the same way on every run (so event ids and tracking numbers repeat), held in customs
as often as asked with duties near the checkout's estimate, and readable back from a shipment's status."""

from __future__ import annotations

from logistics.simulator.journeys import hours_left, journey_plan, journey_position, tracking_number_for


def shipment(shipment_id=42, *, level="standard", to="DE", due=("3.0000", "EUR")) -> dict:
    """A shipment as the API's detail gives it (the fields a journey reads)."""
    return {
        "id": shipment_id, "service_level": level,
        "sender": {"city": "Nairobi", "country": "KE"}, "receiver": {"city": "Berlin", "country": to},
        "duties": {"due_on_delivery": {"amount": due[0], "currency": due[1]} if due else None},
    }  # fmt: skip


def test_a_shipment_gets_the_same_journey_on_every_run():
    assert journey_plan(shipment()) == journey_plan(shipment())
    assert journey_plan(shipment(42)) != journey_plan(shipment(43))


def test_a_journey_goes_from_label_to_door_in_the_service_levels_time():
    plan = journey_plan(shipment(level="express"), customs_hold_rate=0)
    assert [s.status for s in plan] == ["pre_transit", "in_transit", "in_transit", "in_transit",
                                        "out_for_delivery", "delivered"]  # fmt: skip
    # express is 2 to 5 days door to door; each share is jittered by at most 20 %
    assert 2 * 24 * 0.8 * 0.84 <= hours_left(plan, -1) <= 5 * 24 * 1.2 * 0.84
    assert [s.event_id(42) for s in plan][:2] == ["sim-42-00-pre_transit", "sim-42-01-in_transit"]


def test_a_held_parcel_has_a_reason_and_duties_near_the_estimate_then_is_released():
    plan = journey_plan(shipment(due=("3.0000", "EUR")), customs_hold_rate=1)
    hold = next(s for s in plan if s.status == "customs_hold")
    release = plan[hold.index + 1]
    assert hold.reason == "Import duties and taxes being assessed"
    assert hold.duties_assessed["currency"] == "EUR"
    # one of the factors 0.95, 1, 1.08 or 1.15 of EUR 3.00, rounded to cents
    assert hold.duties_assessed["amount"] in {"2.85", "3.00", "3.24", "3.45"}
    assert (release.status, release.reason) == ("in_transit", "Released by customs")


def test_duties_take_the_currencys_decimals():
    plan = journey_plan(shipment(due=("1234.0000", "JPY")), customs_hold_rate=1)
    amount = next(s for s in plan if s.status == "customs_hold").duties_assessed["amount"]
    assert "." not in amount


def test_a_ddp_parcel_is_held_without_duties_assessed():
    # nothing is due on delivery (the buyer paid duties at checkout): no estimate to assess against
    plan = journey_plan(shipment(due=None), customs_hold_rate=1)
    hold = next(s for s in plan if s.status == "customs_hold")
    assert hold.duties_assessed is None and hold.reason


def test_a_parcel_within_one_country_is_never_held():
    plan = journey_plan(shipment(to="KE"), customs_hold_rate=1)
    assert "customs_hold" not in {s.status for s in plan}


def test_where_a_shipment_stands_is_read_back_from_its_status_and_reason():
    plan = journey_plan(shipment(), customs_hold_rate=1)
    # just accepted: pre_transit without an event time, no step taken yet
    assert journey_position(plan, status="pre_transit", reason="", status_at=None) == -1
    for step in plan:
        assert journey_position(
            plan, status=step.status, reason=step.reason, status_at="2026-11-02T09:00Z"
        ) == (step.index)
    # a reason that is not ours: the last step with that status
    last_in_transit = max(s.index for s in plan if s.status == "in_transit")
    assert journey_position(plan, status="in_transit", reason="Rerouted", status_at="x") == last_in_transit


def test_tracking_numbers_carry_the_upu_s10_check_digit():
    # the UPU's worked example: 12345678 weighs 204, 11 - 204 mod 11 = 5
    assert tracking_number_for(shipment_id=12345678, service_level="express", origin_country="US") == (
        "EE123456785US"
    )
    # 00000014 weighs 1 x 9 + 4 x 7 = 37, and 11 - 37 mod 11 = 7
    assert (
        tracking_number_for(shipment_id=14, service_level="economy", origin_country="KE") == "RR000000147KE"
    )
