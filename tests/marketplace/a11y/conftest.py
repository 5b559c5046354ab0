"""Fixtures for the accessibility tests."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _no_language_left_active():
    """These pages are asked for in Chinese too, and LocaleMiddleware leaves that language active in the
    thread: reset it, so that tests run after these read English."""
    yield
    translation.deactivate()
