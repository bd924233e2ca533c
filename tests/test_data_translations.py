"""The data files speak Chinese: every lesson and preset text has a faithful zh_CN.

Each text of the bundled lessons (titles, summaries, captions, prompts,
options, reveals) and of the presets (titles, explanations) must carry a
non-empty ``zh_CN`` that

* keeps every number, formula and symbol of the English (the same multiset
  of tokens: a translation may reorder a sentence, never change a value);
* keeps the English markup (the same tags, as many of each);
* is written in Chinese (holds CJK characters) unless the English is only a
  formula ("D(P‖Q)", "Q = P");
* uses the course texts' term for each term the English uses (比特 for bits,
  交叉熵 for cross-entropy, …).

The checks are functions of the texts, so the last tests feed them broken
texts and see each one fail.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.i18n import LocalizedText
from core.lessons import Lesson, bundled_lessons
from core.presets import load_presets

ASSETS = Path(__file__).resolve().parent.parent / "assets"
LANGUAGE = "zh_CN"

#: Tokens a translation must keep exactly: formulas, numbers and symbols.
_TOKEN = re.compile(
    r"\b(?:D|H|JS)\([^()]*\)"  # D(P‖Q), H(P,Q), JS(P,Q)
    r"|\d+(?:[.,]\d+)*"  # 0.1187, 128,256, 10,000
    r"|[∞‖Σσεμ∂√≈≥≤→⌈⌉½¼⅓′×±−=%]"
)
_TAG = re.compile(r"<[^<>]*>")
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: Words that are part of formulas, not prose to translate.
_FORMULA_WORDS = frozenset({"log", "exp", "softmax", "onehot", "argmax"})
_WORD = re.compile(r"[A-Za-z]{3,}")

#: English term (a regular expression) -> the course texts' Chinese term.
GLOSSARY = {
    r"\binformation\b": "信息量",
    r"\bentropy": "熵",
    r"\bcross-entropy\b": "交叉熵",
    r"\bKL divergence\b": "KL散度",
    r"\btemperature\b": "温度",
    r"\blabel smoothing\b": "标签平滑",
    r"\bgradient": "梯度",
    r"\bbits?\b": "比特",
    r"\bnats?\b": "奈特",
    r"\bforward KL\b": "前向 KL",
    r"\breverse KL\b": "反向 KL",
    r"\bmode covering\b": "覆盖模式",
    r"\bmode seeking\b": "寻找模式",
    r"\btokens?\b": "词元",
    r"\bHuffman's code": "霍夫曼编码",
    r"\bShannon's code": "香农编码",
    r"\bcodewords?\b": "码字",
    r"\bprobabilit(?:y|ies)\b": "概率",
    r"\bdistributions?\b": "分布",
    r"\boutcomes?\b": "结果",
    r"\bsampling\b": "抽样",
    r"\bpresets?\b": "预设",
    r"\bperplexity\b": "困惑度",
}


def tokens(text: str) -> Counter[str]:
    """The formulas, numbers and symbols of ``text``, counted."""
    return Counter(_TOKEN.findall(text))


def is_prose(english: str) -> bool:
    """Whether ``english`` holds words to translate (not only a formula)."""
    bare = _TOKEN.sub(" ", _TAG.sub(" ", english))
    return any(w.lower() not in _FORMULA_WORDS for w in _WORD.findall(bare))


def problems(where: str, text: LocalizedText) -> list[str]:
    """What is wrong with the zh_CN of one text (nothing: an empty list)."""
    english = text.texts["en"]
    chinese = text.texts.get(LANGUAGE, "").strip()
    if not chinese:
        return [f"{where}: no {LANGUAGE} text for {english[:60]!r}"]
    found = []
    lost, added = tokens(english) - tokens(chinese), tokens(chinese) - tokens(english)
    if lost or added:
        found.append(
            f"{where}: the {LANGUAGE} text lost {sorted(lost.elements())} "
            f"and added {sorted(added.elements())}"
        )
    if Counter(_TAG.findall(english)) != Counter(_TAG.findall(chinese)):
        found.append(f"{where}: the {LANGUAGE} text has other tags than the English")
    if is_prose(english) and not _CJK.search(chinese):
        found.append(f"{where}: the {LANGUAGE} text {chinese[:60]!r} is not Chinese")
    for term, chinese_term in GLOSSARY.items():
        if re.search(term, english, re.IGNORECASE) and chinese_term not in chinese:
            found.append(f"{where}: {term} should read {chinese_term}")
    return found


# --- the texts of the data files --------------------------------------------------


def lesson_texts(lesson: Lesson) -> Iterator[tuple[str, LocalizedText]]:
    """Every visible text of ``lesson``, with where it is."""
    yield f"{lesson.name}.title", lesson.title
    if lesson.summary is not None:
        yield f"{lesson.name}.summary", lesson.summary
    for i, step in enumerate(lesson.steps):
        at = f"{lesson.name}.steps[{i}]"
        yield f"{at}.title", step.title
        yield f"{at}.caption", step.caption
        question = step.question
        if question is None:
            continue
        yield f"{at}.question.prompt", question.prompt
        yield f"{at}.question.why", question.why
        for j, option in enumerate(getattr(question, "options", ())):
            yield f"{at}.question.options[{j}].text", option.text


def all_texts() -> list[tuple[str, LocalizedText]]:
    """The texts of every bundled lesson and every preset."""
    found = [item for lesson in bundled_lessons() for item in lesson_texts(lesson)]
    for preset in load_presets():
        found.append((f"presets.{preset.id}.title", preset.titles))
        found.append((f"presets.{preset.id}.explanation", preset.explanations))
    return found


#: The keys that hold a text in a lesson or preset file.
_TEXT_KEYS = frozenset(
    {"title", "summary", "caption", "prompt", "why", "text", "explanation"}
)


def _raw_text_count(data: object) -> int:
    """How many texts a data file holds: language objects and plain strings."""
    if isinstance(data, dict):
        if "en" in data:
            return 1
        return sum(
            1 if isinstance(v, str) and k in _TEXT_KEYS else _raw_text_count(v)
            for k, v in data.items()
        )
    if isinstance(data, list):
        return sum(_raw_text_count(v) for v in data)
    return 0


def test_every_text_of_the_files_is_checked() -> None:
    files = [*sorted((ASSETS / "lessons").glob("*.json")), ASSETS / "presets.json"]
    in_files = sum(_raw_text_count(json.loads(f.read_text("utf-8"))) for f in files)
    texts = all_texts()
    assert len(texts) == in_files
    lessons = bundled_lessons()
    assert sum(len(lesson.steps) for lesson in lessons) >= 52
    assert sum(len(lesson.questions) for lesson in lessons) >= 46


def test_every_lesson_and_preset_text_has_a_faithful_translation() -> None:
    found = [p for where, text in all_texts() for p in problems(where, text)]
    assert not found, "\n".join(found)


def test_lesson_files_write_every_text_with_both_languages() -> None:
    for path in sorted((ASSETS / "lessons").glob("*.json")):
        text = path.read_text("utf-8")
        english_only = re.findall(r'\{"en": "(?:[^"\\]|\\.)*"\}', text)
        assert not english_only, f"{path.name}: {english_only[:3]}"


# --- the checks can fail --------------------------------------------------------


def _text(english: str, chinese: str | None) -> LocalizedText:
    texts = {"en": english} if chinese is None else {"en": english, LANGUAGE: chinese}
    return LocalizedText(texts)


@pytest.mark.parametrize(
    ("english", "chinese", "complaint"),
    [
        ("Estimate D(P‖Q) in bits.", None, "no zh_CN"),
        ("Estimate D(P‖Q) in bits.", "  ", "no zh_CN"),
        ("H(P) = 0.8813 bits.", "H(P) = 0.8812 比特。", "lost ['0.8813']"),
        ("D(P‖Q) = ∞ here.", "这里 D(P‖Q) 是无穷大。", "lost ['=', '∞']"),
        ("What is D(Q‖P)?", "D(P‖Q) 是多少？", "lost ['D(Q‖P)']"),
        ("<b>P</b> is fair.", "P 是公平的。", "other tags"),
        ("A negative number", "A negative number", "is not Chinese"),
        ("1 bit", "1 位", "should read 比特"),
        ("The cross-entropy", "熵", "should read 交叉熵"),
    ],
)
def test_a_broken_translation_is_reported(
    english: str, chinese: str | None, complaint: str
) -> None:
    found = problems("here", _text(english, chinese))
    assert any(complaint in p for p in found), found


def test_a_formula_may_stay_as_it_is() -> None:
    for formula in ("D(P‖Q)", "Q = P", "e<sup>2</sup> = 7.39, e<sup>1</sup> = 2.72."):
        assert problems("here", _text(formula, formula)) == []


def test_a_broken_copy_of_a_lesson_file_fails(tmp_path: Path) -> None:
    source = ASSETS / "lessons" / "02-kl-divergence.json"
    data = json.loads(source.read_text("utf-8"))
    data["steps"][3]["question"]["why"][LANGUAGE] = "0.7 log<sub>2</sub> …"
    del data["steps"][0]["caption"][LANGUAGE]
    from core.lessons import parse_lesson

    lesson = parse_lesson(json.dumps(data, ensure_ascii=False), "broken")
    found = [p for where, text in lesson_texts(lesson) for p in problems(where, text)]
    assert any("steps[0].caption: no zh_CN" in p for p in found), found
    assert any("steps[3].question.why" in p and "lost" in p for p in found), found
