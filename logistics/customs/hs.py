"""HS 2022 codes: loading the nomenclature, validating a seller's code, searching by words."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext

from logistics.customs.errors import HsCodeError
from logistics.customs.hs_models import HsCode

NOT_A_CODE = {"TOTAL", "99", "9999", "999999"}
SEARCH_LIMIT = 20


def hs_code_normalize(value: str) -> str:
    """'6109.10', '6109 10' and '610910' all mean 610910."""
    return re.sub(r"[\s.]", "", value or "")


def hs_code_validate(value: str) -> HsCode:
    """The six-digit HS 2022 subheading `value` names, or an HsCodeError a seller can act on."""
    code = hs_code_normalize(value)
    if not re.fullmatch(r"\d{6}", code):
        raise HsCodeError(
            gettext(
                "%(value)r is not an HS code: use the six digits of an HS 2022 subheading, such as 6109.10."
            )
            % {"value": value},
            details={"hs_code": value},
        )
    found = HsCode.objects.filter(code=code, level=HsCode.Level.SUBHEADING).first()
    if found is None or code in NOT_A_CODE:
        raise HsCodeError(
            gettext("%(code)s is not in the HS 2022 nomenclature; search by words to find the code.")
            % {"code": f"{code[:4]}.{code[4:]}"},
            details={"hs_code": value},
        )
    return found


def _word_stem(word: str) -> str:
    # "shirts" finds "T-shirts" and "shirt" finds "shirts": match on the word without a plural ending.
    for ending in ("ies", "es", "s"):
        if len(word) > len(ending) + 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def hs_code_search(query: str, *, limit: int = SEARCH_LIMIT) -> list[HsCode]:
    """Subheadings whose description (or their heading's and chapter's) contains every word of `query`.

    A code typed in full or in part ("6109", "6109.10") finds the subheadings under it. Results where the
    words appear in the subheading's own text come first.
    """
    query = (query or "").strip()
    if not query:
        return []
    digits = hs_code_normalize(query)
    if digits.isdigit():
        return list(HsCode.objects.filter(level=HsCode.Level.SUBHEADING, code__startswith=digits)[:limit])
    words = [_word_stem(w) for w in re.findall(r"[\w-]+", query.lower()) if len(w) > 1]
    if not words:
        return []
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    candidates = list(
        HsCode.objects.filter(condition, level=HsCode.Level.SUBHEADING).exclude(code__in=NOT_A_CODE)[:500]
    )

    def rank(code: HsCode) -> tuple[int, str]:
        own = code.description.lower()
        return (-sum(word in own for word in words), code.code)

    return sorted(candidates, key=rank)[:limit]


@transaction.atomic
def hs_nomenclature_load(*, path: Path) -> int:
    """Load (or reload) the nomenclature CSV; returns the number of codes stored."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["hscode"] not in NOT_A_CODE]
    by_code = {row["hscode"]: row for row in rows}

    def search_text(code: str) -> str:
        parts = []
        while code in by_code:
            parts.append(by_code[code]["description"])
            code = by_code[code]["parent"]
        return " | ".join(parts).lower()

    existing = set(HsCode.objects.values_list("code", flat=True))
    objects = [
        HsCode(
            code=row["hscode"],
            description=row["description"],
            parent_id=row["parent"] if row["parent"] in by_code else None,
            level=int(row["level"]),
            section=row["section"],
            search_text=search_text(row["hscode"]),
        )
        for row in sorted(rows, key=lambda r: (int(r["level"]), r["hscode"]))
    ]
    HsCode.objects.bulk_create([o for o in objects if o.code not in existing], batch_size=1000)
    HsCode.objects.bulk_update(
        [o for o in objects if o.code in existing],
        ["description", "parent", "level", "section", "search_text"],
        batch_size=1000,
    )
    return len(objects)
