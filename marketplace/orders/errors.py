"""What can go wrong with a cart, a checkout or an order. Callers catch a class; forms map `details` onto
their fields (each key is a field name, or `lines[<listing id>]` for a cart line)."""

from enum import StrEnum

from ewtp.errors import ApplicationError, ConflictError, InvalidError, NotFoundError


class OrdersErrorCode(StrEnum):
    CART_INVALID = "cart_invalid"
    STOCK_INSUFFICIENT = "stock_insufficient"
    ADDRESS_INVALID = "address_invalid"
    SHIPPING_CHOICE_INVALID = "shipping_choice_invalid"
    CHECKOUT_INCOMPLETE = "checkout_incomplete"
    CHECKOUT_PROBLEMS = "checkout_problems"
    REVIEW_STALE = "review_stale"
    CHECKOUT_NOT_FOUND = "checkout_not_found"
    ORDER_NOT_FOUND = "order_not_found"
    ILLEGAL_TRANSITION = "order_illegal_transition"
    ORDER_IMMUTABLE = "order_immutable"
    REFUND_INVALID = "refund_invalid"
    NOTHING_TO_ORDER = "nothing_to_order"


class OrdersError(ApplicationError):
    """Any orders error: catch this for every reason, or a subclass for one."""


class CartInvalidError(OrdersError, InvalidError):
    """A quantity that is not a whole number of at least one, or a listing that cannot be bought."""

    code = OrdersErrorCode.CART_INVALID


class StockInsufficientError(OrdersError, ConflictError):
    """Fewer items left than asked for; `details` maps `lines[<listing id>]` to the quantity available."""

    code = OrdersErrorCode.STOCK_INSUFFICIENT


class AddressInvalidError(OrdersError, InvalidError):
    """A delivery address that breaks a rule; `details` names each field (phone, state, postcode...)."""

    code = OrdersErrorCode.ADDRESS_INVALID


class ShippingChoiceInvalidError(OrdersError, InvalidError):
    """A posted shipping option that is not one of the partners' options for that seller."""

    code = OrdersErrorCode.SHIPPING_CHOICE_INVALID


class CheckoutIncompleteError(OrdersError, ConflictError):
    """A step reached before the one it needs (the review without an address, say)."""

    code = OrdersErrorCode.CHECKOUT_INCOMPLETE


class CheckoutProblemsError(OrdersError, ConflictError):
    """Problems listed on the review (a paused listing, stock gone...) stop the payment until fixed."""

    code = OrdersErrorCode.CHECKOUT_PROBLEMS


class NothingToOrderError(OrdersError, ConflictError):
    """No seller in the cart can ship to the address: there is nothing to pay for."""

    code = OrdersErrorCode.NOTHING_TO_ORDER


class ReviewStaleError(OrdersError, ConflictError):
    """The review the buyer confirmed is not the current one (older than 30 minutes, another currency or
    address, a price changed): it has been priced again and must be confirmed again."""

    code = OrdersErrorCode.REVIEW_STALE


class CheckoutNotFoundError(OrdersError, NotFoundError):
    code = OrdersErrorCode.CHECKOUT_NOT_FOUND


class OrderNotFoundError(OrdersError, NotFoundError):
    code = OrdersErrorCode.ORDER_NOT_FOUND


class IllegalTransitionError(OrdersError, ConflictError):
    """An order asked to move where its state machine does not lead (refunding a dispatched order...)."""

    code = OrdersErrorCode.ILLEGAL_TRANSITION


class OrderImmutableError(OrdersError, ConflictError):
    """A write to what an order recorded at checkout: amounts, rates, quote, address are never changed."""

    code = OrdersErrorCode.ORDER_IMMUTABLE


class RefundInvalidError(OrdersError, InvalidError):
    """A refund of nothing, of more than is left, or by someone who may not refund the order."""

    code = OrdersErrorCode.REFUND_INVALID
