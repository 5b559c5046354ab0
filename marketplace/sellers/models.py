"""Sellers: the businesses that list goods, from sign-up through verification.

Status: draft -> submitted -> verified, or rejected (with a reason; the seller fixes and resubmits) ->
suspended. Only verified sellers' active listings are shown to buyers.
"""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ewtp.countries import country_choices_all


class Seller(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("seller status", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("seller status", "Submitted for review")
        VERIFIED = "verified", pgettext_lazy("seller status", "Verified")
        REJECTED = "rejected", pgettext_lazy("seller status", "Rejected")
        SUSPENDED = "suspended", pgettext_lazy("seller status", "Suspended")

    class BusinessType(models.TextChoices):
        SOLE_TRADER = "sole_trader", _("Sole trader")
        PARTNERSHIP = "partnership", _("Partnership")
        COMPANY = "company", _("Limited company")
        COOPERATIVE = "cooperative", _("Cooperative")

    class PayoutStatus(models.TextChoices):
        NOT_STARTED = "not_started", pgettext_lazy("payout status", "Not started")
        PENDING = "pending", pgettext_lazy("payout status", "Pending")
        ACTIVE = "active", pgettext_lazy("payout status", "Active")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seller")
    legal_name = models.CharField(max_length=200, blank=True)
    trading_name = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=2, choices=country_choices_all, blank=True)
    business_type = models.CharField(max_length=20, choices=BusinessType.choices, blank=True)
    registration_number = models.CharField(max_length=50, blank=True)
    vat_number = models.CharField(
        max_length=20, blank=True, help_text="EU VAT number, checked with python-stdnum."
    )
    eori_number = models.CharField(max_length=17, blank=True, help_text="Needed by EU and UK exporters.")
    phone = models.CharField(max_length=20, blank=True, help_text="E.164, e.g. +254712345678.")
    address_line1 = models.CharField(max_length=200, blank=True)
    address_line2 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=20, blank=True)
    region = models.CharField(max_length=100, blank=True)
    default_currency = models.CharField(max_length=3, blank=True)
    payout_status = models.CharField(
        max_length=12, choices=PayoutStatus.choices, default=PayoutStatus.NOT_STARTED
    )
    stripe_account_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    rejection_reason = models.TextField(blank=True, help_text="Shown to the seller, who fixes and resubmits.")
    suspension_reason = models.TextField(blank=True, help_text="Shown to the seller while suspended.")
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["trading_name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.trading_name or self.legal_name or self.user.email

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


def private_storage():
    return storages["private"]


class SellerDocument(models.Model):
    """A verification document. Stored privately: served only to its seller and to operators."""

    class Kind(models.TextChoices):
        BUSINESS_LICENCE = "business_licence", _("Business licence")
        IDENTITY_DOCUMENT = "identity_document", _("Identity document")

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file = models.FileField(storage=private_storage, upload_to="seller-documents/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.seller}"


class SellerStatusEvent(models.Model):
    """One change of a seller's status: who made it, when, and why (the audit trail operators read)."""

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="status_events")
    from_status = models.CharField(max_length=10, choices=Seller.Status.choices)
    to_status = models.CharField(max_length=10, choices=Seller.Status.choices)
    reason = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    # Set once the seller's e-mail about this change has gone out: a redelivered task sends nothing twice.
    email_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.seller}: {self.from_status} -> {self.to_status}"
