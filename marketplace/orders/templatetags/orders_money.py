"""{% load orders_money %}: {{ "22.18"|as_money:"EUR" }} formats an amount stored in an order's snapshot
(a decimal string beside its currency) in the page's language, like the `money` filter does for Money."""

from decimal import Decimal, InvalidOperation

from django import template

from ewtp.fx.templatetags.money import money
from ewtp.money import Money

register = template.Library()


@register.filter
def as_money(amount, currency: str) -> str:
    try:
        return money(Money(Decimal(str(amount)), currency))
    except (InvalidOperation, ValueError, TypeError):
        return ""


@register.filter
def nonzero(amount) -> bool:
    try:
        return Decimal(str(amount)) != 0
    except (InvalidOperation, ValueError, TypeError):
        return False
