"""A rate's source as a buyer reads it, in their language.

Sources are stored as their publishers name them (`FxRate.source`, copied onto orders); the few the platform
itself writes are worded here. "identity" (a price already in the buyer's currency) is never shown as a rate:
pages say no conversion was needed instead, and this returns that sentence's words if asked."""

from __future__ import annotations

from django.utils.translation import gettext

# What ewtp.fx.conversion records as the source of a "conversion" into the same currency.
IDENTITY_SOURCE = "identity"
ECB_SOURCE = "ECB"
DEMO_SOURCE = "demo exchange rate"
OLD_DEMO_SOURCE = "Demo rate (approximate, seed_demo; not for real trade)"


def rate_source_label(source: str) -> str:
    """`source` in the active language: the ECB's and the demo's names translated, each publisher's of a
    manual rate (a central bank, say) as entered; several joined sources ("ECB + Central Bank of Kenya")
    each translated."""
    parts = [part.strip() for part in source.split(" + ")]
    return " + ".join(_one(part) for part in parts)


def _one(source: str) -> str:
    if source == IDENTITY_SOURCE:
        return gettext("no conversion needed")
    if source == ECB_SOURCE:
        return gettext("European Central Bank")
    if source in (DEMO_SOURCE, OLD_DEMO_SOURCE):
        return gettext("demo exchange rate")
    return source
