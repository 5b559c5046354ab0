"""Django serves /media/ only where SERVE_MEDIA says so, and SERVE_MEDIA is off unless DEBUG is on (and off
in production whatever DEBUG says). Each case loads the settings afresh in a new process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Prints SERVE_MEDIA and whether /media/... reaches Django's static file view.
PROBE = """
import django
from django.conf import settings
from django.urls import Resolver404, resolve
from django.views.static import serve

django.setup()
try:
    mounted = resolve("/media/customs/7/2026/CI-2026-000001-v1.pdf").func is serve
except Resolver404:
    mounted = False
print(settings.SERVE_MEDIA, mounted)
"""
DEPLOYED = {
    "SECRET_KEY": "x" * 50,
    "SITE_URL": "https://shop.example.com",
    "ALLOWED_HOSTS": "shop.example.com",
}


def _probe(**env: str) -> str:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "SITE_URL", "DEBUG", "SERVE_MEDIA", "DJANGO_SETTINGS_MODULE"}
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean | env, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        # DEBUG off: media is a web server's job, by default
        ({"DJANGO_SETTINGS_MODULE": "ewtp.settings.dev", "DEBUG": "false", **DEPLOYED}, "False False"),
        ({"DJANGO_SETTINGS_MODULE": "ewtp.settings.production", **DEPLOYED}, "False False"),
        # production turns DEBUG off whatever the environment says, and media with it
        ({"DJANGO_SETTINGS_MODULE": "ewtp.settings.production", "DEBUG": "true", **DEPLOYED}, "False False"),
        # DEBUG on (make run): served, unless SERVE_MEDIA says otherwise
        ({"DJANGO_SETTINGS_MODULE": "ewtp.settings.dev"}, "True True"),
        ({"DJANGO_SETTINGS_MODULE": "ewtp.settings.dev", "SERVE_MEDIA": "false"}, "False False"),
        # an explicit choice to serve media holds even in production
        (
            {"DJANGO_SETTINGS_MODULE": "ewtp.settings.production", "SERVE_MEDIA": "true", **DEPLOYED},
            "True True",
        ),
    ],
)
def test_serve_media_defaults_to_debug_and_alone_decides_whether_media_is_mounted(env, expected):
    assert _probe(**env) == expected
