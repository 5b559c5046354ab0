"""Reference data this app loads from seeds/ (called by manage.py load_seeds)."""

from django.conf import settings
from tqdm import tqdm

from ewtp.fx.services import fx_rates_import


def seeds_load(*, stdout) -> None:
    path = settings.BASE_DIR / "seeds" / "fx" / "eurofxref-hist.zip"

    def progress(days):
        return tqdm(days, desc="ECB rates", unit="day", mininterval=2)

    report = fx_rates_import(
        data=path.read_bytes(), origin=str(path.relative_to(settings.BASE_DIR)), progress=progress
    )
    stdout.write(f"ECB rates: {report.summary()}")
