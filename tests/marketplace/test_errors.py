"""Every marketplace and kernel error: a class whose code comes from its app's enum, a status from its kind,
and no code anywhere passed as a free string."""

import ast
import inspect
from enum import StrEnum
from pathlib import Path

import pytest

from ewtp import errors as kernel
from ewtp.fx import errors as fx
from ewtp.http_errors import application_error_response
from marketplace.accounts import errors as accounts
from marketplace.listings import errors as listings
from marketplace.sellers import errors as sellers

ROOT = Path(__file__).resolve().parents[2]
MODULES = [accounts, listings, sellers, fx]


@pytest.mark.parametrize(
    ("error_class", "status"),
    [
        (accounts.SignupInvalidError, 422),
        (listings.ListingInvalidError, 422),
        (listings.ListingImportFileError, 422),
        (listings.ListingsGoneError, 409),
        (listings.PhotoError, 422),
        (sellers.SellerProfileLockedError, 409),
        (sellers.SellerProfileInvalidError, 422),
        (sellers.SellerIncompleteError, 422),
        (sellers.IllegalTransition, 409),
        (sellers.ReasonRequiredError, 422),
        (sellers.IdentifierInvalidError, 422),
        (sellers.DocumentRejectedError, 422),
        (fx.FxRateNotFoundError, 404),
        (fx.FxRateConflictError, 409),
        (fx.FxFeedError, 422),
    ],
)
def test_each_error_answers_with_its_kinds_status(error_class, status):
    assert application_error_response(error_class("No.")).status_code == status


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_every_error_class_of_an_app_has_a_code_from_that_apps_enum(module):
    enums = [
        v for v in vars(module).values() if inspect.isclass(v) and issubclass(v, StrEnum) and v is not StrEnum
    ]
    classes = [
        v for v in vars(module).values()
        if inspect.isclass(v) and issubclass(v, kernel.ApplicationError) and v.__module__ == module.__name__
    ]  # fmt: skip
    assert len(enums) == 1 and classes
    # classes that stand for several problems (identifiers, documents) take a member of the enum instead
    with_codes = [cls for cls in classes if "code" in vars(cls)]
    assert all(isinstance(cls.code, enums[0]) for cls in with_codes)


def test_no_code_is_passed_as_a_string_in_marketplace_or_the_kernel():
    """`SomeError(..., code="x")` cannot be caught by class; a code is the class's, or a member of an enum."""
    offenders = []
    for package in ("marketplace", "ewtp"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if not (isinstance(node, ast.Call) and getattr(node.func, "id", "").endswith("Error")):
                    continue
                for keyword in node.keywords:
                    if keyword.arg == "code" and isinstance(keyword.value, ast.Constant):
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
