"""Production: DEBUG off, SECRET_KEY and SITE_URL required, HTTPS everywhere. `check --deploy` is clean."""

import os

# Off whatever the environment says, before base.py reads it: base lends nothing to DEBUG-on environments,
# but what defaults to DEBUG (SERVE_MEDIA) must see it off.
os.environ["DEBUG"] = "false"

from ewtp.settings.base import *  # noqa: F403
from ewtp.settings.base import DATABASES, env

# Each web process keeps its database connection across requests (checked before reuse) rather than opening
# one, TLS included, on every request that reads the database: 15 ms of a catalogue page rendered afresh.
DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# /healthz is probed over plain HTTP by load balancers and process managers.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
