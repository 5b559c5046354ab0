"""Country codes as logistics uses them: ISO 3166-1 alpha-2, plus the EU's member states."""

from __future__ import annotations

import pycountry

from ewtp.errors import ApplicationError

# Member states on 2026-01-01 (Bulgaria joined the euro then, not the union: it has been a member since 2007).
EU_MEMBER_STATES = frozenset(
    ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
     "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]
)  # fmt: skip
COUNTRY_CODES = frozenset(c.alpha_2 for c in pycountry.countries)


class CountryCodeError(ApplicationError):
    code = "invalid_country"


def country_code_validate(value: object, *, field: str) -> str:
    """`value` upper-cased if it is an ISO 3166-1 alpha-2 code, else a CountryCodeError naming `field`."""
    code = value.strip().upper() if isinstance(value, str) else ""
    if code not in COUNTRY_CODES:
        raise CountryCodeError(
            f"{value!r} is not a country code: use the two letters of ISO 3166, such as DE or CN.",
            details={field: "Unknown country code."},
        )
    return code
