"""EWTP project package: settings, URLs, the Celery app and the shared kernel (money, currencies, errors)."""

from ewtp.celery import app as celery_app

__all__ = ("celery_app",)
