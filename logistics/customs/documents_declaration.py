"""CN22 or CN23: the UPU's rule for the customs declaration a postal item carries.

A CN22 is only for a letter-post item (a small packet of up to 2 kg) valued under 300 SDR. Every parcel (a
partner's parcel service, or anything over 2 kg) and every item of 300 SDR or more takes a CN23 (UPU
Convention Regulations, letter post and parcels). A CN23 is never wrong where a CN22 would do, so whatever
is not known to be a small packet (no rate card says so, several packages, a weight missing) gets a CN23.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from logistics.customs.documents_models import DocumentKind
from logistics.customs.sdr import CN23_FROM_SDR
from logistics.dispatch.models import Parcel, Shipment
from logistics.partners.lanes import rate_cards_serving
from logistics.partners.models import ServiceKind

SMALL_PACKET_MAX_KG = Decimal(2)  # letter post: small packets up to 2 kg (2.000 kg is one, 2.001 kg is not)


@dataclass(frozen=True, slots=True)
class PostalItem:
    """What the declaration rule reads: the service carrying the item, its weight and its value in SDR."""

    service_kind: str  # ServiceKind
    gross_weight_kg: Decimal | None  # None: not one package of known weight
    value_in_sdr: Decimal


def declaration_kind(item: PostalItem) -> str:
    """DocumentKind.CN22 for a letter-post small packet (up to 2 kg) under 300 SDR, else DocumentKind.CN23."""
    small_packet = (
        item.service_kind == ServiceKind.LETTER_POST
        and item.gross_weight_kg is not None
        and item.gross_weight_kg <= SMALL_PACKET_MAX_KG
    )
    return DocumentKind.CN22 if small_packet and item.value_in_sdr < CN23_FROM_SDR else DocumentKind.CN23


def shipment_service_kind(shipment: Shipment) -> str:
    """How the shipment travels: letter post only when every rate card that may carry it says so.

    The cards are those of its lane (sender's to receiver's country) at the service level the buyer paid for
    (any, when none was chosen), and only its partner's once one has it. Documents are issued at payment,
    usually before dispatch picks a partner: a lane that mixes letter post and parcels is a parcel.
    """
    cards = rate_cards_serving(origin=shipment.sender.country, destination=shipment.receiver.country)
    kinds = {
        card.service_kind
        for card in cards
        if (not shipment.service_level or card.service_level == shipment.service_level)
        and (shipment.partner_id is None or card.partner_id == shipment.partner_id)
    }
    return ServiceKind.LETTER_POST if kinds == {ServiceKind.LETTER_POST} else ServiceKind.PARCEL


def shipment_gross_weight(parcels: list[Parcel]) -> Decimal | None:
    """The one package's gross weight; None for several packages (each is its own item) or none known."""
    if len(parcels) != 1:
        return None
    return parcels[0].gross_weight_kg
