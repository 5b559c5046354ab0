"""What can go wrong with shipping quotes. An unserved lane is not an error: the quote has no options."""

from enum import StrEnum

from ewtp.errors import InvalidError


class PartnersErrorCode(StrEnum):
    SHIPPING_REQUEST_INVALID = "invalid_shipping_request"


class ShippingQuoteError(InvalidError):
    """A weight or dimension that is not a decimal number above zero; `details` names it."""

    code = PartnersErrorCode.SHIPPING_REQUEST_INVALID
