"""Celery tasks of the listing domain."""

from celery import shared_task

from marketplace.listings.imports import listing_import_run


# Not retried: a failed run has stored its report ("nothing imported") and the seller uploads again.
# acks_late: a message lost with its worker before the job was claimed is delivered again. A job claimed by a
# worker that died is not rerun at once (it looks like one still running); once past the task time limit it
# shows as stopped and may be claimed again, which the all-or-nothing write makes safe.
@shared_task(name="listings.import_run", queue="default", acks_late=True)
def listings_import_run(import_id: int) -> bool:
    """Check and import one uploaded CSV file; a no-op for a job already running or finished."""
    return listing_import_run(import_id=import_id)
