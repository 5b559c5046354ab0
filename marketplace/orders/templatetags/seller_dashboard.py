"""{% load seller_dashboard %}{% seller_trade seller.pk as trade %}: the seller's orders to fulfil, shipments
on their way and sales charts for the dashboard at /sell/ (marketplace.orders.seller_dashboard), in the page's
language. The page has already decided that the requester is this seller."""

from django import template
from django.utils import timezone
from django.utils.translation import get_language, to_locale

from marketplace.orders.seller_dashboard import SellerTrade
from marketplace.orders.seller_dashboard import seller_trade as seller_trade_read

register = template.Library()


@register.simple_tag
def seller_trade(seller_id: int) -> SellerTrade:
    return seller_trade_read(
        seller_id=seller_id, now=timezone.now(), locale=to_locale(get_language() or "en")
    )
