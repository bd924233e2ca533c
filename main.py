"""Entropy Lab: start the window, export a picture, or print the numbers.

``python main.py --help`` lists the options. Errors are one line on stderr
and exit code 2; ``--metrics`` never imports Qt.

``--lang en|zh_CN`` chooses the language of the window, of ``--help`` and of
every message; ``--metrics`` keeps its JSON in English (an interface) and
only its errors follow. Without it the window speaks the language chosen
last (its Language menu) or the system's; the command line speaks English.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from typing import Any, NoReturn  # noqa: E402

#: Options whose value is a comma-separated list that may start with "−".
NUMBER_LIST_OPTIONS = ("--p", "--q", "--logits")
DEFAULT_SIZE = (1600, 1000)
#: --size bounds, per side: a slide needs no more, and 99999² pixels would
#: take 40 GB.
MIN_EXPORT_SIDE, MAX_EXPORT_SIDE = 320, 8192
#: Options whose value may not be empty ("" is a mistake, never a default).
VALUE_OPTIONS = (
    "preset",
    "load",
    "lesson",
    "step",
    "export",
    "animate",
    "sweep",
    "frames",
    "fps",
    "steps_per_frame",
    "p",
    "q",
    "logits",
    "label",
    "temperature",
    "smoothing",
    "p_file",
    "q_file",
    "top_k",
    "top_p",
    "min_p",
)
#: What a next-token file holds (core.next_token.KIND_CHOICES, spelled out
#: here so that --help needs no NumPy).
NEXT_TOKEN_FORMATS = ("auto", "logits", "logprobs", "probs")
#: Options of the next-token readouts, which need --p-file.
NEXT_TOKEN_OPTIONS = ("q_file", "top_k", "top_p", "min_p")
#: What --lang offers (core.i18n.LANGUAGES, spelled out: --help needs no NumPy).
LANGUAGES = ("en", "zh_CN")
#: The language of --lang (None: not given), read before the options are parsed
#: so that --help and argparse's own messages speak it too.
_LANGUAGE: list[str | None] = [None]


def translate(
    context: str, source: str, disambiguation: str | None = None, n: int = -1
) -> str:
    """:func:`core.i18n.translate`, without importing the core for English.

    The core (and NumPy with it) loads only when a catalogue is needed, so
    ``--help`` stays quick.
    """
    if _LANGUAGE[0] in (None, "en") and n < 0:
        return source
    from core import i18n

    return i18n.translate(context, source, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark a text for the catalogue (see :func:`core.i18n.QT_TRANSLATE_NOOP`)."""
    del context
    return source


#: argparse's own messages, as Python 3.11 writes them (gettext's ``_``), so
#: that its errors and --help headings follow --lang.
ARGPARSE_TEXTS = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP(
        "argparse", "invalid choice: %(value)r (choose from %(choices)s)"
    ),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("argparse", "ignored explicit argument %r"),
    QT_TRANSLATE_NOOP(
        "argparse", "ambiguous option: %(option)s could match %(matches)s"
    ),
    QT_TRANSLATE_NOOP("argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
)


def _argparse_text(message: str) -> str:
    """The gettext of argparse: :data:`ARGPARSE_TEXTS` in the language of --lang."""
    if message not in ARGPARSE_TEXTS:
        return message
    return translate("argparse", message)  # i18n: variable (ARGPARSE_TEXTS)


def choose_language(argv: Sequence[str]) -> str | None:
    """Read ``--lang`` from ``argv`` before parsing, and speak it from now on.

    Returns the language, or None when it is not given (or not one of
    :data:`LANGUAGES`: the parser then reports it, in English).
    """
    language = None
    for index, token in enumerate(argv):
        if token == "--lang" and index + 1 < len(argv):
            language = argv[index + 1]
        elif token.startswith("--lang="):
            language = token.split("=", 1)[1]
    if language not in LANGUAGES:
        return None
    _LANGUAGE[0] = language
    argparse._ = _argparse_text  # type: ignore[attr-defined]
    if language != "en":
        from core.i18n import use_bundled_catalogue

        use_bundled_catalogue(language)
    return language


def _forget_language() -> None:
    """Undo :func:`choose_language` (``main`` may run again in one process)."""
    if _LANGUAGE[0] is None:
        return
    if _LANGUAGE[0] != "en":
        from core.i18n import uninstall

        uninstall()
    argparse._ = _GETTEXT  # type: ignore[attr-defined]
    _LANGUAGE[0] = None


_GETTEXT = argparse._  # type: ignore[attr-defined]


class CommandLineError(Exception):
    """A problem to report in one line, with exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CommandLineError(message)


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{1,6})x(\d{1,6})", text)
    if not match:
        raise argparse.ArgumentTypeError(
            translate(
                "CommandLine", "size must look like 1600x1000, got {text}"
            ).format(text=_quoted(text))
        )
    width, height = int(match[1]), int(match[2])
    for side in (width, height):
        if not MIN_EXPORT_SIDE <= side <= MAX_EXPORT_SIDE:
            raise argparse.ArgumentTypeError(
                translate(
                    "CommandLine",
                    "each side of --size must lie in {low}–{high} pixels, got {text}",
                ).format(low=MIN_EXPORT_SIDE, high=MAX_EXPORT_SIDE, text=text)
            )
    return width, height


def _quoted(text: str, limit: int = 60) -> str:
    """``repr(text)``, cut to ``limit`` characters: an error line stays a line."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``main.py``."""
    parser = _Parser(
        prog="entropy-lab",
        description=translate(
            "CommandLine",
            "Move sliders and watch entropy, KL divergence, cross-entropy "
            "and softmax losses respond live.",
        ),
        epilog=translate("CommandLine", "Examples: {examples}").format(
            examples="main.py --preset kl-asymmetry --lecture | "
            "main.py --preset temperature --export slide.svg | "
            "main.py --export softmax.pdf --slide softmax | "
            "main.py --animate race.gif --page binary --frames 60 --fps 15 | "
            "main.py --animate temp.gif --sweep temperature=0.2:5 --frames 40 | "
            "main.py --metrics --p 0.7,0.3 --q 0.5,0.5 | "
            "main.py --metrics --p-file a.npy --q-file b.npy --top-p 0.9"
        ),
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=translate(
            "CommandLine",
            "language of the window and of messages: en (English) or zh_CN "
            "(Simplified Chinese); default: the last choice, else the system's",
        ),
    )
    start = parser.add_argument_group(translate("CommandLine", "what to open"))
    start.add_argument(
        "--preset",
        metavar="NAME",
        help=translate("CommandLine", "open a preset (see --list-presets)"),
    )
    start.add_argument(
        "--load",
        metavar="FILE",
        help=translate("CommandLine", "open a saved session (.json)"),
    )
    start.add_argument(
        "--lecture",
        action="store_true",
        help=translate(
            "CommandLine", "lecture mode: full screen, large type, high contrast"
        ),
    )
    start.add_argument(
        "--list-presets",
        action="store_true",
        help=translate("CommandLine", "print the preset names and exit"),
    )
    start.add_argument(
        "--lesson",
        metavar="NAME|FILE",
        help=translate(
            "CommandLine",
            "open a guided lesson: a bundled one by name (see --list-lessons) "
            "or a lesson file",
        ),
    )
    start.add_argument(
        "--step",
        metavar="N",
        help=translate(
            "CommandLine", "the lesson's step to show, from 1 (with --lesson)"
        ),
    )
    start.add_argument(
        "--list-lessons",
        action="store_true",
        help=translate(
            "CommandLine",
            "print each bundled lesson's name, steps and title (tab-separated) "
            "and exit",
        ),
    )
    export = parser.add_argument_group(translate("CommandLine", "pictures for slides"))
    export.add_argument(
        "--export",
        metavar="FILE",
        help=translate(
            "CommandLine",
            "render the window (or a --slide) to FILE.svg, FILE.pdf or FILE.png "
            "without showing it",
        ),
    )
    export.add_argument(
        "--size",
        type=_size,
        default=DEFAULT_SIZE,
        metavar="WxH",
        help=translate("CommandLine", "window size for --export (default 1600x1000)"),
    )
    export.add_argument(
        "--reveal",
        action="store_true",
        help=translate(
            "CommandLine",
            "show the lesson step's answer (with --lesson; otherwise it is withheld)",
        ),
    )
    _add_slide_arguments(export)
    _add_animation_arguments(parser)
    numbers = parser.add_argument_group(
        translate("CommandLine", "numbers without a window")
    )
    numbers.add_argument(
        "--metrics",
        action="store_true",
        help=translate("CommandLine", "print every readout as JSON and exit"),
    )
    numbers.add_argument(
        "--p",
        metavar="W,W,…",
        help=translate("CommandLine", "weights of P, e.g. 0.7,0.3"),
    )
    numbers.add_argument(
        "--q",
        metavar="W,W,…",
        help=translate("CommandLine", "weights of Q, e.g. 0.5,0.5"),
    )
    numbers.add_argument(
        "--logits",
        metavar="Z,Z,…",
        help=translate("CommandLine", "logits (default: zeros)"),
    )
    numbers.add_argument(
        "--label", default="0", help=translate("CommandLine", "true class (default 0)")
    )
    numbers.add_argument(
        "--temperature",
        default="1",
        help=translate("CommandLine", "softmax temperature"),
    )
    numbers.add_argument(
        "--smoothing", default="0", help=translate("CommandLine", "label smoothing ε")
    )
    numbers.add_argument(
        "--units",
        choices=("bits", "nats"),
        help=translate("CommandLine", "bits (default) or nats"),
    )
    tokens = parser.add_argument_group(
        translate("CommandLine", "next-token distributions (with --metrics)"),
        translate(
            "CommandLine",
            "One or two models' next-token distributions from files (.npy, .csv "
            "with value or token,value lines, .json), reshaped by --temperature "
            "and truncation as a decoder would, in that order.",
        ),
    )
    tokens.add_argument(
        "--p-file",
        metavar="FILE",
        help=translate("CommandLine", "model P's next-token distribution"),
    )
    tokens.add_argument(
        "--q-file",
        metavar="FILE",
        help=translate("CommandLine", "model Q's, over the same vocabulary"),
    )
    for model in ("p", "q"):
        tokens.add_argument(
            f"--{model}-format",
            choices=NEXT_TOKEN_FORMATS,
            default="auto",
            help=translate(
                "CommandLine",
                "what {option} holds (default: auto, detected where "
                "the values leave no doubt)",
            ).format(option=f"--{model}-file"),
        )
    tokens.add_argument(
        "--top-k",
        metavar="K",
        help=translate("CommandLine", "keep the K most probable tokens"),
    )
    tokens.add_argument(
        "--top-p",
        metavar="P",
        help=translate(
            "CommandLine", "keep the fewest most probable tokens holding at least P"
        ),
    )
    tokens.add_argument(
        "--min-p",
        metavar="M",
        help=translate(
            "CommandLine",
            "keep tokens at least M times as probable as the most probable",
        ),
    )
    parser.add_argument(
        "--quit-after-paint",
        action="store_true",
        help=translate(
            "CommandLine",
            "quit once the window has painted, printing how long "
            "that took (a start-up check)",
        ),
    )
    return parser


def _join_negative_lists(argv: Sequence[str]) -> list[str]:
    """Read ``--logits -1,2`` as ``--logits=-1,2``: "-1,2" looks like an option."""
    joined: list[str] = []
    tokens = list(argv)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token in NUMBER_LIST_OPTIONS and re.match(r"-[\d.]", following):
            joined.append(f"{token}={following}")
            index += 2
            continue
        joined.append(token)
        index += 1
    return joined


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """Parse and cross-check the options; raises CommandLineError."""
    arguments = build_parser().parse_args(_join_negative_lists(argv))
    for option in VALUE_OPTIONS:
        if getattr(arguments, option) == "":
            raise CommandLineError(
                translate(
                    "CommandLine", "{option} needs a value, got an empty one"
                ).format(option="--" + option.replace("_", "-"))
            )
    if arguments.preset and arguments.load:
        raise CommandLineError(
            translate("CommandLine", "give --preset or --load, not both")
        )
    number_options = ("p", "q", "logits")
    if not arguments.metrics and any(getattr(arguments, o) for o in number_options):
        raise CommandLineError(
            translate("CommandLine", "--p, --q and --logits go with --metrics")
        )
    if arguments.metrics and arguments.export:
        raise CommandLineError(
            translate("CommandLine", "give --metrics or --export, not both")
        )
    chosen = arguments.preset or arguments.load
    if chosen and any(getattr(arguments, o) for o in number_options):
        raise CommandLineError(
            translate(
                "CommandLine",
                "--p, --q and --logits describe a scenario: give them "
                "instead of --preset or --load, not with them",
            )
        )
    _check_next_token_options(arguments, chosen)
    _check_export_options(arguments, argv)
    _check_lesson_options(arguments, chosen)
    return arguments


def _check_lesson_options(arguments: argparse.Namespace, chosen: Any) -> None:
    """--step and --reveal need --lesson, which sets up the window alone."""
    if arguments.lesson is None:
        if arguments.step is not None or arguments.reveal:
            raise CommandLineError(
                translate("CommandLine", "--step and --reveal go with --lesson")
            )
        return
    if chosen or arguments.metrics:
        raise CommandLineError(
            translate(
                "CommandLine",
                "--lesson sets up the window itself: give it without --preset, "
                "--load or --metrics",
            )
        )


def _lesson_and_step(arguments: argparse.Namespace) -> tuple[Any, int | None]:
    """The lesson --lesson names (a bundled name or a file) and --step's index."""
    if arguments.lesson is None:
        return None, None
    from core.lessons import LessonError, bundled_entries, load_bundled, load_lesson

    value = arguments.lesson
    try:
        if value.endswith(".json") or os.sep in value or os.path.isfile(value):
            lesson = load_lesson(value)
        else:
            entries = {entry.name: entry for entry in bundled_entries()}
            if value not in entries:
                raise CommandLineError(
                    translate(
                        "CommandLine", "unknown lesson {name}; known: {known}"
                    ).format(name=_quoted(value), known=", ".join(entries))
                )
            lesson = load_bundled(entries[value].file)
    except LessonError as error:
        raise CommandLineError(str(error)) from None
    if arguments.step is None:
        return lesson, None
    count = len(lesson.steps)
    text = arguments.step.strip()
    if not text.isdigit() or not 1 <= int(text) <= count:
        raise CommandLineError(
            translate(
                "CommandLine",
                "--step must be a whole number from 1 to {count} for the lesson "
                "{name}, got {step}",
            ).format(count=count, name=lesson.name, step=_quoted(arguments.step))
        )
    return lesson, int(text) - 1


def _check_next_token_options(arguments: argparse.Namespace, chosen: Any) -> None:
    """--p-file and its companions: only together, and alone."""
    formats_chosen = arguments.p_format != "auto" or arguments.q_format != "auto"
    companions = formats_chosen or any(
        getattr(arguments, o) for o in NEXT_TOKEN_OPTIONS
    )
    if not arguments.metrics and (arguments.p_file or companions):
        raise CommandLineError(
            translate(
                "CommandLine", "--p-file and the options with it go with --metrics"
            )
        )
    if arguments.p_file is None:
        if companions:
            raise CommandLineError(
                translate(
                    "CommandLine",
                    "--q-file, --p-format, --q-format, --top-k, --top-p and --min-p "
                    "go with --p-file",
                )
            )
        return
    if any(getattr(arguments, o) for o in ("p", "q", "logits")) or chosen:
        raise CommandLineError(
            translate(
                "CommandLine",
                "--p-file reads a next-token distribution: give it instead of "
                "--p, --q, --logits, --preset or --load, not with them",
            )
        )
    if arguments.label != "0" or arguments.smoothing != "0":
        raise CommandLineError(
            translate(
                "CommandLine", "--label and --smoothing go with --logits, not --p-file"
            )
        )
    if arguments.q_format != "auto" and arguments.q_file is None:
        raise CommandLineError(
            translate("CommandLine", "--q-format goes with --q-file")
        )


def _scenario_from_file_or_preset(
    arguments: argparse.Namespace,
) -> tuple[Any, Any, Any]:
    """(scenario, preset, session) from --preset or --load; Nones without."""
    from core.presets import load_presets
    from core.session import SessionError, load_session

    if arguments.load:
        try:
            session = load_session(arguments.load)
        except SessionError as error:
            raise CommandLineError(str(error)) from None
        return session.scenario, None, session
    if arguments.preset:
        # Only the chosen preset is built (a broken one: PresetError, exit 2).
        presets = {p.id: p for p in load_presets(check_states=False)}
        if arguments.preset not in presets:
            raise CommandLineError(_unknown_preset(arguments.preset, list(presets)))
        preset = presets[arguments.preset]
        return preset.scenario, preset, None
    return None, None, None


def _unknown_preset(name: str, known: list[str]) -> str:
    """One short line: the closest known ids (difflib), then where the rest are.

    The full list outgrew one readable line, so only up to three near
    matches are named and --list-presets gives the others.
    """
    import difflib

    close = difflib.get_close_matches(name[:200], known, n=3, cutoff=0.5)
    if close:
        return translate(
            "CommandLine",
            "unknown preset {name}; did you mean {close}? (see --list-presets)",
        ).format(name=_quoted(name), close=", ".join(close))
    return translate("CommandLine", "unknown preset {name}; see --list-presets").format(
        name=_quoted(name)
    )


def print_metrics(arguments: argparse.Namespace) -> int:
    """``--metrics``: every readout as JSON on stdout (no Qt is imported)."""
    from core.metrics import metrics, parse_metrics_args

    if arguments.p_file is not None:
        return print_next_token_metrics(arguments)
    scenario, _, _ = _scenario_from_file_or_preset(arguments)
    if scenario is not None and arguments.units:
        scenario = scenario.replace(units=arguments.units)
    if scenario is None:
        if not (arguments.p and arguments.q) and not arguments.logits:
            raise CommandLineError(
                translate(
                    "CommandLine",
                    "--metrics needs --p and --q, or --logits (and --label), "
                    "or --p-file, or --preset/--load",
                )
            )
        try:
            scenario = parse_metrics_args(
                arguments.p,
                arguments.q,
                arguments.logits,
                arguments.label,
                arguments.temperature,
                arguments.smoothing,
                arguments.units or "bits",
            )
        except ValueError as error:
            raise CommandLineError(str(error)) from None
    try:
        data = metrics(scenario)
    except ValueError as error:
        raise CommandLineError(str(error)) from None
    _write_out(json.dumps(data, indent=2, ensure_ascii=False))
    return 0


def print_next_token_metrics(arguments: argparse.Namespace) -> int:
    """``--metrics --p-file``: the next-token lab's readouts as JSON."""
    from core.metrics import (
        next_token_metrics,
        parse_decoding_args,
        read_next_token_files,
    )

    try:
        # The options first: a typo should not wait for a large file.
        settings = parse_decoding_args(
            arguments.temperature, arguments.top_k, arguments.top_p, arguments.min_p
        )
        p, q = read_next_token_files(
            arguments.p_file, arguments.q_file, arguments.p_format, arguments.q_format
        )
        data = next_token_metrics(p, q, settings, arguments.units or "bits")
    except ValueError as error:
        raise CommandLineError(str(error)) from None
    _write_out(json.dumps(data, indent=2, ensure_ascii=False))
    return 0


def _write_out(text: str) -> None:
    """Print ``text`` on stdout; a closed pipe is fine, a failed write an error."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `| head` closed the pipe: not an error
        _silence_stdout()
    except OSError as error:  # `> /dev/full`
        _silence_stdout()
        reason = error.strerror or type(error).__name__
        raise CommandLineError(
            translate("CommandLine", "could not write the output: {reason}").format(
                reason=reason
            )
        ) from None


def _silence_stdout() -> None:
    """Point stdout at the null device, so the flush at exit cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass


def list_presets() -> int:
    """``--list-presets``: one line per preset."""
    from core.presets import load_presets

    lines = []
    for preset in load_presets():
        key = f"[{preset.key}]" if preset.key is not None else "   "
        lines.append(f"{key} {preset.id:42} {preset.title}")
    _write_out("\n".join(lines))
    return 0


def list_lessons() -> int:
    """``--list-lessons``: name, number of steps and title, tab-separated."""
    from core.lessons import LessonError, bundled_lessons

    try:
        lessons = bundled_lessons()
    except LessonError as error:
        raise CommandLineError(
            translate("CommandLine", "the installation is damaged: {error}").format(
                error=error
            )
        ) from None
    lines = [
        f"{lesson.name}\t{len(lesson.steps)}\t{lesson.title.get()}"
        for lesson in lessons
    ]
    _write_out("\n".join(lines))
    return 0


def _import_before_qt() -> None:
    """The window's Qt-free modules, imported before PySide6 is.

    Once PySide6 is loaded it reads the source of every module imported
    after it (to learn whether that module switches PySide features): 40 ms
    of a start-up for the modules of ``core`` and ``numpy``'s, which never
    touch Qt.
    """
    import core.session
    import core.state_schemas  # noqa: F401


def run_window(arguments: argparse.Namespace) -> int:
    """Open the window (or, with --export, render it to a file and leave)."""
    scenario, preset, session = _scenario_from_file_or_preset(arguments)
    lesson, step = _lesson_and_step(arguments)
    if arguments.export or arguments.animate:
        # Rendering needs no screen: never ask for one.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from viz.files import picture_suffix

        try:
            if arguments.export:
                picture_suffix(arguments.export)
        except ValueError as error:
            raise CommandLineError(str(error)) from None
        _quiet_qt()
    _import_before_qt()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from viz import MainWindow
    from viz.application import configure_application

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    configure_application(app)  # names for QSettings, the icon, the desktop entry
    settings = None if arguments.export or arguments.animate else QSettings()
    from viz.language import start_language

    # An export reads the remembered language but writes nothing.
    language = start_language(settings or QSettings(), arguments.lang)
    window = MainWindow(settings=settings)
    remembered_geometry = window.restore_geometry()
    if lesson is not None:
        window.lessons.start(lesson, step, remember=not arguments.export)
        if arguments.reveal:
            window.lessons.reveal(count=False)
    elif scenario is None:
        window.restore_last_state()
    elif preset is not None:
        window.apply_preset(preset)
    else:
        window.open_session(session, arguments.load)
    if arguments.export or arguments.animate:
        return _export_and_quit(app, window, arguments)
    if not remembered_geometry:  # a first start: as large as the screen allows
        available = app.primaryScreen().availableGeometry()
        window.resize(
            min(DEFAULT_SIZE[0], available.width()),
            min(DEFAULT_SIZE[1], available.height()),
        )
    from viz.errors import ExceptionReporter

    reporter = ExceptionReporter(window)
    reporter.install()
    if arguments.quit_after_paint:
        _quit_after_first_paint(app, window)
    if arguments.lecture:
        window.set_lecture(True)
    else:
        window.show()
    window.help.offer_first_run_tour()
    from viz.fonts import notify_missing_font

    notify_missing_font(window, language)
    code = app.exec()
    if settings is not None:
        # Written now, not when the object is freed: see run().
        settings.sync()
    reporter.uninstall()
    # Delete the window while the application still exists: pyqtgraph's
    # scenes can crash if the interpreter tears them down in its own order.
    window.deleteLater()
    app.processEvents()
    return code


def _quiet_qt() -> None:
    """Drop Qt's own messages: a slide-making script reads one line from us."""
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(lambda *_: None)


def _export_and_quit(app: Any, window: Any, arguments: argparse.Namespace) -> int:
    from PySide6.QtCore import Qt

    from viz.files import ExportError

    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    window.resize(*arguments.size)
    if arguments.lecture:
        window.set_lecture(True, full_screen=False)
    window.show()
    window.store.recompute_now()
    app.processEvents()
    from viz.background_work import finish_background_work

    finish_background_work([window.current_page()])  # the picture shows its counts
    if window.lessons.lesson is not None:
        window.lessons.settle()  # every page derived, halos and veils in place
    size = (window.width(), window.height())
    try:
        done = _write_export(window, arguments)
    except ExportError as error:
        raise CommandLineError(str(error)) from None
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    if done:  # a slide or an animation: its own size, its own line
        _write_out(done)
        return 0
    if size != tuple(arguments.size):
        written = translate(
            "CommandLine",
            "wrote {path} at {width}x{height}, the smallest size the window allows",
        ).format(path=arguments.export, width=size[0], height=size[1])
    else:
        written = translate("CommandLine", "wrote {path}").format(path=arguments.export)
    _write_out(written)
    return 0


#: --slide choices (viz.slides.SLIDE_NAMES, spelled out so that --help needs no Qt).
SLIDE_CHOICES = (
    "distributions",
    "information",
    "asymmetry",
    "softmax",
    "gradient",
    "loss_curve",
    "readouts",
    "page",
)
#: Pages with a run to animate (core.animation.ANIMATED_PAGES).
ANIMATED_PAGE_CHOICES = ("binary", "training", "fitting")
#: An animation's size without --size (viz.animation_export.ANIMATION_SIZE).
ANIMATION_SIZE = (960, 540)
ANIMATION_OPTIONS = ("page", "sweep", "frames", "fps", "steps_per_frame")


def _add_slide_arguments(export: Any) -> None:
    """--scale and --slide, in the group of --export."""
    export.add_argument(
        "--scale",
        type=int,
        choices=(1, 2, 3),
        default=1,
        help=translate(
            "CommandLine",
            "pixel ratio of a PNG or an animation: 2 or 3 for a sharp picture "
            "on a HiDPI screen (SVG and PDF are vector)",
        ),
    )
    export.add_argument(
        "--slide",
        choices=SLIDE_CHOICES,
        metavar="NAME",
        help=translate(
            "CommandLine",
            "export one plot ({plots}), the readouts, or page (the page on show "
            "without its controls), drawn afresh at --size without menus, "
            "sliders or hints",
        ).format(plots=", ".join(SLIDE_CHOICES[:6])),
    )


def _add_animation_arguments(parser: argparse.ArgumentParser) -> None:
    """--animate and what it animates."""
    group = parser.add_argument_group(
        translate("CommandLine", "animations for slides"),
        translate(
            "CommandLine",
            "Frames are drawn offscreen from the states themselves, so a file is "
            "the same on any machine. MP4 is not offered: it needs a video "
            "encoder that is not installed with Entropy Lab.",
        ),
    )
    group.add_argument(
        "--animate",
        metavar="FILE",
        help=translate(
            "CommandLine",
            "write an animated FILE.gif, FILE.apng or FILE.png (animated PNG) "
            "without showing a window; give --page or --sweep",
        ),
    )
    group.add_argument(
        "--page",
        choices=ANIMATED_PAGE_CHOICES,
        help=translate(
            "CommandLine",
            "animate a page's run from its start: binary (the race), training "
            "(the logit training), fitting (the KL fits)",
        ),
    )
    group.add_argument(
        "--sweep",
        metavar="CONTROL=START:END",
        help=translate(
            "CommandLine",
            "move one explorer control over the frames: temperature, smoothing, "
            "logitN, pN or qN (N an outcome from 0), e.g. temperature=0.2:5; "
            "--slide picks what the frames show",
        ),
    )
    group.add_argument(
        "--frames",
        default="60",
        metavar="N",
        help=translate("CommandLine", "frames in the animation, 2–600 (default 60)"),
    )
    group.add_argument(
        "--fps",
        default="15",
        metavar="N",
        help=translate("CommandLine", "frames per second, 1–50 (default 15)"),
    )
    group.add_argument(
        "--steps-per-frame",
        metavar="N",
        help=translate(
            "CommandLine",
            "steps of the run between frames, 1–10000 (default: the page's own "
            "speed: the race 2, the others 1)",
        ),
    )


def _check_export_options(arguments: argparse.Namespace, argv: Sequence[str]) -> None:
    """--slide, --scale and --animate with its companions: only together."""
    given = {o for o in ANIMATION_OPTIONS if _option_given(argv, o)}
    if arguments.animate is None:
        if given:
            raise CommandLineError(
                translate("CommandLine", "{options}: only with --animate").format(
                    options=", ".join(f"--{o.replace('_', '-')}" for o in sorted(given))
                )
            )
        if arguments.slide and not arguments.export:
            raise CommandLineError(
                translate("CommandLine", "--slide goes with --export or --animate")
            )
        if arguments.scale != 1 and not arguments.export:
            raise CommandLineError(
                translate("CommandLine", "--scale goes with --export or --animate")
            )
        vector = not str(arguments.export or "x.png").lower().endswith(".png")
        if arguments.scale != 1 and vector:
            raise CommandLineError(
                translate(
                    "CommandLine",
                    "--scale sets a PNG's pixels; an SVG or PDF is vector "
                    "and sharp at any size",
                )
            )
        return
    if arguments.export or arguments.metrics:
        raise CommandLineError(
            translate(
                "CommandLine", "give --animate alone, not with --export or --metrics"
            )
        )
    if (arguments.page is None) == (arguments.sweep is None):
        raise CommandLineError(
            translate("CommandLine", "--animate needs --page or --sweep (one of them)")
        )
    if arguments.page is not None and arguments.slide not in (None, "page"):
        raise CommandLineError(
            translate(
                "CommandLine",
                "--slide {slide} is one of the explorer's; a --page run shows the "
                "whole page",
            ).format(slide=arguments.slide)
        )
    if arguments.sweep is not None and arguments.steps_per_frame is not None:
        raise CommandLineError(
            translate("CommandLine", "--steps-per-frame goes with --page, not --sweep")
        )
    from core.animation import (
        STEPS_PER_FRAME,
        animation_format,
        animation_settings,
        check_frame_size,
        parse_sweep,
    )

    try:
        animation_format(arguments.animate)
        arguments.sweep_value = (
            None if arguments.sweep is None else parse_sweep(arguments.sweep)
        )
        steps = arguments.steps_per_frame
        arguments.settings = animation_settings(
            _whole(arguments.frames, "frames"),
            _whole(arguments.fps, "fps"),
            STEPS_PER_FRAME.default
            if steps is None
            else _whole(steps, "steps_per_frame"),
        )
        if not _option_given(argv, "size"):
            arguments.size = ANIMATION_SIZE
        width, height = arguments.size
        check_frame_size(arguments.settings.frames, width, height, arguments.scale)
    except ValueError as error:
        raise CommandLineError(str(error)) from None


def _option_given(argv: Sequence[str], option: str) -> bool:
    flag = f"--{option.replace('_', '-')}"
    return any(token == flag or token.startswith(f"{flag}=") for token in argv)


def _whole(text: str, name: str) -> int:
    """A command line's whole number; ValueError naming ``name`` otherwise."""
    if not re.fullmatch(r"\s*\d{1,9}\s*", text):
        raise ValueError(
            translate(
                "CommandLine", "{name} must be a whole number, got {text}"
            ).format(name=name, text=_quoted(text))
        )
    return int(text)


def _write_export(window: Any, arguments: argparse.Namespace) -> str:
    """Write --export or --animate; the line to print ("" for the whole window).

    Raises ExportError (one line) when the file cannot be made.
    """
    from core.export import readouts_text
    from viz.files import PictureInfo, save_picture
    from viz.vector_style import controls_for_picture

    if arguments.animate:
        return _write_animation(window, arguments)
    if arguments.slide:
        from viz.slides import export_slide

        width, height = export_slide(
            window, arguments.slide, arguments.export, arguments.size, arguments.scale
        )
        return translate(
            "CommandLine", "wrote {path}: the slide {slide} at {width}x{height}"
        ).format(
            path=arguments.export, slide=arguments.slide, width=width, height=height
        )
    results = window.store.results
    numbers = readouts_text(results).strip() if results is not None else ""
    info = PictureInfo("Entropy Lab", numbers)
    with controls_for_picture(window, arguments.export):
        save_picture(window, arguments.export, arguments.scale, info)
    return ""


def _write_animation(window: Any, arguments: argparse.Namespace) -> str:
    from viz.animation_export import AnimationJob, write_animation

    settings = arguments.settings
    if arguments.page is not None:
        page = window.pages[arguments.page]  # built: its own speed, if none given
        if arguments.steps_per_frame is None:
            settings = type(settings)(
                settings.frames, settings.fps, int(page.steps_per_tick)
            )
        job = AnimationJob(
            settings, arguments.page, size=arguments.size, scale=arguments.scale
        )
    else:
        job = AnimationJob(
            settings,
            "explorer",
            arguments.sweep_value,
            arguments.slide or "page",
            arguments.size,
            arguments.scale,
        )
    frames = write_animation(window, arguments.animate, job)
    width, height = arguments.size
    return translate(
        "CommandLine", "wrote {path}: {frames} frames of {width}x{height} at {fps} fps"
    ).format(
        path=arguments.animate,
        frames=frames,
        width=width,
        height=height,
        fps=settings.fps,
    )


def _quit_after_first_paint(app: Any, window: Any) -> None:
    from PySide6.QtCore import Qt, QTimer

    from viz.probe import PaintProbe

    probe = PaintProbe(window.explorer.distributions.viewport())

    def report() -> None:
        elapsed = time.perf_counter() - STARTED
        print(f"first paint after {elapsed * 1000:.0f} ms", flush=True)
        QTimer.singleShot(0, app.quit)

    probe.painted.connect(report, Qt.ConnectionType.SingleShotConnection)


def main(argv: Sequence[str] | None = None) -> int:
    """Run Entropy Lab; returns the process exit code."""
    argv = sys.argv[1:] if argv is None else argv
    choose_language(argv)
    try:
        return _run(argv)
    finally:
        _forget_language()


def _run(argv: Sequence[str]) -> int:
    from core.presets import PresetError
    from core.resources import AssetError

    try:
        arguments = parse_arguments(argv)
        if arguments.list_presets:
            return list_presets()
        if arguments.list_lessons:
            return list_lessons()
        if arguments.metrics:
            return print_metrics(arguments)
        return run_window(arguments)
    except CommandLineError as error:
        return _fail(str(error))
    except (PresetError, AssetError) as error:
        # A broken installation, not a user's mistake: still one line.
        return _fail(
            translate("CommandLine", "the installation is damaged: {error}").format(
                error=error
            )
        )


def _fail(message: str) -> int:
    text = translate("CommandLine", "entropy-lab: error: {message}")
    print(text.format(message=message), file=sys.stderr)
    return 2


def run() -> NoReturn:
    """The command (``entropy-lab``, ``python main.py``): :func:`main`, then exit.

    On the way out, Python's last garbage collection would walk every object
    the window made (Qt's wrappers, the plots' items) only to free memory the
    system takes back anyway: 120 ms of a 1.6-second start and quit. Freezing
    them skips that walk. Atexit handlers, flushing and every object freed by
    its last reference still run; the window's settings were written when
    it closed (run_window syncs them).
    """
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
