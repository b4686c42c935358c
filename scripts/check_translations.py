"""The translation check: every string of the interface is translated in every language.

    python scripts/check_translations.py            # makemessages first (needs gettext), then check
    python scripts/check_translations.py --no-makemessages   # check the catalogues as they are
    python scripts/check_translations.py --update-only       # makemessages only (make messages)

First `manage.py makemessages` brings the catalogues (locale/<lang>/LC_MESSAGES/django.po) up to
date with the code and templates, so a string added without a translation shows up as untranslated.
Then, with polib, for each language of settings.LANGUAGES except the source (English, which has no
catalogue), it fails (exit 1) on:

- a missing catalogue;
- an untranslated entry (an empty msgstr, or any empty plural form);
- a fuzzy entry (a guess gettext made that nobody has checked; gettext does not use it);
- a translation whose placeholders (%(name)s, {name}) differ from the original's, which would
  break the page or the email at run time.

Obsolete entries (#~, strings the code no longer has) are ignored. See docs/i18n.md.
"""

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
#: What makemessages leaves out: not the platform's interface (tests, tools, vendored libraries).
IGNORED = [
    ".venv/*",
    ".tools/*",
    "node_modules/*",
    "static/*",
    "staticfiles/*",
    "site/*",
    "tests/*",
    "bench/*",
    "docs/*",
    "scripts/*",
]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\w*\}")


def languages() -> list[str]:
    """The languages that need a catalogue: settings.LANGUAGES without the source language."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ev4scc.settings")
    os.environ.setdefault("DEBUG", "true")
    import django
    from django.conf import settings

    django.setup()
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def makemessages(codes: list[str]) -> None:
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--no-wrap"]
    command += [f"--locale={code}" for code in codes]
    command += [f"--ignore={pattern}" for pattern in IGNORED]
    subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "DEBUG": "true"})


def shown(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def placeholders(text: str) -> list[str]:
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text))


def problems(path: Path) -> list[str]:
    """What is wrong with one catalogue, one line each."""
    if not path.exists():
        return [f"{shown(path)}: no catalogue"]
    found = []
    catalogue = polib.pofile(str(path))
    for entry in catalogue:
        if entry.obsolete:
            continue
        where = f"{shown(path)}:{entry.linenum}"
        if "fuzzy" in entry.flags:
            found.append(f"{where}: fuzzy: {entry.msgid!r}")
        elif not entry.translated():
            found.append(f"{where}: untranslated: {entry.msgid!r}")
        else:
            translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
            original = placeholders(entry.msgid_plural or entry.msgid)
            for text in translations:
                # A plural form may leave the number out ("one vehicle"), never add a placeholder.
                extra = set(placeholders(text)) - set(original)
                if extra or (not entry.msgid_plural and set(placeholders(text)) != set(original)):
                    found.append(f"{where}: placeholders differ: {entry.msgid!r} -> {text!r}")
                    break
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-makemessages", action="store_true", help="check the catalogues as they are")
    parser.add_argument("--update-only", action="store_true", help="makemessages, no check (make messages)")
    parser.add_argument("--locale-dir", type=Path, default=ROOT / "locale")
    args = parser.parse_args(argv)
    codes = languages()
    if not args.no_makemessages:
        makemessages(codes)
    if args.update_only:
        return 0
    failed = False
    for code in codes:
        path = args.locale_dir / code / "LC_MESSAGES" / "django.po"
        found = problems(path)
        if path.exists():
            catalogue = polib.pofile(str(path))
            print(f"{code}: {catalogue.percent_translated()}% translated, {len(found)} problem(s)")
        for line in found:
            print(f"  {line}")
        failed = failed or bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
