"""Browsers ask for /favicon.ico whatever a page links to: it answers with the site's icon, which every page
also names in its head."""

import io

import pytest
from PIL import Image


def test_favicon_ico_answers_with_an_icon(client):
    # given / when a browser asks for the icon at the site's root
    response = client.get("/favicon.ico")
    # then it is a real ICO image, in the three sizes browsers use, cached for a day
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "max-age=86400" in response["Cache-Control"]
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO"
    assert icon.info["sizes"] == {(16, 16), (32, 32), (48, 48)}


@pytest.mark.django_db
def test_every_page_links_its_icon(client):
    # given / when
    page = client.get("/accounts/login/").content.decode()
    # then
    assert '<link rel="icon" href="/static/favicon.ico" sizes="16x16 32x32 48x48">' in page
