"""Cached fragments (core/templatetags/fragments.py) are rendered again with other catalogues: what
renders them is part of their key, not only the data and the language."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_directory_and_the_frame_show_other_catalogues_at_once(client, catalogue):
    client.get("/partners/", HTTP_ACCEPT_LANGUAGE="fr")  # cached with the project's catalogues
    catalogue("fr", {"Partners": "Partenaires (test)", "Skip to content": "Aller au contenu (test)"})
    html = client.get("/partners/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<h1>Partenaires (test)</h1>" in html  # the list's fragment
    assert '<a href="/partners/">Partenaires (test)</a>' in html  # the navigation
    assert "Aller au contenu (test)" in html
