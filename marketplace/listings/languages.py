"""The languages a seller may write a listing's title and description in: pages in another language mark that
text with its BCP 47 tag (`lang`), so screen readers and browsers read it in the right language."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language, to_locale

# The platform's five languages first, then what sellers in its markets often write in.
TEXT_LANGUAGES = ("en", "es", "fr", "sw", "zh-Hans", "ar", "de", "hi", "id", "it", "ja", "ko", "pt", "ru",
                  "th", "tr", "vi")  # fmt: skip


def _display_name(code: str, reader: str) -> str:
    try:
        name = Locale.parse(code, sep="-").get_display_name(Locale.parse(to_locale(reader)))
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:] if name else code


def text_language_choices() -> list[tuple[str, str]]:
    """(tag, name in the reader's language), in TEXT_LANGUAGES' order."""
    reader = get_language() or "en"
    return [(code, _display_name(code, reader)) for code in TEXT_LANGUAGES]
