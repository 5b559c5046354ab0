"""Request fingerprints and the purge of old idempotency keys."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ewtp.api.idempotency import idempotency_keys_purge, request_fingerprint
from ewtp.api.models import IdempotencyKey


def test_a_json_body_counts_by_its_content():
    same = [request_fingerprint(method="POST", path="/api/v1/x/", body=body)
            for body in (b'{"a": 1, "b": [1, 2]}', b'{"b":[1,2],"a":1}')]  # fmt: skip
    assert same[0] == same[1]
    assert request_fingerprint(method="POST", path="/api/v1/x/", body=b'{"a": 2, "b": [1, 2]}') != same[0]
    assert request_fingerprint(method="PUT", path="/api/v1/x/", body=b'{"a": 1, "b": [1, 2]}') != same[0]
    assert request_fingerprint(method="POST", path="/api/v1/y/", body=b'{"a": 1, "b": [1, 2]}') != same[0]


def test_a_body_that_is_not_json_counts_by_its_bytes():
    assert request_fingerprint(method="POST", path="/p", body=b"a=1") != request_fingerprint(
        method="POST", path="/p", body=b"a=1 "
    )


@pytest.mark.django_db
def test_keys_older_than_the_keep_time_are_purged(settings):
    settings.API_IDEMPOTENCY_KEEP_HOURS = 24
    fields = {"client": "partner:1", "fingerprint": "f", "method": "POST", "path": "/", "status_code": 200,
              "content_type": "application/json", "body": b"{}"}  # fmt: skip
    old = IdempotencyKey.objects.create(key="old", **fields)
    fresh = IdempotencyKey.objects.create(key="fresh", **fields)
    IdempotencyKey.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    assert idempotency_keys_purge() == 1
    assert list(IdempotencyKey.objects.values_list("pk", flat=True)) == [fresh.pk]
