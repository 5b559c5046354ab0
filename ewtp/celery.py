"""The Celery app: configured from Django settings under the CELERY_ namespace, tasks autodiscovered.

Queues: default, tracking, documents, webhooks, reconciliation (see settings.CELERY_QUEUE_NAMES); each task
names its own queue. The beat schedule lives in settings.CELERY_BEAT_SCHEDULE.
"""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ewtp.settings.dev")

app = Celery("ewtp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["ewtp"])


@task_prerun.connect
def _bind_task_id(task_id=None, **_):
    """Log lines written inside a task carry the task id where a request would carry its request id."""
    from ewtp.structured_logging import request_id_var

    request_id_var.set(task_id or "-")


@task_postrun.connect
def _unbind_task_id(**_):
    from ewtp.structured_logging import request_id_var

    request_id_var.set("-")
