"""CSV imports as jobs: the upload is stored as a ListingImport and a Celery task checks and imports it, so
a 5,000-row file never holds a request open. The seller watches its progress page until the report is in.

    job = listing_import_start(seller=seller, upload=file)   # in the request: store, enqueue, return
    listing_import_run(import_id=job.pk)                     # in the task: claim, check, write, report
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ewtp.outbox.services import outbox_enqueue
from marketplace.listings.csv_import import listings_import_csv
from marketplace.listings.csv_reading import ImportReport, csv_text_read
from marketplace.listings.models import ListingImport
from marketplace.sellers.models import Seller

logger = logging.getLogger(__name__)


def listing_import_start(*, seller: Seller, upload) -> ListingImport:
    """Store the uploaded file and enqueue its import; raises ListingImportFileError (too large, not
    UTF-8) before anything is stored. The job and its task message are written in one transaction, through
    the outbox: a broker that is down delays the import, it never loses it."""
    from marketplace.listings.tasks import listings_import_run

    text = csv_text_read(upload)
    with transaction.atomic():
        job = ListingImport.objects.create(
            seller=seller, file_name=(getattr(upload, "name", "") or "")[:255], text=text
        )
        outbox_enqueue(listings_import_run, import_id=job.pk)
    return job


def _stalled_before() -> datetime:
    # A task is killed at CELERY_TASK_TIME_LIMIT: a job "running" for longer than that has no worker left.
    return timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT or 3600)


def listing_import_is_stalled(job: ListingImport) -> bool:
    """Whether a running job's worker is gone (it outlived the task time limit); nothing was imported."""
    return (
        job.status == ListingImport.Status.RUNNING
        and job.started_at is not None
        and job.started_at < _stalled_before()
    )


def listing_import_taken_elsewhere(*, import_id: int) -> bool:
    """Whether another worker holds the job (running, not yet past the time limit): a redelivered task then
    waits for it to finish, or to be found dead, rather than give up on the seller's file."""
    return ListingImport.objects.filter(
        pk=import_id, status=ListingImport.Status.RUNNING, started_at__gte=_stalled_before()
    ).exists()


def _claim(import_id: int) -> bool:
    """Move the job to running; False when it is done, failed, or running in another worker. A job whose
    worker died (running past the time limit) may be claimed again: its writes rolled back."""
    claimable = Q(status=ListingImport.Status.PENDING) | Q(
        status=ListingImport.Status.RUNNING, started_at__lt=_stalled_before()
    )
    # One UPDATE decides: of two deliveries of the same task, only one changes the row.
    return bool(
        ListingImport.objects.filter(claimable, pk=import_id).update(
            status=ListingImport.Status.RUNNING, started_at=timezone.now(), rows_checked=0
        )
    )


def listing_import_run(*, import_id: int) -> bool:
    """Check and import the job's file, all rows or none, and store the report; False (and nothing done)
    when the job was already taken. Progress is committed as rows are checked, outside the write's
    transaction, so the progress page moves while the import runs."""
    if not _claim(import_id):
        return False
    job = ListingImport.objects.select_related("seller").get(pk=import_id)

    def progress(checked: int, total: int) -> None:
        ListingImport.objects.filter(pk=import_id).update(rows_checked=checked, rows_total=total)

    try:
        report = listings_import_csv(seller=job.seller, text=job.text, progress=progress)
    except Exception:
        logger.exception("listings.import_failed", extra={"import_id": import_id})
        report = ImportReport()
        report.error(0, "file", _("The import stopped on an unexpected error; nothing was imported."))
        _finish(import_id, report)
        raise
    _finish(import_id, report)
    return True


def _finish(import_id: int, report: ImportReport) -> None:
    ListingImport.objects.filter(pk=import_id).update(
        status=ListingImport.Status.DONE if report.ok else ListingImport.Status.FAILED,
        report=report.as_dict(),
        text="",  # up to 2 MB of the seller's data, needed no more: the report says what became of it
        rows_total=report.rows,
        rows_checked=report.rows,
        finished_at=timezone.now(),
    )
