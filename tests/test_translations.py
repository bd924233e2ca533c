"""The Chinese catalogue: complete, true to the glossary and the markup, compiled.

Each check is a function over a catalogue file that returns its problems, so
the tests run it on the real catalogue (no problems) and on a deliberately
broken copy (the problem is found).
"""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "update_translations.py"


def _load_tool():
    spec = importlib.util.spec_from_file_location("update_translations", TOOL)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("update_translations", module)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()
ZH_TS = tool.ts_path("zh_CN")
ZH_QM = tool.qm_path("zh_CN")


# --- checks ------------------------------------------------------------------


def completeness_problems(ts_file: Path) -> list[str]:
    """Entries that are unfinished, vanished/obsolete, or empty."""
    problems = []
    for context in ElementTree.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            where = f"[{name}] {source[:60]!r}"
            translation = message.find("translation")
            if translation is None:
                problems.append(f"{where}: no translation")
                continue
            kind = translation.get("type")
            if kind is not None:
                problems.append(f"{where}: {kind}")
            if message.get("numerus") == "yes":
                texts = [form.text or "" for form in translation.iter("numerusform")]
                if not texts:
                    problems.append(f"{where}: no plural forms")
            else:
                texts = [translation.text or ""]
            if not all(text.strip() for text in texts):
                problems.append(f"{where}: empty")
    return problems


#: What a translation must carry over from its source unchanged: placeholders
#: ({name}, %n, %1, argparse's %(name)s), HTML tags and entities, the window
#: title's [*], the combining tilde of P̃, formulas and keys.
_KEPT = re.compile(
    r"\{[^{}]*\}"
    r"|%L?n|%\d|%\([a-z_]+\)[sr]|%[sr]"
    r"|</?[a-zA-Z][^<>]*>|&[a-zA-Z]+;|&#\d+;"
    r"|\[\*\]|\u0303"
    r"|\b(?:H|D|KL|JS)\((?:[PQ]|\{\w+\}\u0303?)(?:\s*[,‖]\s*(?:[PQ]|\{\w+\}\u0303?))?\)"
    r"|\b(?:Ctrl|Alt|Shift)\+(?:\w+|[→←↑↓])|\bF\d{1,2}\b|\bPage (?:Up|Down)\b"
)
#: Symbols of formulas that a translation keeps, each as often as the source.
_SYMBOLS = "∞‖±→←↑↓≤≥⌈⌉Σ√½²∂−·σμεz₀₁₂ₓᵧʸ▶◀❚○■"


def kept_parts(text: str) -> Counter[str]:
    """The parts of ``text`` a translation must keep, with their counts."""
    parts = Counter(_KEPT.findall(text))
    parts.update(ch for ch in text if ch in _SYMBOLS and ch != "z")
    return parts


def accelerator(text: str) -> str | None:
    """The accelerator letter of ``text`` ("&File" → "F"), or None."""
    found = re.findall(r"&([^&\s])", text.replace("&&", ""))
    return found[0].upper() if found else None


def markup_problems(ts_file: Path) -> list[str]:
    """Translations that lose or add a placeholder, tag, formula, key or accelerator."""
    problems = []
    for message in tool.messages(ts_file):
        where = f"[{message.context}] {message.source[:60]!r}"
        expected = kept_parts(message.source)
        for text in message.translations:
            if not text:
                continue  # completeness_problems reports it
            found = kept_parts(text)
            if found != expected:
                lost = sorted((expected - found).elements())
                added = sorted((found - expected).elements())
                problems.append(f"{where}: lost {lost}, added {added} in {text!r}")
            if accelerator(message.source) != accelerator(text):
                problems.append(f"{where}: accelerator differs in {text!r}")
            elif accelerator(text) and not re.search(r"\(&[A-Z]\)", text):
                problems.append(f"{where}: accelerator not written (&X) in {text!r}")
    return problems


def glossary_problems(ts_file: Path, glossary_file: Path = tool.GLOSSARY) -> list[str]:
    """Translations lacking a glossary term's Chinese where the source uses it."""
    glossary = tool.load_glossary(glossary_file)
    return tool.glossary_departures(glossary, tool.messages(ts_file))


def compiled_problems(ts_file: Path, qm_file: Path, language: str) -> list[str]:
    """Messages whose text read back from ``qm_file`` differs from the .ts."""
    from core.i18n import Catalogue

    compiled = Catalogue.read(qm_file, language).messages
    problems = []
    expected = {
        (m.context, m.source, m.comment): m.translations for m in tool.messages(ts_file)
    }
    for key, translations in expected.items():
        if compiled.get(key) != translations:
            problems.append(
                f"[{key[0]}] {key[1][:60]!r}: the .qm has {compiled.get(key)}"
            )
    problems.extend(
        f"[{k[0]}] {k[1][:60]!r}: only in the .qm"
        for k in compiled.keys() - expected.keys()
    )
    return problems


# --- the real catalogue --------------------------------------------------------


def test_the_zh_cn_catalogue_has_no_unfinished_vanished_or_empty_entry():
    assert completeness_problems(ZH_TS) == []
    assert len(tool.messages(ZH_TS)) > 600


def test_the_english_plural_forms_are_all_filled():
    assert completeness_problems(tool.ts_path("en")) == []


def test_the_catalogues_hold_every_string_of_the_sources_and_the_glossary_is_current():
    """lupdate over the sources changes nothing: no string is missing or gone."""
    result = subprocess.run(
        [sys.executable, str(TOOL), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_translation_keeps_its_placeholders_tags_formulas_keys_and_accelerator():
    assert markup_problems(ZH_TS) == []


def test_every_glossary_term_is_translated_as_the_glossary_says():
    assert glossary_problems(ZH_TS) == []


def test_the_glossary_is_well_formed_and_every_term_is_used():
    glossary = tool.load_glossary()
    catalogue = tool.messages(ZH_TS)
    english = [term["en"] for term in glossary["terms"]]
    assert len(english) == len(set(english)), "a term appears twice"
    for term in glossary["terms"]:
        assert term["zh_CN"].strip(), term
        assert all(word.strip() for word in term.get("alternatives", ())), term
        assert tool.term_uses(term, catalogue), f"{term['en']!r} is used nowhere"
        assert term["used_in"]["contexts"] and term["used_in"]["files"], term
        for exempt in term.get("exempt", ()):
            assert any(
                (m.context, m.source) == (exempt["context"], exempt["source"])
                for m in catalogue
            ), f"{term['en']!r} exempts a message that is gone: {exempt}"


def test_the_course_texts_terms_are_in_the_glossary():
    chinese = {term["en"]: term["zh_CN"] for term in tool.load_glossary()["terms"]}
    assert chinese["information content"] == "信息量"
    assert chinese["entropy"] == "熵"
    assert chinese["KL divergence"] == "KL散度"
    assert chinese["cross-entropy"] == "交叉熵"
    assert chinese["temperature"] == "温度"
    assert chinese["label smoothing"] == "标签平滑"
    assert chinese["gradient"] == "梯度"
    assert (chinese["bits"], chinese["nats"]) == ("比特", "奈特")
    assert (chinese["forward KL"], chinese["reverse KL"]) == ("前向 KL", "反向 KL")
    assert (chinese["mode covering"], chinese["mode seeking"]) == (
        "覆盖模式",
        "寻找模式",
    )


def test_the_compiled_catalogues_match_their_sources():
    assert compiled_problems(ZH_TS, ZH_QM, "zh_CN") == []
    assert compiled_problems(tool.ts_path("en"), tool.qm_path("en"), "en") == []


def test_qt_reads_the_compiled_catalogue(qapp):
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(ZH_QM))
    assert translator.translate("Units", "bits") == "比特"
    assert translator.translate("MainWindow", "&File") == "文件(&F)"
    english = QTranslator()
    assert english.load(str(tool.qm_path("en")))
    source = "{count} cut by {other}'s truncation"
    assert english.translate("NextTokenPage", source, None, 1) == source


def test_unit_words_beside_numbers_are_bits_and_nats_in_chinese():
    from core import i18n
    from core.numbers import format_with_unit, unit_name

    i18n.use_bundled_catalogue("zh_CN")
    try:
        assert (unit_name("bits"), unit_name("nats")) == ("比特", "奈特")
        assert format_with_unit(0.5, "bits").endswith(" 比特")
        assert format_with_unit(0.5, "nats").endswith(" 奈特")
    finally:
        i18n.uninstall()
    assert unit_name("bits") == "bits"


_TRANSLATING = {"translate": 2, "tr": 1, "QT_TRANSLATE_NOOP": 2}


def _call_name(call: ast.Call) -> str:
    function = call.func
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def _is_text(arguments: list[ast.expr]) -> bool:
    """Whether ``arguments`` is one string literal (a context)."""
    return (
        len(arguments) == 1
        and isinstance(arguments[0], ast.Constant)
        and isinstance(arguments[0].value, str)
    )


def _calls_inside_f_strings(tree: ast.AST) -> list[ast.Call]:
    """The translate/tr calls within an f-string's replacement fields."""
    found = []
    for joined in ast.walk(tree):
        if not isinstance(joined, ast.JoinedStr):
            continue
        for field in joined.values:
            if not isinstance(field, ast.FormattedValue):
                continue
            found.extend(
                node
                for node in ast.walk(field.value)
                if isinstance(node, ast.Call) and _call_name(node) in _TRANSLATING
            )
    return found


def extraction_problems(path: Path) -> list[str]:
    """translate/tr calls lupdate misreads: an f-string or sum as text, keywords."""
    problems = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    for node in _calls_inside_f_strings(tree):
        # f"<b>{self.tr('Right.')}</b>": lupdate never saw it, and Chinese
        # lessons said "Right." and "Not quite.".
        problems.append(f"{shown}:{node.lineno}: inside an f-string (unseen)")
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _call_name(node) not in _TRANSLATING:
            continue
        if _call_name(node) != "tr" and not _is_text(node.args[:1]):
            continue  # QTransform.translate(dx, dy) and the like
        texts = node.args[: _TRANSLATING[_call_name(node)]]
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        where = f"{shown}:{node.lineno}"
        if any(isinstance(arg, ast.JoinedStr | ast.BinOp) for arg in texts):
            problems.append(f"{where}: the text is an f-string or a sum")
        if any(
            keyword.arg in ("disambiguation", "n", "source")
            for keyword in node.keywords
        ):
            problems.append(
                f"{where}: a keyword argument (lupdate reads only positions)"
            )
        count = node.args[3:4] if _call_name(node) == "translate" else []
        if any(isinstance(arg, ast.Attribute) for arg in count):
            # translate(c, text, "", count.steps): lupdate drops the message
            # (self.tr(text, "", count.steps) it reads), and Chinese showed
            # "交叉熵 needs 19 steps".
            problems.append(f"{where}: the count is an attribute (give it a name)")
    return problems


def test_every_translate_call_can_be_extracted():
    problems = [
        line for path in tool.source_files() for line in extraction_problems(path)
    ]
    assert problems == []


# --- the checks find what is wrong (a broken copy) -----------------------------


@pytest.fixture
def broken_copy(tmp_path):
    """A copy of the zh_CN catalogue to break; returns (path, edit)."""
    copy = tmp_path / ZH_TS.name

    def edit(old: str, new: str) -> Path:
        text = ZH_TS.read_text(encoding="utf-8")
        assert old in text, old
        copy.write_text(text.replace(old, new, 1), encoding="utf-8")
        return copy

    return edit


def test_an_unfinished_vanished_or_empty_entry_is_found(broken_copy):
    unfinished = broken_copy(
        "<translation>比特</translation>",
        '<translation type="unfinished">比特</translation>',
    )
    assert any("unfinished" in p for p in completeness_problems(unfinished))
    vanished = broken_copy(
        "<translation>比特</translation>",
        '<translation type="vanished">比特</translation>',
    )
    assert any("vanished" in p for p in completeness_problems(vanished))
    empty = broken_copy(
        "<translation>比特</translation>", "<translation> </translation>"
    )
    assert any("empty" in p for p in completeness_problems(empty))


def test_a_lost_placeholder_tag_or_accelerator_is_found(broken_copy):
    placeholder = broken_copy("已保存课程 {path}", "已保存课程")
    assert any("{path}" in p for p in markup_problems(placeholder))
    tag = broken_copy(
        "&lt;b&gt;P 的样本每个符号的比特数&lt;/b&gt;", "P 的样本每个符号的比特数"
    )
    assert any("<b>" in p for p in markup_problems(tag))
    infinity = broken_copy("∞ 比特：没有码字", "无穷 比特：没有码字")
    assert any("∞" in p for p in markup_problems(infinity))
    accelerator_lost = broken_copy("文件(&amp;F)", "文件")
    assert any("accelerator" in p for p in markup_problems(accelerator_lost))


def test_a_term_translated_against_the_glossary_is_found(broken_copy):
    wrong = broken_copy(
        "<translation>平均交叉熵损失</translation>",
        "<translation>平均损失</translation>",
    )
    problems = glossary_problems(wrong)
    assert any(
        "'cross-entropy'" in p and "Mean cross-entropy loss" in p for p in problems
    )


def test_a_stale_compiled_catalogue_is_found(broken_copy, tmp_path):
    changed = broken_copy(
        "<translation>比特</translation>", "<translation>位</translation>"
    )
    problems = compiled_problems(changed, ZH_QM, "zh_CN")
    assert any("'bits'" in p for p in problems)
    fresh = tmp_path / "fresh.qm"
    tool.lrelease(changed, fresh)
    assert compiled_problems(changed, fresh, "zh_CN") == []


def test_an_f_string_or_keyword_in_a_translate_call_is_found(tmp_path):
    source = tmp_path / "bad.py"
    source.write_text(
        'translate("C", f"{x} steps")\n'
        'self.tr("a" + b)\n'
        'translate("C", "text", disambiguation="note")\n'
        'translate("C", "fine {x}", None, 3)\n'
        'translate("C", "{n} steps", "", count.steps)\n'
        'self.tr("{n} read", "", count.steps)\n'
        'translate("C", "{n} fine", "", n - m)\n'
        "head = f\"<b>{self.tr('Right.')}</b>\"\n",
        encoding="utf-8",
    )
    problems = extraction_problems(source)
    assert [p.split(": ", 1)[1] for p in problems] == [
        "inside an f-string (unseen)",
        "the text is an f-string or a sum",
        "the text is an f-string or a sum",
        "a keyword argument (lupdate reads only positions)",
        "the count is an attribute (give it a name)",
    ]


def test_every_count_message_is_a_plural_in_the_catalogue():
    """'%n' outside a plural message shows "1 steps per frame" in English.

    lupdate marks a message as a plural only for ``self.tr(text, "", n)``;
    ``QCoreApplication.translate(context, text, None, n)`` loses the form.
    """
    root = ElementTree.parse(ZH_TS).getroot()
    singular = [
        message.findtext("source")
        for message in root.iter("message")
        if "%n" in (message.findtext("source") or "")
        and message.get("numerus") != "yes"
    ]
    assert not singular, singular
