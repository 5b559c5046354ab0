"""What can go wrong with shipments, their dispatch to partners and the partners' answers."""

from enum import StrEnum

from ewtp.errors import ConflictError, InvalidError, NotFoundError


class DispatchErrorCode(StrEnum):
    SHIPMENT_INVALID = "invalid_shipment"
    SHIPMENT_NOT_FOUND = "shipment_not_found"
    OFFER_NOT_OPEN = "offer_not_open"
    OFFER_ANSWER_INVALID = "invalid_offer_answer"
    SHIPMENT_NOT_CANCELLABLE = "shipment_not_cancellable"


class ShipmentInvalidError(InvalidError):
    """A shipment missing what customs documents require; `details` names every field at fault."""

    code = DispatchErrorCode.SHIPMENT_INVALID


class ShipmentNotFoundError(NotFoundError):
    """No such shipment, or not the asking partner's: the two are never told apart."""

    code = DispatchErrorCode.SHIPMENT_NOT_FOUND


class OfferNotOpenError(ConflictError):
    """The partner answers an offer that is no longer open (already accepted with other values)."""

    code = DispatchErrorCode.OFFER_NOT_OPEN


class OfferAnswerInvalidError(InvalidError):
    """An acceptance without a usable tracking number or service level, a rejection without a reason."""

    code = DispatchErrorCode.OFFER_ANSWER_INVALID


class ShipmentNotCancellableError(ConflictError):
    """The partner has picked the parcel up: it is on its way and is stopped by a return, not a cancel."""

    code = DispatchErrorCode.SHIPMENT_NOT_CANCELLABLE
