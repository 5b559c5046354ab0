"""What operators are told about dispatch: a partner endpoint disabled, a shipment no partner takes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertKind(models.TextChoices):
    WEBHOOK_DISABLED = "webhook_disabled", _("Partner webhook endpoint disabled")
    NO_PARTNER = "no_partner", _("No partner left for a shipment")


class OperatorAlert(models.Model):
    """One alert, e-mailed once. `key` makes raising the same alert twice (a task rerun) a no-op."""

    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    key = models.CharField(max_length=120, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject
