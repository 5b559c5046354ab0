"""The seller area under /sell/: onboarding wizard, dashboard, private document downloads.

Each view parses input, calls one service and renders; every wizard page acts on the requester's own
seller (there is no seller id in any URL), so one seller cannot reach another's wizard.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ewtp.countries import country_currency
from ewtp.errors import ApplicationError
from marketplace.sellers.dashboard import seller_money
from marketplace.sellers.decorators import seller_required
from marketplace.sellers.documents import MAX_DOCUMENT_BYTES, seller_document_upload
from marketplace.sellers.forms import CurrencyForm, DocumentForm, ProfileForm
from marketplace.sellers.models import Seller
from marketplace.sellers.selectors import (
    STEPS,
    seller_documents_current,
    seller_documents_visible_to,
    seller_get_for_user,
    seller_onboarding_missing,
)
from marketplace.sellers.services import (
    PROFILE_FIELDS,
    seller_currency_set,
    seller_onboarding_start,
    seller_payout_refresh,
    seller_payout_start,
    seller_profile_update,
)
from marketplace.sellers.status import seller_submit

WIZARD = (
    ("profile", gettext_lazy("Business")),
    ("currency", gettext_lazy("Currency")),
    ("payout", gettext_lazy("Payouts")),
    ("documents", gettext_lazy("Documents")),
    ("submit", gettext_lazy("Review")),
)


def _errors_to_form(form, error: ApplicationError) -> None:
    for field, message in error.details.items():
        form.add_error(field if field in form.fields else None, message)
    if not error.details:
        form.add_error(None, error.message)


def _next_step(seller: Seller) -> str:
    missing = seller_onboarding_missing(seller)
    if seller.status not in (Seller.Status.DRAFT, Seller.Status.REJECTED):
        return reverse("sellers:dashboard")
    return reverse(missing[0].url_name) if missing else reverse("sellers:submit")


def _render_step(request, step: str, template: str, context: dict):
    missing = {m.url_name.split(":")[1] for m in seller_onboarding_missing(request.seller)}
    steps = [
        {"key": key, "label": label, "current": key == step, "done": key not in missing and key != "submit"}
        for key, label in WIZARD
    ]
    return render(request, template, {"seller": request.seller, "steps": steps, **context})


@login_required
@require_http_methods(["GET", "POST"])
def start(request):
    """Onboarding entry: explains what is needed; POST creates the draft seller."""
    seller = seller_get_for_user(request.user)
    if request.method == "POST":
        seller = seller_onboarding_start(user=request.user)
        return redirect(_next_step(seller))
    if seller is not None:
        return redirect(_next_step(seller))
    return render(request, "sellers/start.html", {"steps": STEPS})


# The seller's payouts page, by the name marketplace.payouts gives it (the name first agreed as fallback).
PAYOUTS_URL_NAMES = ("seller_payouts:list", "payouts:list")


def _url_or_none(*names: str) -> str | None:
    """The URL of the first of `names` that resolves, or None while the page is not there."""
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


@seller_required
@require_GET
def dashboard(request):
    """The seller's status and documents; once the seller may trade, its orders, money and sales too."""
    seller = request.seller
    # Orders and sales come through the template ({% load seller_dashboard %}): sellers never imports orders.
    trading = seller.status in (Seller.Status.VERIFIED, Seller.Status.SUSPENDED)
    return render(
        request,
        "sellers/dashboard.html",
        {
            "seller": seller,
            "missing": seller_onboarding_missing(seller),
            "documents": seller_documents_current(seller),
            "can_edit": seller.status in (Seller.Status.DRAFT, Seller.Status.REJECTED),
            "trading": trading,
            "balances": seller_money(seller_id=seller.pk) if trading else [],
            "hold_days": settings.PAYOUT_HOLD_DAYS,
            "payouts_url": _url_or_none(*PAYOUTS_URL_NAMES),
        },
    )


@seller_required
@require_http_methods(["GET", "POST"])
def profile(request):
    seller = request.seller
    locked = seller.status == Seller.Status.VERIFIED
    initial = {field: getattr(seller, field) for field in PROFILE_FIELDS}
    form = ProfileForm(request.POST or None, initial=initial, identity_locked=locked)
    if request.method == "POST" and form.is_valid():
        try:
            seller_profile_update(seller=seller, data=form.cleaned_data)
        except ApplicationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Business profile saved."))
            return redirect(_next_step(seller))
    return _render_step(request, "profile", "sellers/profile.html", {"form": form, "locked": locked})


@seller_required
@require_http_methods(["GET", "POST"])
def currency(request):
    seller = request.seller
    suggested = seller.default_currency or (country_currency(seller.country) if seller.country else None)
    form = CurrencyForm(request.POST or None, initial={"default_currency": suggested or "USD"})
    if request.method == "POST" and form.is_valid():
        try:
            seller_currency_set(seller=seller, currency=form.cleaned_data["default_currency"])
        except ApplicationError as error:
            _errors_to_form(form, error)
        else:
            return redirect(_next_step(seller))
    return _render_step(request, "currency", "sellers/currency.html", {"form": form})


@seller_required
@require_http_methods(["GET", "POST"])
def payout(request):
    seller = request.seller
    if request.method == "POST":
        try:
            link = seller_payout_start(
                seller=seller,
                return_url=request.build_absolute_uri(reverse("sellers:payout_return")),
                refresh_url=request.build_absolute_uri(reverse("sellers:payout")),
            )
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("sellers:payout")
        if link:
            return redirect(link)
        messages.info(request, _("Payouts recorded as pending: our team sets them up once you are verified."))
        return redirect(_next_step(seller))
    return _render_step(
        request, "payout", "sellers/payout.html", {"stripe_enabled": bool(settings.STRIPE_SECRET_KEY)}
    )


@seller_required
@require_GET
def payout_return(request):
    seller = seller_payout_refresh(seller=request.seller)
    if seller.payout_status == Seller.PayoutStatus.ACTIVE:
        messages.success(request, _("Payouts are set up."))
    else:
        messages.info(
            request, _("Stripe is still checking your details; payouts stay pending until it is done.")
        )
    return redirect(_next_step(seller))


@seller_required
@require_http_methods(["GET", "POST"])
def documents(request):
    seller = request.seller
    missing_kinds = [
        step.key for step in seller_onboarding_missing(seller) if step.url_name == "sellers:documents"
    ]
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        initial={"kind": missing_kinds[0] if missing_kinds else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            seller_document_upload(
                seller=seller, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"]
            )
        except ApplicationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Document uploaded."))
            return redirect("sellers:documents")
    return _render_step(
        request,
        "documents",
        "sellers/documents.html",
        {
            "form": form,
            "documents": seller_documents_current(seller),
            "missing_kinds": missing_kinds,
            "max_mb": MAX_DOCUMENT_BYTES // (1024 * 1024),
        },
    )


@seller_required
@require_http_methods(["GET", "POST"])
def submit(request):
    seller = request.seller
    if request.method == "POST":
        try:
            seller_submit(seller=seller)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("sellers:submit")
        messages.success(
            request, _("Submitted. We review new sellers within two working days and e-mail you.")
        )
        return redirect("sellers:dashboard")
    return _render_step(
        request,
        "submit",
        "sellers/submit.html",
        {"missing": seller_onboarding_missing(seller), "documents": seller_documents_current(seller)},
    )


@login_required
@require_GET
def document_download(request, pk: int):
    """A verification document, for its own seller and operators only; anyone else gets a 404 (not a 403,
    which would confirm the document exists)."""
    document = get_object_or_404(seller_documents_visible_to(request.user), pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=document.original_name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
