"""manage.py seed_demo [--listings N]: the deterministic demo world (run by make run; safe to repeat).

Every installed app with a `demo` module contributes its `demo_seed(stdout=...)`, in INSTALLED_APPS order;
`--listings N` adds N more listings in bulk for benchmarks.
"""

import inspect
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the demo world: verified sellers, listings with photos, a buyer, partners. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--listings", type=int, default=0, help="Add this many more listings (bulk).")
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )

    def handle(self, *args, listings=0, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates demo log-ins with a known password; it runs only with DEBUG on "
                "(or --force on a throwaway database)."
            )
        if listings < 0:
            raise CommandError("--listings must be zero or more.")
        for config in apps.get_app_configs():
            if find_spec(f"{config.name}.demo") is None:
                continue
            seed = import_module(f"{config.name}.demo").demo_seed
            kwargs = {"stdout": self.stdout}
            if "extra_listings" in inspect.signature(seed).parameters:
                kwargs["extra_listings"] = listings
            seed(**kwargs)
