"""Operators enter manual rates in the admin; ECB rates are read-only there."""

from datetime import date
from decimal import Decimal

import pytest

from ewtp.fx.models import FxRate

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(admin_client):
    return admin_client


def test_operator_adds_a_manual_rate(operator, admin_user):
    response = operator.post(
        "/admin/fx/fxrate/add/",
        {"currency": "kes", "date": "2026-10-30", "rate": "144.25", "source": "Central Bank of Kenya"},
    )
    assert response.status_code == 302, response.content
    rate = FxRate.objects.get(currency="KES")
    assert (rate.rate, rate.kind, rate.source, rate.created_by) == (
        Decimal("144.25"),
        FxRate.Kind.MANUAL,
        "Central Bank of Kenya",
        admin_user,
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("currency", "QQQ", "unknown currency code"),
        ("currency", "EUR", "EUR is the base currency"),
        ("rate", "0", "must be a positive number"),
        ("rate", "-3", "must be a positive number"),
        ("source", "", "This field is required"),
    ],
)
def test_bad_manual_rates_are_refused_beside_the_field(operator, field, value, message):
    data = {"currency": "NGN", "date": "2026-10-30", "rate": "1700", "source": "CBN"} | {field: value}
    response = operator.post("/admin/fx/fxrate/add/", data)
    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors[field])
    assert not FxRate.objects.exists()


def test_a_second_rate_for_the_same_day_is_refused(operator):
    FxRate.objects.create(
        currency="NGN", date=date(2026, 10, 30), rate=Decimal("1700"), source="CBN", kind=FxRate.Kind.MANUAL
    )
    response = operator.post(
        "/admin/fx/fxrate/add/", {"currency": "NGN", "date": "2026-10-30", "rate": "1800", "source": "CBN"}
    )
    assert response.status_code == 200
    assert FxRate.objects.get().rate == Decimal("1700")


def test_stored_rates_cannot_be_edited(operator):
    rate = FxRate.objects.create(
        currency="USD", date=date(2026, 10, 30), rate=Decimal("1.1172"), source="ECB"
    )
    assert operator.get(f"/admin/fx/fxrate/{rate.pk}/change/").status_code in (200, 403)
    operator.post(
        f"/admin/fx/fxrate/{rate.pk}/change/",
        {"currency": "USD", "date": "2026-10-30", "rate": "2", "source": "ECB"},
    )
    rate.refresh_from_db()
    assert rate.rate == Decimal("1.1172")
