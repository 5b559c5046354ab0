"""View guards for the seller area. Both set `request.seller`.

    @seller_required           logged in and has started onboarding (else: log-in page / onboarding start)
    @verified_seller_required  ... and is verified (else: the dashboard, which says what is missing)

Class-based views use them through django.utils.decorators.method_decorator.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from marketplace.sellers.selectors import seller_get_for_user


def seller_required(view):
    @wraps(view)
    @login_required
    def guarded(request, *args, **kwargs):
        seller = seller_get_for_user(request.user)
        if seller is None:
            return redirect("sellers:start")
        request.seller = seller
        return view(request, *args, **kwargs)

    return guarded


def verified_seller_required(view):
    @wraps(view)
    @seller_required
    def guarded(request, *args, **kwargs):
        if not request.seller.is_verified:
            messages.warning(request, _("This page opens once your business is verified."))
            return redirect("sellers:dashboard")
        return view(request, *args, **kwargs)

    return guarded
