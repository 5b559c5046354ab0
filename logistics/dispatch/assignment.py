"""Dispatch: offering a shipment to the best partner for its lane, and the partner's answer.

    awaiting_partner --shipment_dispatch--> offered --accept--> pre_transit (tracking takes over)
           ^                                   |
           +------- reject / expire -----------+       (the next partner is tried; none left: operators told)

A shipment is with one partner at a time (one open offer, by constraint) and `Shipment.partner` is that
partner from the offer on, so the partner sees it in the API while it decides. Every change runs in one
transaction with the shipment's row locked; what follows it (the webhook, the next dispatch) goes through
the outbox in that transaction. Dispatch states carry no event time (`status_at` stays empty), so the first
tracking event always wins over them.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ewtp.outbox.services import outbox_enqueue
from logistics.dispatch.alerts import operator_alert_raise
from logistics.dispatch.alerts_models import AlertKind
from logistics.dispatch.errors import OfferAnswerInvalidError, OfferNotOpenError, ShipmentNotFoundError
from logistics.dispatch.models import DispatchOffer, Shipment
from logistics.dispatch.scoring import dispatch_candidates
from logistics.dispatch.signals import shipment_status_changed
from logistics.dispatch.statuses import OfferStatus, ShipmentStatus
from logistics.dispatch.webhooks import webhook_queue
from logistics.dispatch.webhooks_models import WebhookEvent
from logistics.partners.models import ServiceLevel

log = logging.getLogger(__name__)

TRACKING_NUMBER_MAX = 60
REASON_MAX = 300


def shipment_dispatch_request(*, shipment_id: int) -> None:
    """Have a worker find the shipment a partner once the current transaction commits (through the outbox)."""
    from logistics.dispatch.tasks import shipment_assign

    outbox_enqueue(shipment_assign, shipment_id=shipment_id)


def offer_expires_at(offer: DispatchOffer):
    return offer.offered_at + timedelta(minutes=settings.DISPATCH_OFFER_TIMEOUT_MINUTES)


def _dispatched_payload(shipment: Shipment, offer: DispatchOffer) -> dict:
    return {
        "shipment": {
            "id": shipment.pk,
            "reference": shipment.reference,
            "origin_country": shipment.sender.country,
            "destination_country": shipment.receiver.country,
            "service_level": offer.rate_card.service_level if offer.rate_card else "",
            "incoterm": shipment.incoterm,
            "offer_expires_at": offer_expires_at(offer),
            "url": f"{settings.SITE_URL}/api/v1/shipments/{shipment.pk}/",
        }
    }


@transaction.atomic
def shipment_dispatch(*, shipment_id: int) -> DispatchOffer | None:
    """Offer an awaiting shipment to its best partner not yet tried, and send that partner the webhook.

    Idempotent: a shipment already offered, accepted or cancelled is left as it is (its open offer is
    returned). None when no partner is left: the shipment stays awaiting_partner and operators are told.
    """
    shipment = (
        Shipment.objects.select_for_update(of=("self",))
        .select_related("sender", "receiver")
        .get(pk=shipment_id)
    )
    if shipment.status != ShipmentStatus.AWAITING_PARTNER:
        return shipment.offers.filter(status=OfferStatus.OFFERED).first()
    candidates = dispatch_candidates(shipment=shipment)
    if not candidates:
        tried = shipment.offers.count()
        operator_alert_raise(
            kind=AlertKind.NO_PARTNER,
            key=f"no_partner:{shipment.pk}:{tried}",
            subject=f"No partner for shipment {shipment.reference}",
            body=(
                f"Shipment {shipment.reference} ({shipment.sender.country} -> "
                f"{shipment.receiver.country}) has no partner left: {tried} offer(s) were rejected, expired "
                "or withdrawn, and no other active rate card serves the lane for its weight. It stays "
                "'awaiting a logistics partner': add a rate card or ask a partner, then dispatch it again "
                "from the admin."
            ),
        )
        return None
    best = candidates[0]
    offer = DispatchOffer.objects.create(
        shipment=shipment, partner=best.card.partner, rate_card=best.card, price_amount=best.price.amount,
        price_currency=best.price.currency, transit_days_max=best.card.transit_days_max, score=best.score,
    )  # fmt: skip
    shipment.partner = best.card.partner
    shipment.status, shipment.status_at = ShipmentStatus.OFFERED, None
    shipment.save(update_fields=["partner", "status", "status_at", "updated_at"])
    webhook_queue(partner=best.card.partner, event=WebhookEvent.SHIPMENT_DISPATCHED,
                  data=_dispatched_payload(shipment, offer), shipment=shipment)  # fmt: skip
    log.info("dispatch.offered", extra={"shipment": shipment.pk, "partner": best.card.partner_id,
                                        "score": str(best.score)})  # fmt: skip
    return offer


def _partner_shipment_locked(*, partner_id: int, shipment_id: int) -> Shipment:
    """The partner's shipment, row locked; another partner's (or none) is ShipmentNotFoundError."""
    shipment = Shipment.objects.select_for_update().filter(pk=shipment_id, partner_id=partner_id).first()
    if shipment is None:
        raise ShipmentNotFoundError("No such shipment.")
    return shipment


def _open_offer(shipment: Shipment) -> DispatchOffer | None:
    return shipment.offers.filter(status=OfferStatus.OFFERED, partner_id=shipment.partner_id).first()


def _accept_values(tracking_number: str, service_level: str) -> tuple[str, str]:
    tracking_number = (tracking_number or "").strip()
    errors = {}
    if not tracking_number or len(tracking_number) > TRACKING_NUMBER_MAX or not tracking_number.isprintable():
        errors["tracking_number"] = f"1 to {TRACKING_NUMBER_MAX} printable characters."
    if service_level not in ServiceLevel.values:
        errors["service_level"] = f"One of {', '.join(ServiceLevel.values)}."
    if errors:
        raise OfferAnswerInvalidError("Check the tracking number and the service level.", details=errors)
    return tracking_number, service_level


@transaction.atomic
def shipment_offer_accept(
    *, partner_id: int, shipment_id: int, tracking_number: str, service_level: str
) -> Shipment:
    """The partner takes the shipment: its tracking number and service level, status pre_transit.

    Accepting again with the same tracking number returns the shipment as it is; with another, or once the
    offer is gone, OfferNotOpenError. Another partner's shipment is ShipmentNotFoundError.
    """
    tracking_number, service_level = _accept_values(tracking_number, service_level)
    shipment = _partner_shipment_locked(partner_id=partner_id, shipment_id=shipment_id)
    offer = _open_offer(shipment)
    if offer is None:
        accepted = shipment.offers.filter(partner_id=partner_id, status=OfferStatus.ACCEPTED).exists()
        if (
            accepted
            and shipment.tracking_number == tracking_number
            and shipment.service_level == service_level
        ):
            return shipment
        raise OfferNotOpenError(
            f"Shipment {shipment.pk} is not waiting for your answer (it is {shipment.status}).",
            details={"status": str(shipment.status)},
        )
    now = timezone.now()
    offer.status, offer.answered_at = OfferStatus.ACCEPTED, now
    offer.save(update_fields=["status", "answered_at"])
    previous = shipment.status
    shipment.tracking_number, shipment.service_level = tracking_number, service_level
    shipment.status, shipment.status_at, shipment.status_reason = ShipmentStatus.PRE_TRANSIT, None, ""
    shipment.save(update_fields=["tracking_number", "service_level", "status", "status_at", "status_reason",
                                 "updated_at"])  # fmt: skip
    shipment_status_changed.send(
        sender=Shipment, shipment=shipment, previous=previous, status=shipment.status
    )
    return shipment


def _offer_close(shipment: Shipment, offer: DispatchOffer, *, status: str, reason: str) -> None:
    """Close the open offer, put the shipment back to awaiting a partner, and queue the next dispatch."""
    offer.status, offer.reason, offer.answered_at = status, reason[:REASON_MAX], timezone.now()
    offer.save(update_fields=["status", "reason", "answered_at"])
    shipment.partner, shipment.status, shipment.status_at = None, ShipmentStatus.AWAITING_PARTNER, None
    shipment.save(update_fields=["partner", "status", "status_at", "updated_at"])
    shipment_dispatch_request(shipment_id=shipment.pk)


@transaction.atomic
def shipment_offer_reject(*, partner_id: int, shipment_id: int, reason: str) -> None:
    """The partner turns the shipment down; the next partner is tried. The shipment is then no longer the
    partner's (its API answers 404 for it)."""
    reason = (reason or "").strip()
    if not reason or len(reason) > REASON_MAX:
        raise OfferAnswerInvalidError(
            "Say why you reject the shipment.", details={"reason": f"1 to {REASON_MAX} characters."}
        )
    shipment = _partner_shipment_locked(partner_id=partner_id, shipment_id=shipment_id)
    offer = _open_offer(shipment)
    if offer is None:
        raise OfferNotOpenError(
            f"Shipment {shipment.pk} is not waiting for your answer (it is {shipment.status}).",
            details={"status": str(shipment.status)},
        )
    _offer_close(shipment, offer, status=OfferStatus.REJECTED, reason=reason)


def offers_expired_ids() -> list[int]:
    """Open offers older than DISPATCH_OFFER_TIMEOUT_MINUTES."""
    cutoff = timezone.now() - timedelta(minutes=settings.DISPATCH_OFFER_TIMEOUT_MINUTES)
    return list(
        DispatchOffer.objects.filter(status=OfferStatus.OFFERED, offered_at__lt=cutoff).values_list(
            "pk", flat=True
        )
    )


@transaction.atomic
def dispatch_offer_expire(*, offer_id: int) -> bool:
    """Take the shipment back from a partner that did not answer in time; False if it answered meanwhile."""
    offer = DispatchOffer.objects.select_related("shipment").get(pk=offer_id)
    shipment = Shipment.objects.select_for_update().get(pk=offer.shipment_id)
    offer.refresh_from_db()
    if offer.status != OfferStatus.OFFERED or offer.partner_id != shipment.partner_id:
        return False
    minutes = settings.DISPATCH_OFFER_TIMEOUT_MINUTES
    _offer_close(shipment, offer, status=OfferStatus.EXPIRED, reason=f"No answer within {minutes} minutes.")
    return True
