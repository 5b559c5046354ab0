from django.core import checks
from weasyprint.text import ffi

from logistics.customs.checks import harfbuzz_subset_check


def test_no_warning_when_harfbuzz_subset_is_loaded():
    # scripts/ensure_system_libs.sh (run by `make install`) installs it on every machine the tests run on.
    assert ffi.harfbuzz_subset is not None
    assert harfbuzz_subset_check() == []


def test_warns_when_weasyprint_would_fall_back_to_fonttools(monkeypatch):
    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    [warning] = harfbuzz_subset_check()
    assert warning.id == "customs.W001"
    assert warning.level == checks.WARNING
    assert "libharfbuzz-subset0" in warning.hint


def test_registered_with_django(monkeypatch):
    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    assert "customs.W001" in [message.id for message in checks.run_checks()]
