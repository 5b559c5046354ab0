"""Every logistics error: a class with a code from its app's enum and a status from its kind."""

import ast
from pathlib import Path

import pytest

from ewtp.http_errors import application_error_response
from logistics.customs import errors as customs
from logistics.dispatch import errors as dispatch
from logistics.partners import errors as partners

LOGISTICS = Path(__file__).resolve().parents[2] / "logistics"


@pytest.mark.parametrize(
    ("error_class", "code", "status"),
    [
        (customs.HsCodeError, "invalid_hs_code", 422),
        (customs.LandedCostInputError, "landed_cost_unavailable", 422),
        (customs.LandedCostHsCodeError, "invalid_hs_code", 422),
        (customs.NoImportRulesError, "landed_cost_unavailable", 404),
        (customs.NoDutyRateError, "landed_cost_unavailable", 404),
        (customs.LandedCostRateMissingError, "fx_rate_missing", 404),
        (customs.SdrRateMissingError, "sdr_rate_missing", 404),
        (customs.DocumentRequestInvalidError, "document_not_issued", 422),
        (customs.DocumentNothingToCorrectError, "document_not_issued", 409),
        (customs.DocumentImmutableError, "document_immutable", 409),
        (customs.CustomsSeedError, "invalid_customs_seed", 422),
        (partners.ShippingQuoteError, "invalid_shipping_request", 422),
        (dispatch.ShipmentInvalidError, "invalid_shipment", 422),
    ],
)
def test_each_error_keeps_its_code_and_answers_with_its_kinds_status(error_class, code, status):
    # given
    error = error_class("No.", details={"field": "Why."})
    # when
    response = application_error_response(error)
    # then
    assert error.code == code
    assert isinstance(
        error.code, customs.CustomsErrorCode | partners.PartnersErrorCode | dispatch.DispatchErrorCode
    )
    assert response.status_code == status


def test_the_landed_cost_errors_share_one_base_and_the_document_errors_another():
    landed = [customs.LandedCostInputError, customs.LandedCostHsCodeError, customs.NoImportRulesError,
              customs.NoDutyRateError, customs.LandedCostRateMissingError]  # fmt: skip
    assert all(issubclass(cls, customs.LandedCostError) for cls in landed)
    documents = [customs.DocumentRequestInvalidError, customs.DocumentNothingToCorrectError]
    assert all(issubclass(cls, customs.DocumentNotIssuedError) for cls in documents)


def test_no_logistics_code_raises_an_error_with_a_code_passed_as_a_string():
    """A code comes from the class, so a caller can catch the class: `SomeError(..., code="x")` is refused."""
    offenders = []
    for path in LOGISTICS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Raise)
                and isinstance(node.exc, ast.Call)
                and any(keyword.arg == "code" for keyword in node.exc.keywords)
            ):
                offenders.append(f"{path.relative_to(LOGISTICS.parent)}:{node.lineno}")
    assert offenders == []
