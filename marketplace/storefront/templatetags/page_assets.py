"""The site's stylesheet inlined in each page's <head>: on a slow phone connection a separate, render-blocking
stylesheet costs a round trip (150 ms on slow 4G) before anything is painted, for ~6 KB of CSS
(bench/lcp.py measures the difference)."""

from __future__ import annotations

from functools import cache

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.safestring import mark_safe

register = template.Library()


def _read(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise template.TemplateSyntaxError(f"inline_stylesheet: no static file {path!r}")
    with open(found, encoding="utf-8") as file:
        css = file.read()
    # A stylesheet never closes the <style> element it is put in.
    return css.replace("</", "<\\/")


_read_once = cache(_read)  # a deployment's static files never change while it runs


@register.simple_tag
def inline_stylesheet(path: str) -> str:
    """The static file `path`'s CSS, to put inside <style> (read afresh on every page under DEBUG)."""
    return mark_safe(_read(path) if settings.DEBUG else _read_once(path))  # noqa: S308 - our own file
