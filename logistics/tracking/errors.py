"""What can go wrong with tracking events: a batch that breaks a rule, a shipment the partner cannot name,
a tracking number that names two shipments, a partner's tracking feed that answers nonsense or nothing.

Callers catch a class, never a code or a key of `details`.
"""

from enum import StrEnum

from ewtp.errors import ApplicationError, ConflictError, InvalidError, NotFoundError


class TrackingErrorCode(StrEnum):
    EVENTS_INVALID = "invalid_tracking_events"
    SHIPMENT_NOT_FOUND = "shipment_not_found"
    TRACKING_NUMBER_AMBIGUOUS = "tracking_number_ambiguous"
    FEED_INVALID = "invalid_tracking_feed"
    FEED_UNAVAILABLE = "tracking_feed_unavailable"


class TrackingEventsInvalidError(InvalidError):
    """A batch with a bad event (or too many): nothing of it is stored; `details` names `events[i].field`."""

    code = TrackingErrorCode.EVENTS_INVALID


class TrackingShipmentNotFoundError(NotFoundError):
    """No shipment of this partner has that id or tracking number (another partner's shipment included)."""

    code = TrackingErrorCode.SHIPMENT_NOT_FOUND


class TrackingNumberAmbiguousError(ConflictError):
    """A tracking number that matches more than one of the partner's shipments: refused, never guessed."""

    code = TrackingErrorCode.TRACKING_NUMBER_AMBIGUOUS


class TrackingFeedError(ApplicationError):
    """A pulled tracking feed gave nothing usable: catch this for every reason, or a subclass for one."""

    code = TrackingErrorCode.FEED_UNAVAILABLE


class TrackingFeedUnavailableError(TrackingFeedError):
    """The partner's tracking URL did not answer, timed out or answered with an HTTP error."""


class TrackingFeedInvalidError(TrackingFeedError, InvalidError):
    """The partner's tracking URL answered something that is not the documented JSON shape."""

    code = TrackingErrorCode.FEED_INVALID
