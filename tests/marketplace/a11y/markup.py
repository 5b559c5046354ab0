"""Reading pages' markup in tests: elements with their attributes and text (the standard library's parser)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list[Element] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if self.open:
            self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                return

    def handle_data(self, data):
        for element in self.open:
            element.text += data


def elements(html: str) -> list[Element]:
    parser = _Parser()
    parser.feed(html)
    return parser.elements


def find(html: str, tag: str, **attrs: str) -> list[Element]:
    """The elements `tag` whose attributes include `attrs` (class_ for class)."""
    wanted = {name.rstrip("_"): value for name, value in attrs.items()}
    return [
        e
        for e in elements(html)
        if e.tag == tag and all(e.attrs.get(name) == value for name, value in wanted.items())
    ]


def describedby_missing(html: str) -> list[str]:
    """Every id an aria-describedby (or aria-labelledby) names that no element of the page has."""
    found = elements(html)
    ids = {e.attrs["id"] for e in found if "id" in e.attrs}
    missing = []
    for e in found:
        for attribute in ("aria-describedby", "aria-labelledby"):
            missing += [name for name in e.attrs.get(attribute, "").split() if name not in ids]
    return missing
