"""manage.py load_seeds: load the versioned reference data in seeds/ (idempotent; run by make run).

Each installed app with a `seeds` module contributes its `seeds_load(stdout=...)`, in INSTALLED_APPS order.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load reference data from seeds/ (exchange rates, HS nomenclature, tax rules). Safe to run again."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            if find_spec(f"{config.name}.seeds") is None:
                continue
            import_module(f"{config.name}.seeds").seeds_load(stdout=self.stdout)
