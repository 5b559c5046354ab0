"""Fixtures for the kernel's tests."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _no_language_left_active():
    """Each test starts and ends in the default language: LocaleMiddleware leaves a request's language
    active in the thread, and the suite's order is not fixed, so one page asked for in Chinese turned later
    English assertions (the ECB's name, an error body) Chinese."""
    translation.deactivate()
    yield
    translation.deactivate()
