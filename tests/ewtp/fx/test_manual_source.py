"""A manual rate's source is what buyers read beside a converted price: a publisher, never a file."""

from datetime import date
from decimal import Decimal

import pytest

from ewtp.fx.errors import FxFeedError
from ewtp.fx.models import FxRate
from ewtp.fx.services import fx_rate_set_manual

pytestmark = pytest.mark.django_db

DAY = date(2026, 10, 30)


@pytest.mark.parametrize(
    "source", ["kes_rates.csv", "seeds/fx/kes.txt", "CBK export (rates.XLSX)", "seeds\\kes"]
)
def test_a_file_name_as_source_is_refused_naming_the_field(source):
    with pytest.raises(FxFeedError) as caught:
        fx_rate_set_manual(currency="KES", day=DAY, rate=Decimal("144.30"), source=source)
    assert caught.value.details == {"source": "The publisher's name, not a file."}
    assert not FxRate.objects.exists()


@pytest.mark.parametrize(
    "source",
    [
        "Central Bank of Kenya",
        "Central Bank of Kenya (https://www.centralbank.go.ke/rates/forex-exchange-rates/)",
    ],
)
def test_a_publisher_with_or_without_its_address_is_accepted(source):
    assert fx_rate_set_manual(currency="KES", day=DAY, rate=Decimal("144.30"), source=source).source == source
