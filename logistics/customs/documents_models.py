"""Issued customs documents: numbered per seller per year, immutable, corrected by a new version.

The files carry names, addresses, phones, e-mails, EORI and VAT numbers and goods values: they live on
private storage and are served only through views that check who asks (documents_downloads.py).
"""

from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from logistics.customs.errors import DocumentImmutableError


class DocumentForm(models.TextChoices):
    """The slot a document fills for a shipment; versions of one form share its number."""

    COMMERCIAL_INVOICE = "commercial_invoice", _("Commercial invoice")
    CUSTOMS_DECLARATION = "customs_declaration", _("Customs declaration (CN22/CN23)")
    PACKING_LIST = "packing_list", _("Packing list")


class DocumentKind(models.TextChoices):
    COMMERCIAL_INVOICE = "commercial_invoice", _("Commercial invoice")
    CN22 = "cn22", "CN22"
    CN23 = "cn23", "CN23"
    PACKING_LIST = "packing_list", _("Packing list")


def customs_document_storage():
    # Never the default storage: whatever sits there is reachable under MEDIA_URL without logging in.
    return storages["private"]


class DocumentSequence(models.Model):
    """The last number used for a seller's form in a year (locked while a number is taken)."""

    seller_id = models.PositiveBigIntegerField()
    year = models.PositiveSmallIntegerField()
    form = models.CharField(max_length=20, choices=DocumentForm.choices)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["seller_id", "year", "form"], name="document_sequence_unique")
        ]

    def __str__(self):
        return f"seller {self.seller_id} {self.form} {self.year}: {self.last_number}"


class CustomsDocument(models.Model):
    shipment = models.ForeignKey("dispatch.Shipment", on_delete=models.PROTECT, related_name="documents")
    seller_id = models.PositiveBigIntegerField()
    form = models.CharField(max_length=20, choices=DocumentForm.choices)
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    number = models.CharField(max_length=30)
    version = models.PositiveSmallIntegerField(default=1)
    content = models.JSONField(help_text="Exactly what the PDF shows.")
    pdf = models.FileField(storage=customs_document_storage, upload_to="customs/", max_length=200)
    json = models.FileField(storage=customs_document_storage, upload_to="customs/", max_length=200)
    sha256 = models.CharField(max_length=64, help_text="Of the PDF bytes.")
    correction_reason = models.CharField(max_length=300, blank=True)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["shipment", "form", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["shipment", "form", "version"], name="document_version_unique"),
            models.UniqueConstraint(
                fields=["seller_id", "form", "number", "version"], name="document_number_unique"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number} v{self.version}"

    def save(self, *args, **kwargs):
        # Issued documents are evidence given to customs: a correction is a new version, never an edit.
        if not self._state.adding:
            raise DocumentImmutableError(f"{self} is issued and cannot change; issue a correction instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DocumentImmutableError(f"{self} is issued and cannot be deleted.")
