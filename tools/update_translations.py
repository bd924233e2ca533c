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
entries are unfinished and where a translation departs from the glossary,
and refreshes each glossary term's ``used_in`` (the contexts and files of
the messages that use it); ``--check`` reports a stale ``used_in``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRECTORIES = ("core", "viz")
SOURCE_FILES = ("main.py",)
TS_DIRECTORY = ROOT / "i18n"
QM_DIRECTORY = ROOT / "assets" / "i18n"
#: Each catalogue, and whether it holds only the plural forms.
CATALOGUES = {"zh_CN": False, "en": True}
GLOSSARY = TS_DIRECTORY / "glossary.json"
#: The catalogue the glossary describes.
GLOSSARY_LANGUAGE = "zh_CN"


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


# --- the glossary -------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    """One message of a catalogue: where it is used, its source, its translations."""

    context: str
    source: str
    comment: str
    translations: tuple[str, ...]
    files: tuple[str, ...] = ()


def messages(ts_file: Path) -> list[Message]:
    """Every message of ``ts_file``, with the files its locations name (if any)."""
    found = []
    filename = ""  # a location without a filename is in the file named before it
    for context in ElementTree.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                texts: tuple[str, ...] = ()
            elif message.get("numerus") == "yes":
                texts = tuple(
                    form.text or "" for form in translation.iter("numerusform")
                )
            else:
                texts = (translation.text or "",)
            files = set()
            for location in message.iter("location"):
                filename = location.get("filename", filename)
                files.add(_relative(ts_file, filename))
            found.append(
                Message(
                    name,
                    message.findtext("source", ""),
                    message.findtext("comment", ""),
                    texts,
                    tuple(sorted(files)),
                )
            )
    return found


def _relative(ts_file: Path, filename: str) -> str:
    """A location's file (relative to the .ts) as a path from the repository root."""
    return (ts_file.parent / filename).resolve().relative_to(ROOT).as_posix()


#: An accelerator mark (&File); "&&" is a literal ampersand.
_ACCELERATOR = re.compile(r"&(?=[^&\s])")


def without_accelerators(text: str) -> str:
    """``text`` with its accelerator marks removed ("&File" → "File")."""
    return _ACCELERATOR.sub("", text)


def load_glossary(path: Path = GLOSSARY) -> dict[str, Any]:
    """The glossary: ``{"terms": [{"en", "zh_CN", "pattern", …}, …], …}``."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def term_pattern(term: dict[str, Any]) -> re.Pattern[str]:
    """Where ``term`` occurs in an English source (its ``pattern``, else the word)."""
    pattern = term.get("pattern") or rf"\b{re.escape(term['en'])}\b"
    return re.compile(pattern, re.IGNORECASE)


#: A placeholder filled in later ("{label}"): its name is not a word of the text.
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def words_of(source: str) -> str:
    """``source`` as the user reads its words: no accelerators, no placeholders."""
    return _PLACEHOLDER.sub(" ", without_accelerators(source))


def term_uses(term: dict[str, Any], catalogue: list[Message]) -> list[Message]:
    """The messages whose English source uses ``term``."""
    pattern = term_pattern(term)
    return [m for m in catalogue if pattern.search(words_of(m.source))]


def glossary_departures(
    glossary: dict[str, Any], catalogue: list[Message]
) -> list[str]:
    """Each translation of a glossary term that uses none of its Chinese words."""
    problems = []
    for term in glossary["terms"]:
        words = [term["zh_CN"], *term.get("alternatives", ())]
        exempt = {(e["context"], e["source"]) for e in term.get("exempt", ())}
        for message in term_uses(term, catalogue):
            if (message.context, message.source) in exempt:
                continue
            for text in message.translations:
                if text and not any(word in text for word in words):
                    problems.append(
                        f"{term['en']!r} → {term['zh_CN']!r}: [{message.context}] "
                        f"{message.source[:70]!r} is translated {text[:70]!r}"
                    )
    return problems


def glossary_usage(
    glossary: dict[str, Any], catalogue: list[Message]
) -> dict[str, dict[str, list[str]]]:
    """Each term's ``used_in``: the contexts and files of the messages using it."""
    usage = {}
    for term in glossary["terms"]:
        uses = term_uses(term, catalogue)
        usage[term["en"]] = {
            "contexts": sorted({m.context for m in uses}),
            "files": sorted({name for m in uses for name in m.files}),
        }
    return usage


def located_messages(scratch: Path) -> list[Message]:
    """The sources' messages with their files (a fresh lupdate that keeps locations)."""
    target = scratch / "located.ts"
    command = [
        tool("pyside6-lupdate"),
        *(str(path) for path in source_files()),
        "-locations",
        "relative",
        "-silent",
        "-ts",
        str(target),
    ]
    subprocess.run(command, check=True, cwd=ROOT)
    return messages(target)


def refresh_glossary(check: bool, scratch: Path, catalogue_file: Path) -> int:
    """Report glossary departures and a stale ``used_in`` (or refresh it); problems."""
    if not GLOSSARY.exists():
        return 0
    glossary = load_glossary()
    problems = 0
    departures = glossary_departures(glossary, messages(catalogue_file))
    if departures:
        problems += 1
        print(f"{GLOSSARY.name}: {len(departures)} translations depart from it, e.g.:")
        for line in departures[:10]:
            print(f"    {line}")
    usage = glossary_usage(glossary, located_messages(scratch))
    stale = [t["en"] for t in glossary["terms"] if t.get("used_in") != usage[t["en"]]]
    if stale and check:
        problems += 1
        print(f"{GLOSSARY.name}: used_in is out of date for {', '.join(stale[:5])}")
    elif stale:
        for term in glossary["terms"]:
            term["used_in"] = usage[term["en"]]
        text = json.dumps(glossary, ensure_ascii=False, indent=2) + "\n"
        GLOSSARY.write_text(text, encoding="utf-8")
    return problems


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
            if language == GLOSSARY_LANGUAGE:
                problems += refresh_glossary(check, Path(scratch), candidate)
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
