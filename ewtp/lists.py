"""Lists joined as the reader's language joins them (CLDR via babel): "liquids, magnets and powders" in
British English, "液体、磁铁和粉末" in Chinese, "líquidos, imanes y polvos" in Spanish."""

from __future__ import annotations

from collections.abc import Iterable

from babel.lists import format_list
from django.utils.translation import get_language, to_locale


def list_join(items: Iterable[str], *, style: str = "standard", locale: str | None = None) -> str:
    """`items` as one phrase in `locale` (default: the active language). `style` is CLDR's: "standard"
    (a, b and c) or "or" (a, b or c)."""
    words = [str(item) for item in items]
    if not words:
        return ""
    name = locale or to_locale(get_language() or "en")
    try:
        return format_list(words, style=style, locale=name)
    except (ValueError, KeyError, LookupError):
        return format_list(words, style=style, locale="en")
