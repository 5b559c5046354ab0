"""manage.py load_seeds: load the versioned reference data in seeds/ (idempotent; run by make run)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load reference data from seeds/: the ECB rate history. Safe to run again."

    def handle(self, *args, **options):
        call_command(
            "import_fx_rates",
            file=str(settings.BASE_DIR / "seeds" / "fx" / "eurofxref-hist.zip"),
            verbosity=options["verbosity"],
            stdout=self.stdout,
            stderr=self.stderr,
        )
