"""The orders errors: each a class with a code from OrdersErrorCode and the status of its kind."""

import inspect

import pytest

from ewtp.errors import ApplicationError
from ewtp.http_errors import application_error_response
from marketplace.orders import errors


@pytest.mark.parametrize(
    ("error_class", "status"),
    [
        (errors.CartInvalidError, 422),
        (errors.StockInsufficientError, 409),
        (errors.AddressInvalidError, 422),
        (errors.ShippingChoiceInvalidError, 422),
        (errors.CheckoutIncompleteError, 409),
        (errors.CheckoutProblemsError, 409),
        (errors.NothingToOrderError, 409),
        (errors.ReviewStaleError, 409),
        (errors.CheckoutNotFoundError, 404),
        (errors.OrderNotFoundError, 404),
        (errors.IllegalTransitionError, 409),
        (errors.OrderImmutableError, 409),
        (errors.RefundInvalidError, 422),
    ],
)
def test_each_error_answers_with_its_kinds_status(error_class, status):
    assert application_error_response(error_class("No.")).status_code == status


def test_every_orders_error_has_its_own_code_from_the_enum():
    classes = [
        value for value in vars(errors).values()
        if inspect.isclass(value) and issubclass(value, ApplicationError) and value is not errors.OrdersError
        and value.__module__ == errors.__name__
    ]  # fmt: skip
    codes = [cls.code for cls in classes]
    assert all(isinstance(code, errors.OrdersErrorCode) for code in codes)
    assert len(set(codes)) == len(codes) == len(errors.OrdersErrorCode)
