"""What can go wrong with partners: shipping quotes, API keys, rate cards sent through the API.
An unserved lane is not an error: the quote has no options."""

from enum import StrEnum

from ewtp.errors import InvalidError


class PartnersErrorCode(StrEnum):
    SHIPPING_REQUEST_INVALID = "invalid_shipping_request"
    API_KEY_INVALID = "invalid_api_key_request"
    RATE_CARDS_INVALID = "invalid_rate_cards"


class ShippingQuoteError(InvalidError):
    """A weight or dimension that is not a decimal number above zero; `details` names it."""

    code = PartnersErrorCode.SHIPPING_REQUEST_INVALID


class ApiKeyInvalidError(InvalidError):
    """A key asked for with unknown scopes or none; `details` names them."""

    code = PartnersErrorCode.API_KEY_INVALID


class RateCardsInvalidError(InvalidError):
    """Rate cards that break a rule (the model's or the admin's); `details` names each card and field, and
    none of the cards sent is kept."""

    code = PartnersErrorCode.RATE_CARDS_INVALID
