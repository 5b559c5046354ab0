"""System checks for what the `documents` worker renders with."""

from django.core import checks


@checks.register()
def harfbuzz_subset_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Warn when WeasyPrint would subset fonts with fontTools: about 4x slower for every customs PDF."""
    from weasyprint.text import ffi

    # WeasyPrint's own test (weasyprint/pdf/fonts.py): the library, and HarfBuzz 4.1 or later.
    if ffi.harfbuzz_subset is not None and ffi.harfbuzz.hb_version_atleast(4, 1, 0):
        return []
    return [
        checks.Warning(
            "WeasyPrint cannot load HarfBuzz's subsetter, so every customs document subsets its fonts with "
            "fontTools, about 4x slower.",
            hint="Install libharfbuzz-subset0 (scripts/ensure_system_libs.sh does it on Debian).",
            id="customs.W001",
        )
    ]
