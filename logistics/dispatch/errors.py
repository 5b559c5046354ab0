"""What can go wrong with shipments."""

from enum import StrEnum

from ewtp.errors import InvalidError


class DispatchErrorCode(StrEnum):
    SHIPMENT_INVALID = "invalid_shipment"


class ShipmentInvalidError(InvalidError):
    """A shipment missing what customs documents require; `details` names every field at fault."""

    code = DispatchErrorCode.SHIPMENT_INVALID
