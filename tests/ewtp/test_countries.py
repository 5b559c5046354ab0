"""Country choices: every ISO 3166 country, given to models as a callable so migrations never list them."""

import pytest
from django.core.management import call_command

from ewtp import countries
from ewtp.countries import COUNTRY_CODES, country_choices_all
from marketplace.listings.models import Listing
from marketplace.sellers.models import Seller


def test_the_choices_are_every_country_by_english_name():
    choices = country_choices_all()
    assert {code for code, _name in choices} == COUNTRY_CODES
    assert [name for _code, name in choices] == sorted(name for _code, name in choices)
    assert ("DE", "Germany") in choices


@pytest.mark.parametrize(("model", "field_name"), [(Seller, "country"), (Listing, "origin_country")])
def test_country_fields_name_the_callable_so_a_migration_records_a_reference_not_the_list(model, field_name):
    field = model._meta.get_field(field_name)
    _name, _path, _args, kwargs = field.deconstruct()
    assert kwargs["choices"] is country_choices_all
    assert field.flatchoices[0] == country_choices_all()[0]  # still a choice list for forms and the admin


@pytest.mark.django_db
def test_the_models_and_the_migrations_agree():
    """`makemigrations --check` exits non-zero when a model change has no migration."""
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)


@pytest.mark.django_db
def test_a_new_country_in_pycountry_writes_no_migration(monkeypatch):
    # given pycountry knows one more country than it did when the migrations were written
    monkeypatch.setattr(countries, "COUNTRY_CHOICES", [*countries.COUNTRY_CHOICES, ("XK", "Kosovo")])
    assert ("XK", "Kosovo") in Seller._meta.get_field("country").flatchoices
    # when / then
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)
