"""What a task that sends e-mail retries: a mail server that is down, slow, unreachable or busy a while."""

import smtplib

# SMTP errors, refused or dropped connections, DNS failures and timeouts are all OSErrors.
MAIL_TRANSIENT_ERRORS = (OSError,)
# A server that refuses the recipient will refuse them again: retrying only delays the failure.
MAIL_PERMANENT_ERRORS = (smtplib.SMTPRecipientsRefused,)

# The Celery options of every task that sends e-mail: after commit, on the default queue, acknowledged once
# done, retried with backoff (30 s doubling up to an hour, jittered) while the mail server is unavailable.
MAIL_TASK_OPTIONS = {
    "queue": "default",
    "acks_late": True,
    "autoretry_for": MAIL_TRANSIENT_ERRORS,
    "dont_autoretry_for": MAIL_PERMANENT_ERRORS,
    "retry_backoff": 30,
    "retry_backoff_max": 3600,
    "retry_jitter": True,
    "max_retries": 10,
}
