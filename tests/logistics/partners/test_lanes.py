"""One lane rule for quotes and for the catalogue: a partner limited to some countries serves only those."""

from decimal import Decimal

import pytest

from logistics.partners.lanes import lanes_origins_serving, rate_cards_serving
from logistics.partners.models import Partner

pytestmark = pytest.mark.django_db


def test_a_partner_limited_to_some_countries_serves_only_those_even_through_a_group(rate_card, eu_group):
    # given a partner whose card prices the whole EU group, but who says it delivers only to Germany
    rate_card(partner="swift", origin="KE", group=eu_group)
    Partner.objects.filter(slug="swift").update(countries=["DE"])
    # when / then: Germany is served, France (in the group, not in the partner's list) is not
    assert [c.partner.slug for c in rate_cards_serving(origin="KE", destination="DE")] == ["swift"]
    assert rate_cards_serving(origin="KE", destination="FR") == []
    # and the catalogue's filter says the same
    assert lanes_origins_serving(destination="DE") == frozenset({"KE"})
    assert lanes_origins_serving(destination="FR") == frozenset()


def test_a_partner_without_a_list_of_countries_serves_every_country_its_cards_name(rate_card, eu_group):
    rate_card(partner="swift", origin="KE", group=eu_group)
    rate_card(partner="swift", origin="CN", destination="US")
    assert lanes_origins_serving(destination="FR") == frozenset({"KE"})
    assert lanes_origins_serving(destination="US") == frozenset({"CN"})
    assert [c.destination_country for c in rate_cards_serving(origin="CN", destination="US")] == ["US"]


def test_inactive_cards_and_partners_serve_nothing(rate_card):
    card = rate_card(partner="swift", origin="KE", destination="DE")
    card.is_active = False
    card.save()
    rate_card(partner="closed", origin="CN", destination="DE")
    Partner.objects.filter(slug="closed").update(is_active=False)
    assert rate_cards_serving(origin="KE", destination="DE") == []
    assert rate_cards_serving(origin="CN", destination="DE") == []
    assert lanes_origins_serving(destination="DE") is None  # nothing active is published at all


def test_no_lane_at_all_is_unknown_not_empty():
    assert lanes_origins_serving(destination="DE") is None


def test_quotes_follow_the_same_rule(rate_card, eu_group, fx_days):
    from logistics.partners.quoting import shipping_quote

    # given
    fx_days("2026-10-30")
    rate_card(partner="swift", origin="KE", group=eu_group, currency="EUR")
    Partner.objects.filter(slug="swift").update(countries=["DE"])
    # when
    to_germany = shipping_quote(origin="KE", destination="DE", weight_kg=Decimal("0.5"), currency="EUR")
    to_france = shipping_quote(origin="KE", destination="FR", weight_kg=Decimal("0.5"), currency="EUR")
    # then: EUR 10.00 for the first band (up to 1 kg) to Germany; France not served
    assert [o.price.amount for o in to_germany.options] == [Decimal("10.00")]
    assert to_france.options == [] and to_france.message == "We can't ship this route yet."
