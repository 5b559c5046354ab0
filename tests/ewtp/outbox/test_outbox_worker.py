"""The outbox against a real Redis broker and a real worker (not eager mode): a password-reset e-mail asked
for while the broker was unreachable goes out once the broker is back and the relay has run."""

import time

from django.core import mail

from ewtp.outbox.models import OutboxMessage
from ewtp.outbox.tasks import relay
from tests.celery_worker import real_worker_marks, start_real_worker
from tests.marketplace.sellers.factories import UserFactory

pytestmark = real_worker_marks()


def _wait_for(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_the_outbox_drains_to_a_real_worker_once_the_broker_is_back(client, dead_broker):
    # given the broker was down when the buyer asked for a reset link
    UserFactory(email="li.wei@example.com")
    response = client.post("/accounts/password-reset/", {"email": "li.wei@example.com"})
    assert response.status_code == 302
    [message] = OutboxMessage.objects.all()
    assert message.sent_at is None and message.last_error
    # when the broker is back, beat's relay runs and a worker consumes
    dead_broker.revive()
    with start_real_worker(queues=["default"]):
        assert relay() == 1
        # then the e-mail is delivered by the worker
        assert _wait_for(lambda: len(mail.outbox) == 1)
    assert mail.outbox[0].to == ["li.wei@example.com"]
    message.refresh_from_db()
    assert message.sent_at is not None
