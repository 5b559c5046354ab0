"""Production settings: no start without SECRET_KEY or SITE_URL, and `check --deploy` has nothing to say."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "SITE_URL", "DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120, check=False
    )


def test_production_refuses_to_start_without_secret_key():
    result = _run("manage.py", "check", DJANGO_SETTINGS_MODULE="ewtp.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_debug_off_refuses_to_start_without_secret_key_whatever_the_module():
    result = _run("manage.py", "check", DJANGO_SETTINGS_MODULE="ewtp.settings.dev", DEBUG="false")
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_refuses_to_start_without_site_url():
    # e-mails sent by workers have no request to take a host from
    result = _run(
        "manage.py", "check", DJANGO_SETTINGS_MODULE="ewtp.settings.production", SECRET_KEY="x" * 50
    )
    assert result.returncode != 0
    assert "SITE_URL must be set when DEBUG is off" in result.stderr


def test_debug_on_in_the_environment_does_not_lend_production_the_development_defaults():
    result = _run("manage.py", "check", DJANGO_SETTINGS_MODULE="ewtp.settings.production", DEBUG="true")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
    result = _run(
        "manage.py",
        "check",
        DJANGO_SETTINGS_MODULE="ewtp.settings.production",
        DEBUG="true",
        SECRET_KEY="x" * 50,
    )
    assert "SITE_URL must be set when DEBUG is off" in result.stderr


def test_production_check_deploy_prints_no_warnings():
    result = _run(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="ewtp.settings.production",
        SECRET_KEY="p9Vq-3rX!zL7mN2bT8wK4cY6hJ1sD5fG0aE_uR-oI9pQ2vB7nM3xZ",
        ALLOWED_HOSTS="shop.example.com",
        SITE_URL="https://shop.example.com",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_development_settings_start_with_their_own_key():
    result = _run("manage.py", "check", DJANGO_SETTINGS_MODULE="ewtp.settings.dev")
    assert result.returncode == 0, result.stderr
