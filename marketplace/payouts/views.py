"""The seller's payouts under /sell/payouts/: each with its amounts, rate, fee, status and, when held or
failed, the reason."""

from django.shortcuts import render

from marketplace.payouts.selectors import payouts_for_seller
from marketplace.sellers.decorators import seller_required


@seller_required
def seller_payout_list(request):
    payouts = payouts_for_seller(request.seller)[:200]
    return render(request, "payouts/seller_payout_list.html", {"payouts": payouts, "seller": request.seller})
