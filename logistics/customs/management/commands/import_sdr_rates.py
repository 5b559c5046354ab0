"""manage.py import_sdr_rates --file PATH: store the IMF's published SDR rates (1 SDR in USD per day)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ewtp.errors import ApplicationError
from logistics.customs.sdr import sdr_rates_import


class Command(BaseCommand):
    help = (
        "Import the IMF's SDR rates from its SDR valuation export (rms_sdrv.aspx, TSV) or its exchange rate "
        "archive 'SDRs per Currency unit and Currency units per SDR' (rms_five.aspx / rms_mth.aspx, TSV or "
        "CSV). All or nothing; importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", required=True, help="Path to the IMF's TSV or CSV export.")

    def handle(self, *args, file: str, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            report = sdr_rates_import(data=path.read_bytes())
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(report.summary()))
