"""ISO 4217 currencies and their exponents (number of minor-unit digits).

The official table comes from the `iso4217` package (not babel's CLDR data, which differs for some
currencies). The ECB's history also carries currencies withdrawn since 1999; they are known here so old
rates can be imported and read, with the exponents ISO 4217 gave them.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext
from iso4217 import Currency

from ewtp.errors import InvalidError, KernelErrorCode

# Withdrawn currencies that appear in the ECB reference-rate history, with their former ISO exponents.
WITHDRAWN_ECB_CURRENCIES: dict[str, int] = {
    "BGN": 2,  # Bulgaria adopted the euro on 2026-01-01
    "CYP": 2,
    "EEK": 2,
    "HRK": 2,
    "LTL": 2,
    "LVL": 2,
    "MTL": 2,
    "ROL": 2,
    "SIT": 2,
    "SKK": 2,
    "TRL": 0,
}

# None means the code has no minor unit (gold, SDR, testing codes): it can be named, never rounded.
EXPONENTS: dict[str, int | None] = {c.code: c.exponent for c in Currency}
EXPONENTS.update(WITHDRAWN_ECB_CURRENCIES)

ACTIVE_CURRENCIES: frozenset[str] = frozenset(c.code for c in Currency if c.exponent is not None)

# Quantum per currency, e.g. Decimal("0.01") for EUR, Decimal("1") for JPY: built once, used on hot paths.
QUANTUMS: dict[str, Decimal] = {
    code: Decimal(1).scaleb(-exp) for code, exp in EXPONENTS.items() if exp is not None
}


class UnknownCurrencyError(InvalidError):
    code = KernelErrorCode.CURRENCY_UNKNOWN


class CurrencyWithoutMinorUnitError(UnknownCurrencyError):
    """A code ISO 4217 lists without a minor unit (gold, SDR, testing): no amount in it can be rounded."""

    code = KernelErrorCode.CURRENCY_WITHOUT_MINOR_UNIT


def currency_validate(code: object) -> str:
    """Return `code` if it is a known ISO 4217 code (upper case, three letters), else raise."""
    if not isinstance(code, str) or code not in EXPONENTS:
        raise UnknownCurrencyError(
            gettext("Unknown currency code: %(code)r.") % {"code": code}, details={"currency": str(code)}
        )
    return code


def currency_exponent(code: str) -> int:
    """The ISO 4217 exponent of `code`: 0 for JPY, 2 for EUR, 3 for KWD, 4 for CLF."""
    exponent = EXPONENTS.get(currency_validate(code))
    if exponent is None:
        raise CurrencyWithoutMinorUnitError(
            gettext("%(code)s has no minor unit, so amounts in it cannot be rounded or paid.")
            % {"code": code},
            details={"currency": code},
        )
    return exponent
