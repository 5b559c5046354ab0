"""{% load fx_sources %}: {% for link in price.source|rate_source_links %}: the pages of a rate's publishers
(the ECB's reference rates), for a link beside the sentence that names them."""

from django import template

from ewtp.fx.sources import ECB_SOURCE_URL, RateSourceLink, rate_source_links

register = template.Library()


@register.filter(name="rate_source_links")
def rate_source_links_filter(source: str | None) -> list[RateSourceLink]:
    return rate_source_links(source or "")


@register.simple_tag
def ecb_reference_rates_url() -> str:
    return ECB_SOURCE_URL
