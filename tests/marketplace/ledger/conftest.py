"""Fixtures for the ledger tests of business events (world.py builds their orders and payments)."""

import pytest

from tests.marketplace.payments.conftest import WEBHOOK_SECRET


@pytest.fixture
def gateway(settings, monkeypatch):
    """The built-in test gateway's webhooks; customs documents queued but never rendered here."""
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.TEST_GATEWAY_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.PLATFORM_FEE_BASIS_POINTS = 500
