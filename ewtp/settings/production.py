"""Production: DEBUG off, SECRET_KEY required, HTTPS everywhere. `manage.py check --deploy` is clean."""

from django.core.exceptions import ImproperlyConfigured

from ewtp.settings.base import *  # noqa: F403
from ewtp.settings.base import env

DEBUG = False
# base.py gives DEBUG-on environments a development key and a local SITE_URL; DEBUG=true in the environment
# must not carry them into production, where DEBUG is off whatever the environment says.
for _name in ("SECRET_KEY", "SITE_URL"):
    if not env.str(_name, default=""):
        raise ImproperlyConfigured(f"{_name} must be set when DEBUG is off (see .env.example).")
# base.py's default follows DEBUG from the environment; here media/ is a web server's or CDN's job.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)

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
