"""Under `make run` (no EMAIL_URL) e-mails are written as .eml files under var/mail/, each path logged."""

import email
import logging

from django.core.mail import EmailMessage

from ewtp.mail_files import EmlFileBackend


def test_each_message_is_one_eml_file_a_mail_reader_opens(tmp_path, caplog):
    # given
    backend = EmlFileBackend(file_path=str(tmp_path))
    message = EmailMessage(
        "Reset your EWTP password", "Follow the link.", "no-reply@ewtp.test", ["li@example.com"]
    )
    # when
    with caplog.at_level(logging.INFO, logger="ewtp.mail_files"):
        sent = backend.send_messages([message, message])
    # then
    files = sorted(tmp_path.glob("*.eml"))
    assert sent == 2 and len(files) == 2
    parsed = email.message_from_bytes(files[0].read_bytes())
    assert parsed["Subject"] == "Reset your EWTP password" and parsed["To"] == "li@example.com"
    assert parsed.get_payload().strip() == "Follow the link."
    assert {r.path for r in caplog.records} == {str(f) for f in files}


def test_make_run_writes_e_mail_to_files_unless_a_server_is_named(monkeypatch):
    # given the environment of make run: no EMAIL_URL
    import importlib

    import environ

    monkeypatch.delenv("EMAIL_URL", raising=False)
    config = environ.Env().email_url("EMAIL_URL", default="filemail://")
    # then the base settings swap Django's .log file backend for one .eml per message
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    base = importlib.import_module("ewtp.settings.base")
    assert base.EMAIL_BACKEND == "ewtp.mail_files.EmlFileBackend"
    assert base.EMAIL_FILE_PATH.endswith("var/mail")
