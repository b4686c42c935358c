"""scripts/check_translations.py fails on anything a reader would see in English or broken;
scripts/compile_messages.py compiles what Django reads, without gettext."""

import gettext

import pytest

from scripts import check_translations, compile_messages

from .conftest import write_catalogue

COMPLETE = {"Partners": "Partenaires", "Welcome to EV4SCC, %(name)s": "Bienvenue dans EV4SCC, %(name)s"}


@pytest.fixture
def locale_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(check_translations, "languages", lambda: ["fr", "de"])
    return tmp_path / "locale"


def run(locale_dir) -> int:
    return check_translations.main(["--no-makemessages", "--locale-dir", str(locale_dir)])


def test_complete_catalogues_pass(locale_dir, capsys):
    write_catalogue(locale_dir, "fr", COMPLETE)
    write_catalogue(
        locale_dir, "de", {"Partners": "Partner", "Welcome to EV4SCC, %(name)s": "Hallo %(name)s"}
    )
    assert run(locale_dir) == 0
    assert "fr: 100% translated, 0 problem(s)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("entries", "flags", "problem"),
    [
        ({**COMPLETE, "Targets": ""}, {}, "untranslated: 'Targets'"),
        (COMPLETE, {"Partners": ["fuzzy"]}, "fuzzy: 'Partners'"),
        ({**COMPLETE, "Welcome to EV4SCC, %(name)s": "Bienvenue, %(nom)s"}, {}, "placeholders differ"),
        ({**COMPLETE, "Welcome to EV4SCC, %(name)s": "Bienvenue !"}, {}, "placeholders differ"),
    ],
)
def test_any_untranslated_fuzzy_or_broken_entry_fails(locale_dir, capsys, entries, flags, problem):
    write_catalogue(locale_dir, "fr", entries, **flags)
    write_catalogue(locale_dir, "de", {"Partners": "Partner"})
    assert run(locale_dir) == 1
    assert problem in capsys.readouterr().out


def test_a_missing_catalogue_fails(locale_dir, capsys):
    write_catalogue(locale_dir, "fr", COMPLETE)
    assert run(locale_dir) == 1
    assert "de/LC_MESSAGES/django.po: no catalogue" in capsys.readouterr().out


def test_compiled_catalogues_translate_and_leave_fuzzy_entries_out(tmp_path):
    locale_dir = tmp_path / "locale"
    write_catalogue(locale_dir, "fr", {**COMPLETE, "Targets": "Cibles ?"}, **{"Targets": ["fuzzy"]})
    assert compile_messages.main(["--locale-dir", str(locale_dir)]) == 0
    french = gettext.translation("django", localedir=locale_dir, languages=["fr"])
    assert french.gettext("Partners") == "Partenaires"
    assert french.gettext("Targets") == "Targets"  # a fuzzy guess is not shown, as with msgfmt
    assert compile_messages.compile_catalogues(locale_dir) == []  # up to date: nothing to do


@pytest.mark.parametrize(
    "text",
    [
        'msgid "Partners"\nPartenaires\n',
        'msgid "Partners"\nmsgstr "Partenaires"\n\nmsgid "Partners"\nmsgstr "Membres"\n',
    ],
)
def test_a_broken_catalogue_stops_the_build(tmp_path, text):
    path = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    path.write_text(text)
    assert compile_messages.main(["--locale-dir", str(tmp_path / "locale")]) == 1
    assert not path.with_suffix(".mo").exists()
