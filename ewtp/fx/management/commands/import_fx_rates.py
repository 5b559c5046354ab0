"""manage.py import_fx_rates --file PATH | --url URL: load ECB reference rates (XML, CSV or ZIP)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ewtp.errors import ApplicationError
from ewtp.fx.services import fx_rates_import, fx_rates_refresh


class Command(BaseCommand):
    help = "Import ECB euro reference rates from a file or URL (eurofxref-daily/hist, .xml, .csv or .zip)."

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--file", help="Path to an ECB rates file.")
        source.add_argument("--url", help="URL of an ECB rates file.")

    def handle(self, *args, file=None, url=None, verbosity=1, **options):
        def progress(days):
            return tqdm(
                days,
                desc="Importing rates",
                unit="day",
                file=self.stderr._out,
                disable=verbosity < 1 or len(days) < 50,
            )

        try:
            if file:
                path = Path(file)
                if not path.is_file():
                    raise CommandError(f"No such file: {file}")
                report = fx_rates_import(data=path.read_bytes(), origin=str(path), progress=progress)
            else:
                report = fx_rates_refresh(url=url, progress=progress)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(report.summary()))
