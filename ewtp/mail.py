"""What a task that sends e-mail retries: a mail server that is down, slow, unreachable or busy a while."""

import smtplib

# SMTP errors, refused or dropped connections, DNS failures and timeouts are all OSErrors.
MAIL_TRANSIENT_ERRORS = (OSError,)
# A server that refuses the recipient will refuse them again: retrying only delays the failure.
MAIL_PERMANENT_ERRORS = (smtplib.SMTPRecipientsRefused,)
