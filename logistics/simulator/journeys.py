"""A parcel's plausible way from label to door, planned from what the API says of its shipment.

    label created -> received at origin -> departed origin -> arrived at destination
        -> (sometimes) held in customs, with the duties assessed -> released
        -> out for delivery -> delivered

The plan is drawn from a random generator seeded with the shipment's id, so every run of the simulator (a
restart, or `--once` again) plans the same journey: the same steps, the same event ids, the same tracking
number. That is what makes a resent event a duplicate the platform ignores, never a second scan.

Each step names its own reason, so where a shipment stands can be read back from the API (its status with
its status_reason) by a simulator that remembers nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ewtp.currencies import EXPONENTS

# Door-to-door days by service level, like the demo partners' rate cards (logistics/partners/demo.py).
TRANSIT_DAYS = {"express": (2, 5), "standard": (6, 12), "economy": (10, 25)}
DEFAULT_SERVICE_LEVEL = "standard"
# S10-style tracking numbers (two letters, eight digits, a check digit, the origin country): the letters
# say the service, as postal operators' do.
SERVICE_LETTERS = {"express": "EE", "standard": "CP", "economy": "RR"}
S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)

HOLD_REASONS = (
    "Import duties and taxes being assessed",
    "Awaiting proof of value from the receiver",
    "Selected for inspection",
)
# What customs assess against the checkout's estimate: mostly the same, sometimes a little off either way.
DUTY_FACTORS = ("1", "1", "1", "1.08", "0.95", "1.15")


@dataclass(frozen=True)
class Step:
    index: int
    status: str
    hours: float  # simulated hours after the previous step
    reason: str
    location: str
    duties_assessed: dict | None = None  # {"amount": "3.24", "currency": "EUR"}
    revises_estimate: bool = False

    def event_id(self, shipment_id: int) -> str:
        """The partner's id of this event: the same on every run, unique among the partner's events."""
        return f"sim-{shipment_id}-{self.index:02d}-{self.status}"


def tracking_number_for(*, shipment_id: int, service_level: str, origin_country: str) -> str:
    """An S10-style number (e.g. CP000000427KE): a UPU check digit over eight digits from the shipment id."""
    digits = f"{shipment_id % 10**8:08d}"
    check = 11 - sum(int(d) * w for d, w in zip(digits, S10_WEIGHTS, strict=True)) % 11
    check = {10: 0, 11: 5}.get(check, check)
    letters = SERVICE_LETTERS.get(service_level, SERVICE_LETTERS[DEFAULT_SERVICE_LEVEL])
    return f"{letters}{digits}{check}{origin_country or 'XX'}"


def _duties(estimate: dict | None, rng: random.Random) -> dict | None:
    """What customs assess, near the checkout's estimate of duties due on delivery (None if nothing is due:
    DDP, or a parcel within one country)."""
    if not estimate or EXPONENTS.get(estimate.get("currency")) is None:
        return None
    exponent = EXPONENTS[estimate["currency"]]
    amount = Decimal(str(estimate["amount"])) * Decimal(rng.choice(DUTY_FACTORS))
    rounded = amount.quantize(Decimal(1).scaleb(-exponent), rounding=ROUND_HALF_UP)
    return {"amount": str(rounded), "currency": estimate["currency"]}


def journey_plan(shipment: dict, *, customs_hold_rate: float = 0.3) -> list[Step]:
    """The steps of `shipment` (the API's detail of it), each timed in simulated hours after the one
    before. A parcel that crosses a border is held in customs with probability `customs_hold_rate`."""
    rng = random.Random(f"ewtp-simulator:{shipment['id']}")  # noqa: S311 - a plausible journey, not a secret
    level = shipment.get("service_level") or DEFAULT_SERVICE_LEVEL
    low, high = TRANSIT_DAYS.get(level, TRANSIT_DAYS[DEFAULT_SERVICE_LEVEL])
    total = rng.uniform(low, high) * 24  # hours from label to door

    def part(share: float) -> float:
        return round(total * share * rng.uniform(0.8, 1.2), 2)

    sender, receiver = shipment["sender"], shipment["receiver"]
    origin = f"{sender['city']} {sender['country']}"
    destination = f"{receiver['city']} {receiver['country']}"
    crosses_border = sender["country"] != receiver["country"]
    held = crosses_border and rng.random() < customs_hold_rate
    duties = _duties((shipment.get("duties") or {}).get("due_on_delivery"), rng)
    steps = [
        ("pre_transit", 0, "Label created, waiting for the parcel", origin, None, False),
        ("in_transit", part(0.06), "Received at the origin facility", origin, None, True),
        ("in_transit", part(0.14), "Departed the country of origin", f"Export hub, {sender['country']}",
         None, False),
        ("in_transit", part(0.40), "Arrived in the country of destination",
         f"International hub, {receiver['country']}", None, False),
    ]  # fmt: skip
    if held:
        reason = HOLD_REASONS[0] if duties else rng.choice(HOLD_REASONS[1:])
        steps += [
            ("customs_hold", part(0.04), reason, f"Customs, {receiver['country']}", duties, False),
            ("in_transit", part(0.10), "Released by customs", f"Customs, {receiver['country']}", None, True),
        ]
    steps += [
        ("out_for_delivery", part(0.20), "With the courier for delivery", destination, None, True),
        ("delivered", part(0.04), rng.choice(["Delivered to the receiver", "Left with a neighbour"]),
         destination, None, False),
    ]  # fmt: skip
    return [
        Step(index=i, status=status, hours=hours, reason=reason, location=location, duties_assessed=duty,
             revises_estimate=revises)
        for i, (status, hours, reason, location, duty, revises) in enumerate(steps)
    ]  # fmt: skip


def journey_position(plan: list[Step], *, status: str, reason: str, status_at: str | None) -> int:
    """The index of the last step the shipment has taken, read from its status and status_reason; -1 when
    it has taken none (just accepted: pre_transit with no event time yet)."""
    if status_at is None:
        return -1
    for step in plan:
        if step.status == status and step.reason == reason:
            return step.index
    # Not one of ours (an operator's correction, another plan): the last step with that status.
    same = [step.index for step in plan if step.status == status]
    return same[-1] if same else -1


def hours_left(plan: list[Step], index: int) -> float:
    """Simulated hours from step `index` to delivery."""
    return sum(step.hours for step in plan[index + 1 :])
