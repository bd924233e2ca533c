"""Re-extract every translatable string and compile the catalogues.

Run after adding or changing a user-visible string (anyone's)::

    .venv/bin/python tools/update_translations.py          # update and compile
    .venv/bin/python tools/update_translations.py --check  # change nothing; exit 1
                                                           # if anything is missing

It runs ``pyside6-lupdate`` over the app's sources (``main.py``, ``core/``,
``viz/``) into ``i18n/entropy_lab_zh_CN.ts`` (every string) and
``i18n/entropy_lab_en.ts`` (only the strings with ``%n``, whose English
plural forms need a translation too), then ``pyside6-lrelease`` into
``assets/i18n/*.qm``, which ship in the wheel. New strings arrive
unfinished: translate them in the ``.ts`` file (Qt Linguist,
``pyside6-linguist``, or any editor), using the terms of
``i18n/glossary.json``, and run the script again. It reports how many
entries are unfinished.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRECTORIES = ("core", "viz")
SOURCE_FILES = ("main.py",)
TS_DIRECTORY = ROOT / "i18n"
QM_DIRECTORY = ROOT / "assets" / "i18n"
#: Each catalogue, and whether it holds only the plural forms.
CATALOGUES = {"zh_CN": False, "en": True}


def ts_path(language: str) -> Path:
    """The translation source of ``language``."""
    return TS_DIRECTORY / f"entropy_lab_{language}.ts"


def qm_path(language: str) -> Path:
    """The compiled catalogue of ``language`` (package data)."""
    return QM_DIRECTORY / f"entropy_lab_{language}.qm"


def source_files() -> list[Path]:
    """Every Python file whose strings the app shows, in a stable order."""
    files = [ROOT / name for name in SOURCE_FILES]
    for directory in SOURCE_DIRECTORIES:
        files.extend(sorted((ROOT / directory).rglob("*.py")))
    return files


def tool(name: str) -> str:
    """The path of a PySide6 tool next to this interpreter, or on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6-Essentials")
    return found


def lupdate(language: str, target: Path) -> None:
    """Merge the sources' strings into ``target`` (a copy of ``language``'s .ts)."""
    command = [
        tool("pyside6-lupdate"),
        *(str(path) for path in source_files()),
        "-locations",
        "none",
        "-sort-messages",
        "-no-obsolete",
        "-silent",
        "-target-language",
        language,
    ]
    if CATALOGUES[language]:
        command.append("-pluralonly")
    subprocess.run([*command, "-ts", str(target)], check=True, cwd=ROOT)
    text = target.read_text(encoding="utf-8")
    target.write_text(_EXTRACOMMENT.sub("", text), encoding="utf-8")


#: lupdate reads a Python comment that starts with "#:" as a note for the
#: translator; here "#:" documents attributes (Sphinx), so the notes are noise.
_EXTRACOMMENT = re.compile(r"[ \t]*<extracomment>.*?</extracomment>\n", re.DOTALL)


def lrelease(source: Path, target: Path) -> None:
    """Compile ``source`` (.ts) to ``target`` (.qm)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(target)],
        check=True,
        cwd=ROOT,
    )


def unfinished(ts_file: Path) -> list[str]:
    """The source texts of ``ts_file`` that still lack a finished translation."""
    missing = []
    for message in ElementTree.parse(ts_file).getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source", "")
        if translation is None or translation.get("type") in ("unfinished",):
            missing.append(source)
            continue
        forms = [form.text or "" for form in translation.iter("numerusform")]
        texts = forms if message.get("numerus") == "yes" else [translation.text or ""]
        if not all(text.strip() for text in texts):
            missing.append(source)
    return missing


def update(check: bool) -> int:
    """Update (or, with ``check``, only compare) every catalogue; the exit code."""
    problems = 0
    TS_DIRECTORY.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for language in CATALOGUES:
            committed = ts_path(language)
            candidate = Path(scratch) / committed.name
            if committed.exists():
                shutil.copy2(committed, candidate)
            lupdate(language, candidate)
            missing = unfinished(candidate)
            changed = not committed.exists() or (
                candidate.read_bytes() != committed.read_bytes()
            )
            if check:
                if changed:
                    print(f"{committed.name} is out of date: run {Path(__file__).name}")
                    problems += 1
            else:
                shutil.copy2(candidate, committed)
                lrelease(committed, qm_path(language))
            if missing:
                problems += 1
                print(f"{committed.name}: {len(missing)} unfinished, e.g.:")
                for source in missing[:10]:
                    print(f"    {source[:100]!r}")
            else:
                print(f"{committed.name}: complete")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    """Command line: update and compile, or ``--check``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 if a catalogue is out of date or unfinished",
    )
    arguments = parser.parse_args(argv)
    return update(arguments.check)


if __name__ == "__main__":
    sys.exit(main())
