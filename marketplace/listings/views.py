"""The seller's listing pages under /sell/listings/: list, create, edit, publish or pause, photos, CSV import
and the HS code finder. Every page works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ewtp.errors import ApplicationError
from logistics.customs.hs import hs_code_search
from marketplace.listings.csv_reading import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, ImportReport
from marketplace.listings.errors import ListingInvalidError
from marketplace.listings.forms import CsvImportForm, ListingForm, PhotoForm
from marketplace.listings.imports import listing_import_is_stalled, listing_import_start
from marketplace.listings.models import Listing
from marketplace.listings.selectors import (
    listing_get_for_seller,
    listing_import_get_for_seller,
    listing_photo_get_for_seller,
    listings_of_seller,
)
from marketplace.listings.services import (
    listing_create,
    listing_photo_add,
    listing_photo_delete,
    listing_status_set,
    listing_update,
)
from marketplace.sellers.decorators import seller_required


@seller_required
def listing_list(request):
    return render(
        request,
        "listings/list.html",
        {"listings": listings_of_seller(request.seller), "seller": request.seller},
    )


@seller_required
def listing_create_view(request):
    form = ListingForm(request.POST or None, seller=request.seller)
    if request.method == "POST" and form.is_valid():
        try:
            listing = listing_create(seller=request.seller, data=dict(form.cleaned_data))
        except ListingInvalidError as exc:
            _errors_to_form(form, exc)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Listing saved as a draft. Add photos, then publish it."))
            return redirect("listings:edit", pk=listing.pk)
    return render(request, "listings/form.html", {"form": form, "seller": request.seller})


@seller_required
def listing_edit(request, pk: int):
    listing = listing_get_for_seller(request.seller, pk)
    form = ListingForm(
        request.POST or None,
        seller=request.seller,
        instance=listing,
        initial={"category": listing.category.slug},
    )
    if request.method == "POST" and form.is_valid():
        try:
            listing_update(listing=listing, data=form.cleaned_data)
        except ListingInvalidError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Listing saved."))
            return redirect("listings:edit", pk=listing.pk)
    return render(
        request,
        "listings/form.html",
        {
            "form": form,
            "listing": listing,
            "seller": request.seller,
            "photo_form": PhotoForm(),
            "photos": listing.photos.all(),
        },
    )


@require_POST
@seller_required
def listing_status(request, pk: int):
    listing = listing_get_for_seller(request.seller, pk)
    try:
        listing_status_set(listing=listing, status=request.POST.get("status", ""))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        if listing.status == Listing.Status.ACTIVE and not request.seller.is_verified:
            messages.warning(request, _("Published. Buyers will see it once your business is verified."))
        else:
            messages.success(
                request, _("Listing is now %(status)s.") % {"status": listing.get_status_display()}
            )
    if request.POST.get("from") == "list":
        return redirect("listings:list")
    return redirect("listings:edit", pk=listing.pk)


@require_POST
@seller_required
def listing_photo_upload(request, pk: int):
    listing = listing_get_for_seller(request.seller, pk)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        try:
            listing_photo_add(listing=listing, upload=form.cleaned_data["photo"])
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Photo added."))
    return redirect("listings:edit", pk=listing.pk)


@require_POST
@seller_required
def listing_photo_remove(request, pk: int):
    photo = listing_photo_get_for_seller(request.seller, pk)
    listing_pk = photo.listing_id
    listing_photo_delete(photo=photo)
    messages.success(request, _("Photo removed."))
    return redirect("listings:edit", pk=listing_pk)


@seller_required
def listings_import(request):
    form = CsvImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = listing_import_start(seller=request.seller, upload=form.cleaned_data["file"])
        except ApplicationError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("listings:import_progress", pk=job.pk)
    return render(
        request,
        "listings/import.html",
        {
            "form": form,
            "required": REQUIRED_COLUMNS,
            "optional": OPTIONAL_COLUMNS,
            "seller": request.seller,
        },
        status=422 if form.errors else 200,
    )


@seller_required
def listing_import_progress(request, pk: int):
    """Where an import stands; the page reloads itself (no JavaScript) until the report is in."""
    job = listing_import_get_for_seller(request.seller, pk)
    stalled = listing_import_is_stalled(job)
    return render(
        request,
        "listings/import_progress.html",
        {
            "job": job,
            "report": ImportReport.from_dict(job.report) if job.is_finished else None,
            "stalled": stalled,
            "refresh": not job.is_finished and not stalled,
        },
    )


def _errors_to_form(form, exc: ListingInvalidError) -> None:
    # The form checked the same rules a moment ago; a change in between (a SKU taken) lands here.
    for name, message in exc.details.items():
        form.add_error(name if name in form.fields else None, message)


@seller_required
def hs_code_finder(request):
    query = request.GET.get("q", "").strip()[:100]
    results = hs_code_search(query)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "results": [
                    {"code": c.code, "display": c.display_code, "description": c.description} for c in results
                ]
            }
        )
    return render(request, "listings/hs_codes.html", {"query": query, "results": results})
