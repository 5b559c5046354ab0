"""Moving customs document files issued before they were private from public media to private storage.

Documents issued before migration 0005 were stored through the default storage, under MEDIA_URL, where
anyone could download them. Migration 0005 moves them; `manage.py customs_documents_make_private` does the
same again where migrate could not reach the media files (another host, a volume not mounted).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db.models import QuerySet

logger = logging.getLogger(__name__)


@dataclass
class FilesMoved:
    moved: int = 0
    already_private: int = 0
    missing: list[str] = field(default_factory=list)
    # The PDF's bytes do not match the sha256 recorded at issue: moved all the same (private beats public),
    # listed so an operator can look at them.
    altered: list[str] = field(default_factory=list)


def customs_document_files_make_private(
    *, files: Iterable[tuple[str, str]], public: Storage, private: Storage
) -> FilesMoved:
    """Move each (name, sha256 or "") from `public` to `private` under the same name; reruns are no-ops.

    The name stays the same so the document rows, which are immutable, need no change. A file is deleted
    from `public` only once `private` holds the same bytes.
    """
    report = FilesMoved()
    for name, sha256 in files:
        if not name:
            continue
        if private.exists(name):
            # A run stopped between copy and delete leaves both: finish the move if the copy is whole.
            if public.exists(name) and _read(public, name) == _read(private, name):
                public.delete(name)
            report.already_private += 1
            continue
        if not public.exists(name):
            report.missing.append(name)
            logger.warning("customs.document_file_missing", extra={"file": name})
            continue
        data = _read(public, name)
        if sha256 and hashlib.sha256(data).hexdigest() != sha256:
            report.altered.append(name)
            logger.warning("customs.document_file_altered", extra={"file": name})
        stored = private.save(name, ContentFile(data))
        if stored != name or _read(private, stored) != data:
            raise OSError(f"Private storage did not keep {name} as it was; the public copy is kept.")
        public.delete(name)
        report.moved += 1
    return report


def customs_document_files(documents: QuerySet) -> Iterator[tuple[str, str]]:
    """(name, sha256) of every document's PDF and (name, "") of its JSON: what the move above takes.

    Takes a queryset rather than the model so migrations can pass their historical one.
    """
    for pdf, json_name, sha256 in documents.values_list("pdf", "json", "sha256").iterator():
        yield pdf, sha256
        yield json_name, ""


def _read(storage: Storage, name: str) -> bytes:
    with storage.open(name, "rb") as handle:
        return handle.read()
