"""The accounts domain's errors."""

from enum import StrEnum

from ewtp.errors import InvalidError


class AccountsErrorCode(StrEnum):
    SIGNUP_INVALID = "signup_invalid"


class SignupInvalidError(InvalidError):
    """A sign-up that cannot be made: `details` names each field (e-mail taken, weak password...)."""

    code = AccountsErrorCode.SIGNUP_INVALID
