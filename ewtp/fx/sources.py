"""A rate's source as a buyer reads it, in their language.

Sources are stored as their publishers name them (`FxRate.source`, copied onto orders); the few the platform
itself writes are worded here. "identity" (a price already in the buyer's currency) is never shown as a rate:
pages say no conversion was needed instead, and this returns that sentence's words if asked."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

# What ewtp.fx.conversion records as the source of a "conversion" into the same currency.
IDENTITY_SOURCE = "identity"
ECB_SOURCE = "ECB"
DEMO_SOURCE = "demo exchange rate"
OLD_DEMO_SOURCE = "Demo rate (approximate, seed_demo; not for real trade)"
# The ECB's own page for its euro reference rates: what a buyer follows to check a rate we show.
ECB_SOURCE_URL = "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html"
# Publishers whose rates page we know; a manual rate's publisher (a central bank) has no link stored.
_SOURCE_URLS = {ECB_SOURCE: ECB_SOURCE_URL}


@dataclass(frozen=True, slots=True)
class RateSourceLink:
    label: str  # in the active language, as rate_source_label words it
    url: str


def rate_source_label(source: str) -> str:
    """`source` in the active language: the ECB's and the demo's names translated, each publisher's of a
    manual rate (a central bank, say) as entered; several joined sources ("ECB + Central Bank of Kenya")
    each translated."""
    parts = [part.strip() for part in source.split(" + ")]
    return " + ".join(_one(part) for part in parts)


def rate_source_links(source: str) -> list[RateSourceLink]:
    """The publishers behind `source` that have a page to link to ("ECB + Central Bank of Kenya": the ECB's),
    each once, in the order named; none for a rate without a known page (a manual rate, the demo's)."""
    links: list[RateSourceLink] = []
    for part in (part.strip() for part in source.split(" + ")):
        url = _SOURCE_URLS.get(part)
        if url and all(link.url != url for link in links):
            links.append(RateSourceLink(label=_one(part), url=url))
    return links


def _one(source: str) -> str:
    if source == IDENTITY_SOURCE:
        return gettext("no conversion needed")
    if source == ECB_SOURCE:
        return gettext("European Central Bank")
    if source in (DEMO_SOURCE, OLD_DEMO_SOURCE):
        return gettext("demo exchange rate")
    return source
