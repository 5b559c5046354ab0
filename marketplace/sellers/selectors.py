"""Reads about sellers: whose seller a user is, what onboarding still needs, which documents one may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import User
from marketplace.sellers.identifiers import eori_required
from marketplace.sellers.models import Seller, SellerDocument

PROFILE_REQUIRED = ("legal_name", "country", "business_type", "phone", "address_line1", "city")


@dataclass(frozen=True)
class OnboardingStep:
    key: str
    label: Promise
    url_name: str


STEPS = (
    OnboardingStep("profile", _("Business profile"), "sellers:profile"),
    OnboardingStep("currency", _("Default currency"), "sellers:currency"),
    OnboardingStep("payout", _("Payouts"), "sellers:payout"),
    OnboardingStep(SellerDocument.Kind.BUSINESS_LICENCE, _("Business licence"), "sellers:documents"),
    OnboardingStep(SellerDocument.Kind.IDENTITY_DOCUMENT, _("Identity document"), "sellers:documents"),
)


def seller_get_for_user(user: User) -> Seller | None:
    """The seller `user` acts for, or None (anonymous users and buyers)."""
    if not user.is_authenticated:
        return None
    return Seller.objects.select_related("user").filter(user=user).first()


def seller_profile_is_complete(seller: Seller) -> bool:
    if any(not getattr(seller, field) for field in PROFILE_REQUIRED):
        return False
    if seller.business_type == Seller.BusinessType.COMPANY and not seller.registration_number:
        return False
    return not (eori_required(seller.country) and not seller.eori_number)


def seller_documents_current(seller: Seller) -> dict[str, SellerDocument]:
    """The latest document of each kind (older uploads are kept for the operators' record)."""
    current: dict[str, SellerDocument] = {}
    for document in seller.documents.order_by("-uploaded_at", "-id"):
        current.setdefault(document.kind, document)
    return current


def seller_onboarding_missing(seller: Seller) -> list[OnboardingStep]:
    """The onboarding steps not done yet, in wizard order; empty when the seller may submit."""
    kinds = set(seller.documents.values_list("kind", flat=True))
    done = {
        "profile": seller_profile_is_complete(seller),
        "currency": bool(seller.default_currency),
        "payout": seller.payout_status != Seller.PayoutStatus.NOT_STARTED,
        SellerDocument.Kind.BUSINESS_LICENCE: SellerDocument.Kind.BUSINESS_LICENCE in kinds,
        SellerDocument.Kind.IDENTITY_DOCUMENT: SellerDocument.Kind.IDENTITY_DOCUMENT in kinds,
    }
    return [step for step in STEPS if not done[step.key]]


def seller_documents_visible_to(user: User) -> QuerySet[SellerDocument]:
    """Documents `user` may download: their own seller's, or all of them for operators."""
    documents = SellerDocument.objects.select_related("seller")
    if (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("sellers.view_sellerdocument")
    ):
        return documents
    if not user.is_authenticated:
        return documents.none()
    return documents.filter(seller__user=user)
