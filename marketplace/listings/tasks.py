"""Celery tasks of the listing domain."""

from celery import shared_task

from marketplace.listings.imports import listing_import_run, listing_import_taken_elsewhere

RETRY_WHILE_TAKEN_SECONDS = 60


# A failed run is not retried: it has stored its report ("nothing imported") and the seller uploads again.
# acks_late (and reject on worker lost): a message whose worker died is delivered again. If the job is still
# marked running by that worker, the new delivery waits (retries every minute) until the job is past the
# task time limit, then claims it again: the all-or-nothing write makes that safe, and the file is imported.
@shared_task(bind=True, name="listings.import_run", queue="default", acks_late=True, max_retries=None)
def listings_import_run(self, import_id: int) -> bool:
    """Check and import one uploaded CSV file; a no-op for a job already finished."""
    if listing_import_run(import_id=import_id):
        return True
    if listing_import_taken_elsewhere(import_id=import_id):
        raise self.retry(countdown=RETRY_WHILE_TAKEN_SECONDS)
    return False
