"""HS 2022 codes: the whole nomenclature loads, codes are validated, sellers find codes by words."""

import pytest

from logistics.customs.errors import HsCodeError
from logistics.customs.hs import hs_code_search, hs_code_validate, hs_nomenclature_load
from logistics.customs.models import HsCode
from tests.logistics.customs.conftest import SEEDS


def test_the_nomenclature_loads_every_real_code_and_no_placeholder(hs_nomenclature):
    assert hs_nomenclature == 6936
    counts = {level: HsCode.objects.filter(level=level).count() for level in (2, 4, 6)}
    assert counts == {2: 96, 4: 1228, 6: 5612}
    assert not HsCode.objects.filter(code__in=["TOTAL", "99", "9999", "999999"]).exists()
    tshirt = HsCode.objects.get(code="610910")
    assert (tshirt.parent_id, tshirt.parent.parent_id, tshirt.section) == ("6109", "61", "XI")


def test_loading_again_changes_nothing(hs_nomenclature):
    assert hs_nomenclature_load(path=SEEDS / "hs2022" / "harmonized-system.csv") == 6936
    assert HsCode.objects.count() == 6936


@pytest.mark.parametrize("written", ["6109.10", "610910", "6109 10", " 6109.10 "])
def test_a_code_is_accepted_however_it_is_written(hs_nomenclature, written):
    assert hs_code_validate(written).code == "610910"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("6109", "six digits"),  # a heading is not a subheading
        ("61091", "six digits"),
        ("abc", "six digits"),
        ("", "six digits"),
        ("999999", "not in the HS 2022 nomenclature"),
        ("610920", "not in the HS 2022 nomenclature"),
        ("61091000", "six digits"),
    ],
)
def test_bad_codes_are_refused_with_a_reason(hs_nomenclature, written, message):
    with pytest.raises(HsCodeError, match=message):
        hs_code_validate(written)


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("cotton t-shirt", "610910"),
        ("T-shirts cotton", "610910"),
        ("smartphones", "851713"),
        ("green tea", "090210"),
        ("6109", "610910"),
        ("6109.90", "610990"),
    ],
)
def test_search_by_words_offers_the_right_code_first(hs_nomenclature, query, expected_first):
    assert hs_code_search(query)[0].code == expected_first


def test_search_matches_parent_descriptions_and_returns_only_subheadings(hs_nomenclature):
    results = hs_code_search("roasted coffee")
    assert "090121" in [c.code for c in results]
    assert all(c.level == 6 for c in results)
    assert hs_code_search("") == [] and hs_code_search("zzzzqqq") == []
