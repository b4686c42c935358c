"""A cached fragment of a list page (core/templatetags/fragments.py) is rendered again with other
catalogues: what renders it is part of its key, not only the data."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_directory_shows_other_catalogues_at_once(client, catalogue):
    client.get("/partners/", HTTP_ACCEPT_LANGUAGE="fr")  # cached with the project's catalogues
    catalogue("fr", {"Partners": "Partenaires (test)"})
    html = client.get("/partners/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<h1>Partenaires (test)</h1>" in html
