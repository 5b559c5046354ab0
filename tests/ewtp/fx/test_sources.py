"""A rate's publishers with a page to link to: the ECB's reference rates; a manual rate's publisher has
none."""

from ewtp.fx.sources import ECB_SOURCE_URL, RateSourceLink, rate_source_links


def test_the_ecb_links_to_its_reference_rates_page():
    assert rate_source_links("ECB") == [RateSourceLink(label="European Central Bank", url=ECB_SOURCE_URL)]
    assert ECB_SOURCE_URL.startswith("https://www.ecb.europa.eu/")


def test_a_cross_rate_links_its_ecb_leg_once_and_leaves_the_manual_one_unlinked():
    # given KES -> USD through EUR: the Central Bank of Kenya's manual rate, then the ECB's (named twice)
    links = rate_source_links("Central Bank of Kenya + ECB + ECB")
    # then one link, the ECB's
    assert [(link.label, link.url) for link in links] == [("European Central Bank", ECB_SOURCE_URL)]


def test_no_link_for_a_manual_or_demo_rate_or_no_source():
    assert rate_source_links("Central Bank of Kenya") == []
    assert rate_source_links("demo exchange rate") == []
    assert rate_source_links("") == []
