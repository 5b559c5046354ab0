"""The seller's orders under /sell/orders/: the list, one order with its customs documents, a refund
(full or partial, before dispatch) and marking it dispatched. Another seller's order is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from ewtp.errors import ApplicationError
from logistics.customs.documents_downloads import FILE_FORMATS, customs_documents_of_seller
from marketplace.orders.addresses import address_lines
from marketplace.orders.forms import RefundForm, form_errors_apply
from marketplace.orders.models import Order
from marketplace.orders.refunds import order_refund, refund_amount_clean, refunded_marker
from marketplace.orders.selectors import orders_of_seller
from marketplace.orders.status import order_transition
from marketplace.sellers.decorators import seller_required

ORDERS_PER_PAGE = 50


@seller_required
def seller_order_list(request):
    page = Paginator(orders_of_seller(seller_id=request.seller.pk), ORDERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "orders/seller_order_list.html", {"page": page, "seller": request.seller})


def _own_order(request, reference: str) -> Order:
    order = orders_of_seller(seller_id=request.seller.pk).filter(reference=reference).first()
    if order is None:
        raise Http404("No such order.")
    return order


def _detail(request, order: Order, form: RefundForm | None = None, status: int = 200, error: str = ""):
    documents = (
        customs_documents_of_seller(seller_id=request.seller.pk).filter(shipment_id=order.shipment_id)
        if order.shipment_id
        else []
    )
    form = form or RefundForm(initial={"refunded_before": refunded_marker(order)})
    context = {
        "order": order, "snapshot": order.snapshot, "address": address_lines(order.address),
        "documents": documents, "file_formats": FILE_FORMATS, "form": form, "seller": request.seller,
        "refund_error": error,
    }  # fmt: skip
    return render(request, "orders/seller_order_detail.html", context, status=status)


@seller_required
def seller_order_detail(request, reference: str):
    return _detail(request, _own_order(request, reference))


@seller_required
@require_POST
def seller_order_refund(request, reference: str):
    order = _own_order(request, reference)
    form = RefundForm(request.POST)
    try:
        order_refund(
            order=order, amount=refund_amount_clean(request.POST.get("amount"), currency=order.currency),
            reason=request.POST.get("reason", ""), refunded_before=request.POST.get("refunded_before", ""),
            by=request.user, as_operator=False,
        )  # fmt: skip
    except ApplicationError as exc:
        form.is_valid()
        form_errors_apply(form, exc)
        return _detail(request, order, form, status=exc.status, error=exc.message)
    messages.success(request, _("The refund is on its way to the buyer."))
    return redirect("seller_orders:detail", reference=reference)


@seller_required
@require_POST
def seller_order_dispatched(request, reference: str):
    order = _own_order(request, reference)
    try:
        order_transition(order=order, action="dispatch", actor=request.user, actor_label="seller",
                         reason=gettext_noop("Handed to the carrier."))  # fmt: skip
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("seller_orders:detail", reference=reference)
