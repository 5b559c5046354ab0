"""One error shape for every JSON answer, its status from the error's class."""

import json

import pytest

from ewtp.errors import ApplicationError, BadRequestError, ConflictError, InvalidError, NotFoundError
from ewtp.http_errors import application_error_body, application_error_response


@pytest.mark.parametrize(
    ("error_class", "status"),
    [(ApplicationError, 422), (InvalidError, 422), (BadRequestError, 400), (NotFoundError, 404),
     (ConflictError, 409)],
)  # fmt: skip
def test_the_status_follows_the_class(error_class, status):
    assert application_error_response(error_class("No.")).status_code == status


def test_the_body_names_the_code_the_message_and_each_field():
    # given
    class PriceTooSmall(InvalidError):
        code = "price_below_minor_unit"

    error = PriceTooSmall("Check the price.", details={"price": "KES 0.0001 is below KES 0.01."})
    # when
    response = application_error_response(error)
    # then
    assert response.status_code == 422
    assert json.loads(response.content) == {
        "error": {
            "code": "price_below_minor_unit",
            "message": "Check the price.",
            "fields": {"price": "KES 0.0001 is below KES 0.01."},
        }
    }


def test_lazy_messages_and_enum_codes_become_plain_text():
    from enum import StrEnum

    from django.utils.translation import gettext_lazy

    class Code(StrEnum):
        GONE = "listing_gone"

    error = NotFoundError(
        gettext_lazy("Not found."), code=Code.GONE, details={"listing": gettext_lazy("Gone.")}
    )
    assert application_error_body(error) == {
        "error": {"code": "listing_gone", "message": "Not found.", "fields": {"listing": "Gone."}}
    }
