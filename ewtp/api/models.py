"""Idempotency keys: the first response to a client's POST or PUT, kept to answer its retries."""

from django.db import models


class IdempotencyKey(models.Model):
    """One key of one client. The unique constraint is what makes two racing retries run the request once:
    the second insert waits for the first transaction and then finds its row."""

    client = models.CharField(max_length=60, help_text="Whose key: the ApiClient's identity (partner:<id>).")
    key = models.CharField(max_length=255)
    # SHA-256 of method, path and the body as canonical JSON: the same key with another request is a 409.
    fingerprint = models.CharField(max_length=64)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=300)
    status_code = models.PositiveSmallIntegerField()
    content_type = models.CharField(max_length=100)
    body = models.BinaryField()
    location = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "key"], name="idempotency_key_unique")]

    def __str__(self):
        return f"{self.client} {self.key}"
