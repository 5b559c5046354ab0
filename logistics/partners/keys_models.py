"""Partners' API keys: a public prefix to find the key and a SHA-256 of the whole key, never the key itself.

A key is `ewtp_<prefix>_<secret>` with 32 random bytes of secret: guessing is hopeless, so one fast hash is
enough (a slow password hash guards low-entropy secrets, which these are not) and keeps each request cheap.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiScope(models.TextChoices):
    SHIPMENTS_READ = "shipments:read", _("Read the shipments dispatched to the partner")
    SHIPMENTS_WRITE = "shipments:write", _("Accept or reject shipments")
    TRACKING_WRITE = "tracking:write", _("Push tracking events")
    DOCUMENTS_READ = "documents:read", _("Download customs documents")
    RATES_WRITE = "rates:write", _("Read and replace the partner's rate cards")


class PartnerApiKey(models.Model):
    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(
        max_length=120, blank=True, help_text="What the key is for, e.g. 'tracking feed'."
    )
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False, help_text="SHA-256 of the whole key (hex).")
    scopes = models.JSONField(default=list, help_text="Scopes granted, from ApiScope.")
    created_at = models.DateTimeField(auto_now_add=True)
    # Updated at most once a minute per key: the time a key was last seen, not a request log.
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["partner", "-created_at"]
        verbose_name = "partner API key"

    def __str__(self):
        return f"{self.partner} {self.prefix}…"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
