"""The i18n tests' own fixture: a small catalogue of real strings, compiled for the test.

The project's catalogues (locale/) are filled by the translators; these tests must not depend on
how far they are. `catalogue("fr", {msgid: msgstr})` writes a French catalogue with these entries
into a temporary LOCALE_PATHS, compiles it as `make compile` does (scripts/compile_messages.py), and
the settings change resets Django's translation caches, so the next request or email is in it.
"""

from pathlib import Path

import polib
import pytest

from scripts.compile_messages import compile_catalogues

PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
}


def write_catalogue(locale_dir: Path, language: str, entries: dict[str, str], **flags) -> Path:
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": language,
        "Plural-Forms": PLURAL_FORMS.get(language, "nplurals=2; plural=(n != 1);"),
    }
    for msgid, msgstr in entries.items():
        catalogue.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=flags.get(msgid, [])))
    directory = locale_dir / language / "LC_MESSAGES"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "django.po"
    catalogue.save(str(path))
    return path


@pytest.fixture
def catalogue(tmp_path, settings):
    locale_dir = tmp_path / "locale"

    def make(language: str, entries: dict[str, str]) -> None:
        write_catalogue(locale_dir, language, entries)
        compile_catalogues(locale_dir, force=True)
        settings.LOCALE_PATHS = [locale_dir]  # resets the translation caches

    return make
