"""Why a basket's delivered cost cannot be worked out. Callers catch a class, never read a code's text or
the keys of `details`; a page that shows the reason passes the code (a PricingErrorCode) to its template."""

from enum import StrEnum

from ewtp.errors import ApplicationError, InvalidError, NotFoundError


class PricingErrorCode(StrEnum):
    BASKET_INVALID = "basket_invalid"
    ROUTE_MISSING = "delivery_route_missing"
    IMPORT_RULES_MISSING = "import_rules_missing"
    EXCHANGE_RATE_MISSING = "exchange_rate_missing"
    DELIVERED_COST_UNAVAILABLE = "delivered_cost_unavailable"


class DeliveredCostError(ApplicationError):
    """No delivered cost: catch this for every reason, or a subclass for one. Raised as itself when the
    landed-cost engine cannot quote a listing's goods (an HS code without a duty rate, say)."""

    code = PricingErrorCode.DELIVERED_COST_UNAVAILABLE


class BasketInvalidError(DeliveredCostError, InvalidError):
    """No lines, or a line whose quantity is not a whole number of at least one; `details` names it."""

    code = PricingErrorCode.BASKET_INVALID


class DeliveryRouteMissingError(DeliveredCostError, NotFoundError):
    """No partner carries a seller's parcel to the destination (no lane, or none for its weight or size)."""

    code = PricingErrorCode.ROUTE_MISSING


class ImportRulesMissingError(DeliveredCostError, NotFoundError):
    """No import rules are known for the destination on that date: duties and taxes cannot be estimated."""

    code = PricingErrorCode.IMPORT_RULES_MISSING


class ExchangeRateMissingError(DeliveredCostError, NotFoundError):
    """A price, a rate card or the border charges are in a currency with no exchange rate on that date."""

    code = PricingErrorCode.EXCHANGE_RATE_MISSING
