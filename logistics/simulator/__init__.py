"""A partner that lives: a small client of the public partner API (`manage.py partner_simulator PARTNER`).

It knows the platform only through /api/v1/ and a bearer key: `api_client.py` speaks HTTP (retries with
backoff, Idempotency-Key on every POST), `journeys.py` plans a parcel's plausible way from label to door,
and `partner.py` accepts what is offered and pushes each journey's events when they fall due.
"""
