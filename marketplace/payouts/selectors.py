"""Reading payouts: what the seller's pages (and the dashboard) show."""

from __future__ import annotations

from django.db.models import QuerySet

from marketplace.payouts.models import Payout


def payouts_for_seller(seller) -> QuerySet[Payout]:
    """The seller's payouts, newest first, with status, hold reason, amounts and rate (seller.payouts)."""
    return Payout.objects.filter(seller=seller).order_by("-created_at", "-id")


def payouts_held_for_seller(seller) -> QuerySet[Payout]:
    """The seller's held payouts (each with its hold_reason): a line on the dashboard says why."""
    return payouts_for_seller(seller).filter(status=Payout.Status.HELD)
