"""The buyer's orders: /orders/ (logged in) and /orders/<reference>/ (its buyer, or a signed link)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from marketplace.orders.addresses import address_lines
from marketplace.orders.selectors import order_for_viewer, orders_of_buyer


@login_required
def order_list(request):
    return render(request, "orders/order_list.html", {"orders": orders_of_buyer(user=request.user)[:200]})


def order_detail(request, reference: str):
    order = order_for_viewer(reference=reference, user=request.user, token=request.GET.get("t", ""))
    if order is None:
        raise Http404("No such order.")  # the same answer for another buyer's order and a made-up one
    context = {"order": order, "snapshot": order.snapshot, "address": address_lines(order.address)}
    return render(request, "orders/order_detail.html", context)
