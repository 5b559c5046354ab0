"""Operators read every rule table in the admin, read-only (rules change through reviewed seeds)."""

import pytest


@pytest.mark.parametrize(
    ("path", "seen"),
    [
        ("/admin/customs/reliefexclusion/", "2203"),  # beer, an excise good, outside the EU relief
        ("/admin/customs/originduty/", "CN"),  # Section 301 on Chinese goods
        ("/admin/customs/sdrrate/", "2026"),
    ],
)
def test_the_new_rule_tables_are_listed_read_only(admin_client, customs_rules, path, seen):
    page = admin_client.get(path)
    assert page.status_code == 200 and seen in page.content.decode()
    assert admin_client.get(path + "add/").status_code == 403
