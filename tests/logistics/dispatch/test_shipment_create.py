"""Creating a shipment: everything the customs forms need is checked first, and nothing half-written."""

from decimal import Decimal

import pytest

from logistics.dispatch.errors import ShipmentInvalidError
from logistics.dispatch.models import Parcel, Party, Shipment, ShipmentLine
from tests.logistics.conftest import shipment_line


def test_a_shipment_is_created_with_its_lines_parcels_and_parties(make_shipment):
    shipment = make_shipment(lines=[shipment_line(), shipment_line(description="Tea", hs_code="090230")])
    assert [line.position for line in shipment.lines.all()] == [1, 2]
    assert shipment.sender.ioss_number == "IM2760000001" and shipment.receiver.city == "Berlin"
    assert shipment.parcels.get().gross_weight_kg == Decimal("0.450")


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ({"hs_code": ""}, "lines[1].hs_code"),
        ({"origin_country": ""}, "lines[1].origin_country"),
        ({"unit_value": Decimal(0)}, "lines[1].unit_value"),
        ({"net_weight_kg": None}, "lines[1].net_weight_kg"),
        ({"hs_code": "6214"}, "lines[1].hs_code"),
    ],
)
def test_a_bad_commercial_line_is_refused_and_nothing_is_written(make_shipment, line, field):
    with pytest.raises(ShipmentInvalidError) as caught:
        make_shipment(lines=[shipment_line(), shipment_line(**line)])
    assert field in caught.value.details and field in caught.value.message
    assert not any(m.objects.exists() for m in (Shipment, ShipmentLine, Parcel, Party))


def test_a_gift_needs_no_hs_code_but_still_a_value_and_weight(make_shipment):
    gift = make_shipment(category="gift", lines=[shipment_line(hs_code="", origin_country="")])
    assert gift.lines.get().hs_code == ""
    with pytest.raises(ShipmentInvalidError) as caught:
        make_shipment(category="gift", lines=[shipment_line(hs_code="", unit_value=Decimal(0))])
    assert "lines[0].unit_value" in caught.value.details


def test_a_parcel_without_gross_weight_is_refused(make_shipment):
    with pytest.raises(ShipmentInvalidError) as caught:
        make_shipment(parcels=[{"gross_weight_kg": None, "length_cm": 30, "width_cm": 20, "height_cm": 5}])
    assert "parcels[0].gross_weight_kg" in caught.value.details
