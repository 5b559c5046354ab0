"""Which partner gets a shipment: every rate card serving its lane, ranked by one score.

    score = 0.5 x price + 0.2 x speed + 0.3 x record        (each part between 0 and 1, higher is better)

- price: the cheapest candidate's price / this card's price, for the band that takes the shipment's
  chargeable weight (prices compared in EUR at the day's rates; a card whose currency has no rate is
  ranked as if it were the dearest, price 0);
- speed: the quickest candidate's transit_days_max / this card's transit_days_max;
- record: the mean of the partner's acceptance rate (offers accepted / offers answered or expired) and
  on-time rate (deliveries on or before offer + transit_days_max / deliveries), each over its last
  RECORD_WINDOW offers and smoothed towards PRIOR_RATE as if PRIOR_WEIGHT more had gone that way, so a new
  partner starts at 0.8 rather than at a perfect or a ruinous record after one answer.

Ties go to the cheaper card, then the partner's slug (a stable order). A partner that already had the
shipment (rejected, expired, withdrawn) is never offered it again; nor is a card with no band for the weight,
or a service level other than the shipment's where one was chosen at checkout.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from ewtp.errors import ApplicationError
from ewtp.fx.conversion import RateTable, fx_rate_table
from ewtp.money import Money
from logistics.dispatch.models import DispatchOffer, Shipment
from logistics.dispatch.statuses import OfferStatus, ShipmentStatus
from logistics.partners.models import RateCard

# The one band rule, where quotes use it.
from logistics.partners.quoting import Dimensions, chargeable_weight, rate_cards_priced

WEIGHTS = {"price": Decimal("0.5"), "speed": Decimal("0.2"), "record": Decimal("0.3")}
RECORD_WINDOW = 200
PRIOR_RATE = Decimal("0.8")
PRIOR_WEIGHT = 4
COMPARISON_CURRENCY = "EUR"


@dataclass(frozen=True)
class PartnerRecord:
    accepted: int
    answered: int
    on_time: int
    delivered: int

    @staticmethod
    def _smoothed(hits: int, total: int) -> Decimal:
        return (Decimal(hits) + PRIOR_RATE * PRIOR_WEIGHT) / (total + PRIOR_WEIGHT)

    @property
    def acceptance_rate(self) -> Decimal:
        return self._smoothed(self.accepted, self.answered)

    @property
    def on_time_rate(self) -> Decimal:
        return self._smoothed(self.on_time, self.delivered)

    @property
    def score(self) -> Decimal:
        return (self.acceptance_rate + self.on_time_rate) / 2


@dataclass(frozen=True)
class Candidate:
    card: RateCard
    price: Money
    score: Decimal
    record: PartnerRecord


def partner_record(*, partner_id: int) -> PartnerRecord:
    """The partner's acceptance and on-time record over its last RECORD_WINDOW answered offers."""
    offers = list(
        DispatchOffer.objects.filter(partner_id=partner_id)
        .exclude(status__in=[OfferStatus.OFFERED, OfferStatus.WITHDRAWN])
        .select_related("shipment")
        .order_by("-offered_at")[:RECORD_WINDOW]
    )
    accepted = [offer for offer in offers if offer.status == OfferStatus.ACCEPTED]
    delivered = [
        offer
        for offer in accepted
        if offer.shipment.status == ShipmentStatus.DELIVERED
        and offer.shipment.status_at
        and offer.answered_at
        and offer.transit_days_max is not None
    ]
    on_time = [
        offer
        for offer in delivered
        if offer.shipment.status_at.date()
        <= (offer.answered_at + timedelta(days=offer.transit_days_max)).date()
    ]
    return PartnerRecord(len(accepted), len(offers), len(on_time), len(delivered))


def shipment_chargeable_weight(shipment: Shipment) -> Decimal:
    """The sum of the parcels' chargeable weights (each the greater of actual and volumetric)."""
    total = Decimal(0)
    for parcel in shipment.parcels.all():
        dimensions = Dimensions(parcel.length_cm, parcel.width_cm, parcel.height_cm)
        _, chargeable = chargeable_weight(
            weight_kg=parcel.gross_weight_kg or Decimal(0), dimensions=dimensions
        )
        total += chargeable
    return total


def _in_eur(price: Money, rates: RateTable) -> Decimal | None:
    if price.currency == COMPARISON_CURRENCY:
        return price.amount
    try:
        return rates.convert(price, COMPARISON_CURRENCY).money.amount
    except ApplicationError:  # no rate for that currency: ranked as the dearest
        return None


def dispatch_candidates(*, shipment: Shipment, rates: RateTable | None = None) -> list[Candidate]:
    """The cards that may carry `shipment`, best first (see the module's docstring for the score)."""
    tried = set(shipment.offers.values_list("partner_id", flat=True))
    chargeable = shipment_chargeable_weight(shipment)
    priced = [
        (card, price)
        for card, price in rate_cards_priced(
            origin=shipment.sender.country, destination=shipment.receiver.country, chargeable=chargeable
        )
        if card.partner_id not in tried
        and (not shipment.service_level or card.service_level == shipment.service_level)
    ]
    if not priced:
        return []
    currencies = {price.currency for _, price in priced}
    if len(currencies) == 1:
        comparable = {card.pk: price.amount for card, price in priced}
    else:
        rates = rates or fx_rate_table()
        comparable = {card.pk: _in_eur(price, rates) for card, price in priced}
    known = [amount for amount in comparable.values() if amount is not None]
    cheapest = min(known) if known else None
    quickest = min(card.transit_days_max for card, _ in priced)
    records = {pid: partner_record(partner_id=pid) for pid in {card.partner_id for card, _ in priced}}
    candidates = []
    for card, price in priced:
        amount = comparable[card.pk]
        if amount is None or cheapest is None:
            price_part = Decimal(0)
        else:
            price_part = Decimal(1) if amount == 0 else cheapest / amount
        speed_part = Decimal(quickest) / Decimal(max(card.transit_days_max, 1)) if quickest else Decimal(1)
        record = records[card.partner_id]
        score = (
            WEIGHTS["price"] * price_part + WEIGHTS["speed"] * speed_part + WEIGHTS["record"] * record.score
        ).quantize(Decimal("0.0001"))
        candidates.append(Candidate(card=card, price=price, score=score, record=record))
    candidates.sort(key=lambda c: (-c.score, comparable[c.card.pk] is None, comparable[c.card.pk] or 0,
                                   c.card.partner.slug))  # fmt: skip
    return candidates
