"""CSV imports as jobs: the upload is stored, a Celery task (sent through the outbox) checks and imports it,
and the seller's progress page reloads itself until the report is in."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from ewtp.outbox.models import OutboxMessage
from ewtp.outbox.tasks import relay
from marketplace.listings import csv_import, imports
from marketplace.listings.csv_reading import REQUIRED_COLUMNS
from marketplace.listings.imports import listing_import_run
from marketplace.listings.models import Listing, ListingImport
from marketplace.listings.tasks import listings_import_run
from tests.marketplace.listings.factories import CategoryFactory
from tests.marketplace.sellers.factories import SellerFactory

HEADER = ",".join(REQUIRED_COLUMNS)
GOOD = [
    "B-1,Kiondo basket,crafts,3200,KES,4,4602.19,KE,0.5,35,35,30",
    "T-1,Kenyan AA coffee 250 g,food,1100.50,KES,10,090121,KE,0.25,18,10,6",
]
BAD = "X-1,Basket,crafts,3200,XYZ,4,4602.19,KE,0.5,35,35,30"
REFRESH = '<meta http-equiv="refresh" content="2">'


@pytest.fixture
def seller(hs_nomenclature):
    CategoryFactory(slug="crafts", name="Crafts")
    CategoryFactory(slug="food", name="Food")
    return SellerFactory(verified=True, country="KE")


@pytest.fixture
def seller_client(client, seller):
    client.force_login(seller.user)
    return client


def _csv(*rows) -> SimpleUploadedFile:
    return SimpleUploadedFile("listings.csv", ("\n".join([HEADER, *rows]) + "\n").encode())


def _job(seller, *rows) -> ListingImport:
    return ListingImport.objects.create(seller=seller, text="\n".join([HEADER, *rows]) + "\n")


@pytest.mark.django_db
def test_an_upload_is_stored_its_task_written_to_the_outbox_and_the_seller_sent_to_its_page(seller_client):
    # given a seller on the import page
    # when a file is uploaded (and nothing has run the task yet)
    response = seller_client.post(reverse("listings:import"), {"file": _csv(*GOOD)})
    # then the job waits, its task is in the outbox, and the page says so and reloads itself
    job = ListingImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("listings:import_progress", args=[job.pk])
    assert (job.status, job.file_name, job.text.splitlines()[1]) == ("pending", "listings.csv", GOOD[0])
    message = OutboxMessage.objects.get()
    assert (message.task_name, message.kwargs, message.queue) == (
        "listings.import_run",
        {"import_id": job.pk},
        "default",
    )
    page = seller_client.get(response["Location"]).content.decode()
    assert REFRESH in page and "Waiting to start" in page
    assert not Listing.objects.exists()


@pytest.mark.django_db
def test_once_the_task_has_run_the_page_shows_the_summary(
    seller_client, celery_eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = seller_client.post(reverse("listings:import"), {"file": _csv(*GOOD)})
    page = seller_client.get(response["Location"]).content.decode()
    job = ListingImport.objects.get()
    assert (job.status, job.rows_total, job.rows_checked) == ("done", 2, 2)
    assert "Imported 2 new and updated 0 listings." in page and REFRESH not in page
    assert Listing.objects.count() == 2


@pytest.mark.django_db
def test_a_bad_file_shows_every_problem_and_imports_nothing(
    seller_client, celery_eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = seller_client.post(reverse("listings:import"), {"file": _csv(GOOD[0], BAD)})
    page = seller_client.get(response["Location"]).content.decode()
    assert ListingImport.objects.get().status == "failed"
    assert "Nothing was imported" in page and "Unknown currency code XYZ" in page and REFRESH not in page
    assert not Listing.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [(b"x" * (2 * 1024 * 1024 + 1), "larger than 2 MB"), ("sku,tïtle\n".encode("latin-1"), "not UTF-8")],
)
def test_a_file_that_cannot_be_stored_is_refused_beside_the_file_field(seller_client, content, message):
    response = seller_client.post(reverse("listings:import"), {"file": SimpleUploadedFile("x.csv", content)})
    assert response.status_code == 422
    assert message in " ".join(response.context["form"].errors["file"])
    assert not ListingImport.objects.exists() and not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_with_the_broker_down_the_import_waits_and_runs_once_it_is_back(
    seller_client, celery_eager, dead_broker, django_capture_on_commit_callbacks
):
    # given the broker is down when the file is uploaded
    with django_capture_on_commit_callbacks(execute=True):
        seller_client.post(reverse("listings:import"), {"file": _csv(*GOOD)})
    assert ListingImport.objects.get().status == "pending"
    # when it is back and beat's relay runs
    dead_broker.revive()
    relay()
    # then the file is imported
    assert ListingImport.objects.get().status == "done" and Listing.objects.count() == 2


@pytest.mark.django_db
def test_running_the_task_twice_imports_once(seller):
    """A second delivery of the same task finds the job done and leaves it."""
    job = _job(seller, *GOOD)
    assert listings_import_run(import_id=job.pk) is True
    assert listings_import_run(import_id=job.pk) is False
    job.refresh_from_db()
    assert job.status == "done" and job.report["created"] == 2 and Listing.objects.count() == 2
    assert job.text == ""  # the file is not kept once its report is in


@pytest.mark.django_db
def test_a_job_running_in_another_worker_is_left_to_it_until_the_time_limit(seller, settings):
    # given a job another worker started a minute ago
    job = _job(seller, *GOOD)
    a_minute_ago = timezone.now() - timedelta(seconds=60)
    ListingImport.objects.filter(pk=job.pk).update(status="running", started_at=a_minute_ago)
    # when the task is delivered again, it leaves the job alone
    assert listing_import_run(import_id=job.pk) is False
    assert not Listing.objects.exists()
    # but once the job has run past the task time limit its worker is gone: it may be claimed again
    past = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
    ListingImport.objects.filter(pk=job.pk).update(started_at=past)
    assert listing_import_run(import_id=job.pk) is True
    assert Listing.objects.count() == 2


@pytest.mark.django_db
def test_a_stalled_job_says_it_stopped_and_stops_reloading(seller_client, seller, settings):
    job = _job(seller, *GOOD)
    past = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
    ListingImport.objects.filter(pk=job.pk).update(status="running", started_at=past)
    page = seller_client.get(reverse("listings:import_progress", args=[job.pk])).content.decode()
    assert "stopped before it finished" in page and REFRESH not in page


@pytest.mark.django_db
def test_another_sellers_import_is_not_found(seller_client):
    other = _job(SellerFactory(verified=True, country="PE"), *GOOD)
    assert seller_client.get(reverse("listings:import_progress", args=[other.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_progress_is_committed_while_the_rows_are_checked(seller, monkeypatch):
    """Each progress update commits on its own (no transaction open), so the page sees it move; the
    write comes after, in its own transaction."""
    # given progress reported after every row, and a spy on each report
    monkeypatch.setattr(csv_import, "PROGRESS_EVERY", 1)
    seen = []
    real = imports.listings_import_csv

    def spy(*, seller, text, progress):
        def progress_spy(checked, total):
            progress(checked, total)
            stored = ListingImport.objects.values_list("rows_checked", "rows_total").get(pk=job.pk)
            seen.append((stored, connection.in_atomic_block))

        return real(seller=seller, text=text, progress=progress_spy)

    monkeypatch.setattr(imports, "listings_import_csv", spy)
    job = _job(seller, *GOOD)
    # when the job runs
    listing_import_run(import_id=job.pk)
    # then each row's progress was stored outside any transaction
    assert seen == [((1, 2), False), ((2, 2), False)]


@pytest.mark.django_db
def test_an_unexpected_error_fails_the_job_with_a_message(seller, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(imports, "listings_import_csv", broken)
    job = _job(seller, *GOOD)
    with pytest.raises(RuntimeError):
        listing_import_run(import_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "unexpected error" in job.report["errors"][0]["message"]


@pytest.mark.django_db
def test_a_task_redelivered_after_its_worker_died_waits_then_imports_the_file(seller, settings):
    """The seller's file is not lost with a worker: the redelivered task retries until the dead worker's
    claim is past the time limit, then imports it."""
    from celery.exceptions import Retry

    # given a job whose worker died a minute into it (the message is delivered again: acks_late)
    job = _job(seller, *GOOD)
    a_minute_ago = timezone.now() - timedelta(seconds=60)
    ListingImport.objects.filter(pk=job.pk).update(status="running", started_at=a_minute_ago)
    # when the redelivered task runs, it asks to be retried in a minute instead of giving up
    with pytest.raises(Retry):
        listings_import_run.apply(kwargs={"import_id": job.pk}, throw=True)
    assert not Listing.objects.exists()
    # and when it runs again once the dead worker's claim is past the time limit, the file is imported
    past = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
    ListingImport.objects.filter(pk=job.pk).update(started_at=past)
    assert listings_import_run.apply(kwargs={"import_id": job.pk}, throw=True).get() is True
    assert Listing.objects.count() == 2
