"""`make run` on a laptop: DEBUG on, embedded defaults (SQLite, filesystem broker, local-memory cache)."""

import os

os.environ.setdefault("DEBUG", "true")

from ewtp.settings.base import *  # noqa: F403
