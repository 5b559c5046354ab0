"""E-mail under `make run`: each message written as a plain .eml file under var/mail/ (EMAIL_FILE_PATH), one
file per message, its path logged, so a developer opens the password-reset e-mail in any mail reader."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

log = logging.getLogger(__name__)


class EmlFileBackend(BaseEmailBackend):
    def __init__(self, *args, file_path: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.folder = Path(file_path or settings.EMAIL_FILE_PATH)

    def send_messages(self, email_messages) -> int:
        self.folder.mkdir(parents=True, exist_ok=True)
        written = 0
        for message in email_messages:
            name = f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
            path = self.folder / name
            path.write_bytes(message.message().as_bytes(linesep="\r\n"))
            log.info("mail.written", extra={"path": str(path), "to": ", ".join(message.recipients())})
            written += 1
        return written
