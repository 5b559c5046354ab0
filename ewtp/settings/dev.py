"""`make run` on a laptop: DEBUG on, embedded defaults (SQLite, filesystem broker, database cache), and a
development key and local address that exist only while DEBUG is on."""

import os

os.environ.setdefault("DEBUG", "true")
if os.environ["DEBUG"].strip().lower() in ("true", "on", "yes", "1"):
    os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-never-used-with-debug-off")
    os.environ.setdefault("SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    os.environ.setdefault("TEST_GATEWAY_WEBHOOK_SECRET", "whsec_dev_only_test_gateway_never_with_debug_off")

from ewtp.settings.base import *  # noqa: F403
