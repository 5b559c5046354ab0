"""`{% payouts_held seller as held %}`: the seller's held payouts for the dashboard, which (in sellers) cannot
import payouts (payouts reads orders, which read listings)."""

from django import template

from marketplace.payouts.selectors import payouts_held_for_seller

register = template.Library()


@register.simple_tag
def payouts_held(seller) -> list:
    return list(payouts_held_for_seller(seller))
