"""CN22 or CN23 by the UPU's rule: a CN22 only for a letter-post small packet (up to 2 kg) under 300 SDR; a
CN23 for every parcel (a parcel service, or anything over 2 kg) and from 300 SDR."""

from datetime import date
from decimal import Decimal

import pytest

from logistics.customs.documents import customs_documents_issue
from logistics.customs.documents_declaration import PostalItem, declaration_kind, shipment_service_kind
from logistics.partners.models import ServiceKind
from tests.logistics.conftest import shipment_line
from tests.logistics.customs.postal_lanes import lane_card

ON = date(2026, 10, 30)  # SDR rate in force: 1 SDR = 1.36 USD (seeds, 2026-01-02)
LETTER, PARCEL = ServiceKind.LETTER_POST, ServiceKind.PARCEL


@pytest.mark.parametrize(
    ("service", "kg", "sdr", "kind"),
    [
        (LETTER, "2.000", "299.99", "cn22"),  # a small packet of exactly 2 kg, under 300 SDR
        (LETTER, "2.001", "299.99", "cn23"),  # 1 g over 2 kg: a parcel, whatever the service
        (LETTER, "0.450", "299.99", "cn22"),
        (LETTER, "0.450", "300", "cn23"),  # 300 SDR exactly is CN23
        (LETTER, "2.000", "300.01", "cn23"),
        (PARCEL, "5.000", "50", "cn23"),  # the issue's case: a 5 kg parcel worth 50 SDR
        (PARCEL, "0.450", "50", "cn23"),  # a parcel service: CN23 even light and cheap
        (PARCEL, "2.000", "299.99", "cn23"),
        (LETTER, None, "50", "cn23"),  # weight unknown (several packages): not a small packet
    ],
)
def test_the_declaration_follows_the_upu_rule(service, kg, sdr, kind):
    item = PostalItem(
        service_kind=service, gross_weight_kg=None if kg is None else Decimal(kg), value_in_sdr=Decimal(sdr)
    )
    assert declaration_kind(item) == kind


@pytest.fixture
def ready(customs_rules, documents_dir):
    return None


def _declaration(make_shipment, *, kg: str, usd: str, **overrides):
    shipment = make_shipment(
        lines=[shipment_line(quantity=1, unit_value=Decimal(usd))],
        parcels=[{"gross_weight_kg": Decimal(kg), "length_cm": 30, "width_cm": 20, "height_cm": 5}],
        **overrides,
    )
    return customs_documents_issue(shipment_id=shipment.pk, on=ON)[1]


@pytest.mark.parametrize(
    ("kg", "usd", "kind", "sdr"),
    [
        ("2.000", "100.00", "cn22", "73.53"),  # 100.00 / 1.36 = 73.529... SDR, 2 kg on letter post
        ("2.001", "100.00", "cn23", "73.53"),  # 2.001 kg: a parcel
        ("5.000", "68.00", "cn23", "50.00"),  # 68.00 / 1.36 = 50 SDR: the 5 kg parcel the issue names
        ("0.450", "407.98", "cn22", "299.99"),  # 407.98 / 1.36 = 299.985... SDR: under 300
        ("0.450", "408.00", "cn23", "300.00"),  # 408.00 / 1.36 = 300 SDR exactly
    ],
)
def test_a_shipment_on_a_letter_post_lane_gets_the_form_its_weight_and_value_call_for(
    ready, make_shipment, kg, usd, kind, sdr
):
    # given a lane CN -> DE carried only as letter post
    lane_card(kind=LETTER)
    # when
    declaration = _declaration(make_shipment, kg=kg, usd=usd)
    # then
    assert declaration.kind == kind
    assert declaration.content["value_in_sdr"]["value"] == sdr
    assert declaration.content["postal_item"] == {"service_kind": "letter_post", "gross_weight_kg": kg}


def test_a_parcel_service_gets_a_cn23_at_50_sdr(ready, make_shipment):
    # given the lane's only card is a parcel service; 68.00 USD / 1.36 = 50 SDR, 0.450 kg
    lane_card(kind=PARCEL)
    # when
    declaration = _declaration(make_shipment, kg="0.450", usd="68.00")
    # then
    assert declaration.kind == "cn23"
    assert declaration.content["postal_item"]["service_kind"] == "parcel"


def test_two_packages_are_not_one_small_packet(ready, make_shipment):
    # given a letter-post lane and a 50 SDR shipment packed in two boxes of 0.300 kg
    lane_card(kind=LETTER)
    box = {"gross_weight_kg": Decimal("0.300"), "length_cm": 20, "width_cm": 15, "height_cm": 5}
    shipment = make_shipment(
        lines=[shipment_line(quantity=1, unit_value=Decimal("68.00"))], parcels=[box, box]
    )
    # when
    declaration = customs_documents_issue(shipment_id=shipment.pk, on=ON)[1]
    # then
    assert declaration.kind == "cn23"
    assert declaration.content["postal_item"]["gross_weight_kg"] is None


def test_no_card_on_the_lane_means_a_parcel(db, make_shipment):
    assert shipment_service_kind(make_shipment()) == PARCEL


def test_a_lane_mixing_letter_post_and_parcels_is_a_parcel_until_the_level_or_partner_says(db, make_shipment):
    # given the lane CN -> DE: a post's economy letter post, a courier's standard parcels
    post = lane_card(partner="china-post", kind=LETTER, service="economy")
    lane_card(partner="courier", kind=PARCEL, service="standard")
    # then: no level chosen, either could carry it
    assert shipment_service_kind(make_shipment()) == PARCEL
    # the buyer paid for economy: only the post's card
    assert shipment_service_kind(make_shipment(service_level="economy")) == LETTER
    assert shipment_service_kind(make_shipment(service_level="standard")) == PARCEL
    # dispatched to the post: its card
    assert shipment_service_kind(make_shipment(partner=post.partner)) == LETTER


def test_an_inactive_card_or_another_lane_does_not_count(db, make_shipment):
    # given a letter-post card switched off, and one from another origin
    card = lane_card(kind=LETTER)
    card.is_active = False
    card.save()
    lane_card(partner="kenya-post", kind=LETTER, origin="KE")
    # then the shipment CN -> DE has no letter-post card to go by
    assert shipment_service_kind(make_shipment()) == PARCEL
