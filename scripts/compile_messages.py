"""Compile the translation catalogues (locale/*/LC_MESSAGES/*.po -> .mo) without gettext.

`make compile` (and so `make run`, `make test`) and the Dockerfile run it. It does what
`manage.py compilemessages` does, with polib (pure Python, a locked dependency) instead of GNU
gettext's msgfmt, which a fresh machine may not have. The .mo files are build output: not committed
(.gitignore), so they can never be older than their catalogues. Fuzzy entries are left out, as msgfmt
leaves them out. A catalogue that does not parse, or holds a message twice, stops the build (exit 1).
"""

import argparse
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def compile_catalogues(locale_dir: Path, *, force: bool = False) -> list[Path]:
    """Write each catalogue's .mo where it is missing or older than the .po; the ones written."""
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalogue = polib.pofile(str(po_path))
        keys = [(entry.msgctxt, entry.msgid) for entry in catalogue if not entry.obsolete]
        if len(keys) != len(set(keys)):  # msgfmt refuses these; polib would keep the last one
            raise ValueError(f"{po_path}: the same message twice")
        for entry in catalogue.fuzzy_entries():
            catalogue.remove(entry)
        catalogue.save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locale-dir", type=Path, default=ROOT / "locale")
    parser.add_argument("--force", action="store_true", help="compile every catalogue, even if up to date")
    args = parser.parse_args(argv)
    try:
        written = compile_catalogues(args.locale_dir, force=args.force)
    except (OSError, ValueError) as error:
        print(f"compile_messages: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"compiled {path.relative_to(args.locale_dir)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
