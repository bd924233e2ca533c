"""The next-token lab: two language models' next-token distributions, decoded.

Issue 16, part 3. P and Q are next-token distributions over one vocabulary:
the bundled example (128,256 or 262,144 tokens) or imported from a file
(.npy, .csv, .json; logits, log-probabilities or probabilities, detected
where unambiguous) or the clipboard. Each is decoded with a temperature and
top-k, top-p and min-p truncation (Q with P's settings unless unlinked).
The page shows, per model, the entropy and perplexity before and after
truncation, the mass cut off and the divergences between the model and its
truncated self; between the models, D(P̃‖Q̃), D(Q̃‖P̃) and JS(P̃, Q̃) of the
truncated distributions, with ∞ and its reason; the top tokens with their
strings; and a log–log rank plot of both, drawn as downsampled curves with
the truncation threshold marked and the cut tail shaded.

State: a :class:`core.next_token_lab.NextTokenLabState` in a
:class:`viz.background_store.BackgroundStore`, whose derive
(:func:`core.next_token_lab.derive_lab`, about 20 ms at 262,144 tokens)
runs on a worker thread: a drag stays as fluid as the bare toolkit, and the
numbers follow one derive behind. Imports are read here (a file or the
clipboard is input, not state); a refused one is explained in a strip and
changes nothing.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import (
    QEvent,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPalette,
    QPen,
    QResizeEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.atomic import FileError
from core.next_token import (
    EXAMPLE_SIZES,
    DecodingSettings,
    ModelStatistics,
    TopToken,
)
from core.next_token_lab import (
    ExampleSource,
    LabModel,
    NextTokenLabResults,
    NextTokenLabState,
    Notice,
    Role,
    file_model,
    pasted_model,
    start_lab,
    with_example,
    with_linked,
    with_model,
    with_settings,
    with_units,
    without_q,
)
from core.numbers import format_count, format_number, format_probability
from core.ranges import MIN_P, NEXT_TOKEN_TEMPERATURE, TOP_K, TOP_P
from viz import theme
from viz.livetext import LiveText
from viz.pages.common import (
    LabelledSlider,
    LogRange,
    Page,
    application_font_px,
    controls_column,
    slider_scale,
    text_label,
)
from viz.pages.lab_common import HeaderArea
from viz.pixel_curves import PixelThinnedCurve
from viz.plotting import style_plot, swatch
from viz.store import Store
from viz.translated import LiveTexts, Retranslating, set_plot_texts
from viz.widgets import group, named, problem_label, set_range, set_text

#: A filled curve of 30,000 points or more aborts PySide6 6.12 with
#: pyqtgraph 0.14 ("none_dealloc" in its chunked fill path): fills are kept
#: far below that (the rank curves have about 2,000 points).
MAX_FILL_POINTS = 20_000

#: Probabilities below this are drawn at it: far under the lowest decade
#: shown (LOWEST_SHOWN), so a curve that falls off runs out of sight, and
#: fills reach down to it (pyqtgraph fills to a level in log10 units).
DRAW_FLOOR = 1e-14
LOWEST_SHOWN = 1e-12

ROLE_COLOURS = {"p": theme.P_COLOUR, "q": theme.Q_COLOUR}
#: P solid, Q dashed: never told apart by colour alone.
ROLE_STYLES = {"p": Qt.PenStyle.SolidLine, "q": Qt.PenStyle.DashLine}
ROLE_NAMES = {"p": "P", "q": "Q"}


def _tr(text: str) -> str:
    """Translate a module-level text in this page's context."""
    return QApplication.translate("NextTokenPage", text)


def fill_safe(
    x: NDArray[np.float64], y: NDArray[np.float64], limit: int = MAX_FILL_POINTS
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """At most ``limit`` points of a filled curve (every k-th, ends kept)."""
    if x.size <= limit:
        return x, y
    keep = np.unique(np.linspace(0, x.size - 1, limit).round().astype(np.intp))
    return x[keep], y[keep]


def significant(value: float, digits: int = 4) -> float:
    """``value`` to ``digits`` significant digits (a log slider's position)."""
    return float(f"{value:.{digits}g}")


def shortened(text: str, limit: int = 24) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (a line's example)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def token_text(text: str | None, token_id: int) -> str:
    """A token as the table shows it: quoted, spaces and escapes visible."""
    if text is None:
        return f"#{token_id}"
    return json.dumps(text, ensure_ascii=False)


# --- a model's decoding controls -------------------------------------------------


class RuleRow(QWidget):
    """A truncation rule: a check box that turns it on and its value control."""

    changed = Signal()

    def __init__(self, check: QCheckBox, control: QWidget) -> None:
        super().__init__()
        self.check = check
        self.control = control
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(check)
        layout.addWidget(control, 1)
        check.toggled.connect(self._toggled)

    def _toggled(self, on: bool) -> None:
        self.control.setEnabled(on)
        self.changed.emit()


class DecodingControls(Retranslating, QWidget):
    """Temperature, top-k, top-p and min-p of one model.

    ``settings_changed`` carries the settings the controls now show; a
    slider's press and release are ``gesture_started``/``gesture_ended``.
    :meth:`show_settings` moves the controls without emitting. Its texts
    follow the language (:attr:`texts`).
    """

    settings_changed = Signal(object)
    gesture_started = Signal()
    gesture_ended = Signal()

    def __init__(self, role: Role, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.texts = LiveTexts()
        model = ROLE_NAMES[role]
        prefix = f"next_token_{role}"
        self.temperature = LabelledSlider(
            f"{prefix}_temperature",
            "",
            "",
            slider_scale(NEXT_TOKEN_TEMPERATURE),
            "00.000",
            3,
        )
        self.texts.call(
            lambda: self.temperature.set_texts(
                self.tr("temperature T"),
                self.tr("Temperature of {model}").format(model=model),
            )
        )
        self.top_k_check = QCheckBox()
        self.top_k_check.setObjectName(f"{prefix}_top_k_check")
        self.texts.set(self.top_k_check, lambda: self.tr("top-k"))
        self._accessible(self.top_k_check, lambda: self.tr("Top-k on or off"))
        self.top_k = QSpinBox()
        self.top_k.setObjectName(f"{prefix}_top_k")
        self._accessible(self.top_k, lambda: self.tr("k: the tokens top-k keeps"))
        self.top_k.setRange(TOP_K.low, TOP_K.high)
        self.top_k.setValue(TOP_K.default)
        self.top_k.setGroupSeparatorShown(True)
        # Typed digits commit on Enter or leaving the box: typing 1000 is one
        # change (one undo step), not k = 1, 10, 100, 1000. Arrows stay live.
        self.top_k.setKeyboardTracking(False)
        self.top_p_check = QCheckBox()
        self.top_p_check.setObjectName(f"{prefix}_top_p_check")
        self.texts.set(self.top_p_check, lambda: self.tr("top-p"))
        self._accessible(self.top_p_check, lambda: self.tr("Top-p on or off"))
        self.top_p = LabelledSlider(
            f"{prefix}_top_p", "p", "", slider_scale(TOP_P), "0.000", 3
        )
        self.texts.call(
            lambda: self.top_p.set_texts(
                "p", self.tr("Top-p: the share of probability kept")
            )
        )
        self.min_p_check = QCheckBox()
        self.min_p_check.setObjectName(f"{prefix}_min_p_check")
        self.texts.set(self.min_p_check, lambda: self.tr("min-p"))
        self._accessible(self.min_p_check, lambda: self.tr("Min-p on or off"))
        self.min_p = LabelledSlider(
            f"{prefix}_min_p", "×", "", slider_scale(MIN_P), "0.000", 3
        )
        self.texts.call(
            lambda: self.min_p.set_texts(
                "×", self.tr("Min-p: the share of the top probability a token needs")
            )
        )
        self.top_p.show_value(TOP_P.default)
        self.min_p.show_value(MIN_P.default)
        self.rows = [
            RuleRow(self.top_k_check, self.top_k),
            RuleRow(self.top_p_check, self.top_p),
            RuleRow(self.min_p_check, self.min_p),
        ]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.temperature)
        #: The settings last shown (:meth:`show_settings`): a change of one
        #: control changes its own field of these, and no other.
        self.shown = DecodingSettings()
        # Bound methods, not lambdas holding the page: PySide keeps those,
        # and the cycles they made crashed a garbage collection later.
        top_k_row, top_p_row, min_p_row = self.rows
        for row in self.rows:
            row.control.setEnabled(False)
            layout.addWidget(row)
        top_k_row.changed.connect(self._top_k_changed)
        top_p_row.changed.connect(self._top_p_changed)
        min_p_row.changed.connect(self._min_p_changed)
        self.temperature.value_changed.connect(self._temperature_changed)
        self.top_p.value_changed.connect(self._top_p_changed)
        self.min_p.value_changed.connect(self._min_p_changed)
        self.top_k.valueChanged.connect(self._top_k_changed)
        for control in (self.temperature, self.top_p, self.min_p):
            control.slider.sliderPressed.connect(self.gesture_started)
            control.slider.sliderReleased.connect(self.gesture_ended)

    def _accessible(self, widget: QWidget, make: Callable[[], str]) -> None:
        self.texts.set(widget, make, "setAccessibleName")

    def settings(self) -> DecodingSettings:
        """The settings the controls show, as shown (0.900, not 0.90001)."""
        top_p = round(self.top_p.slider.float_value(), 3)
        return DecodingSettings(
            temperature=significant(self.temperature.slider.float_value()),
            top_k=self.top_k.value() if self.top_k_check.isChecked() else None,
            top_p=min(max(top_p, TOP_P.low), TOP_P.high)
            if self.top_p_check.isChecked()
            else None,
            min_p=significant(self.min_p.slider.float_value())
            if self.min_p_check.isChecked()
            else None,
        )

    def _temperature_changed(self, *_: object) -> None:
        self._changed("temperature")

    def _top_k_changed(self, *_: object) -> None:
        self._changed("top_k")

    def _top_p_changed(self, *_: object) -> None:
        self._changed("top_p")

    def _min_p_changed(self, *_: object) -> None:
        self._changed("min_p")

    def _changed(self, field: str) -> None:
        """One control moved: the settings shown with its field as it shows it.

        The others keep their values: a temperature of 0.7331 from a
        session stood on the slider's grid at 0.7323, and ticking min-p
        changed it to that.
        """
        value = getattr(self.settings(), field)
        self.settings_changed.emit(dataclasses.replace(self.shown, **{field: value}))

    def show_settings(self, settings: DecodingSettings) -> None:
        """Move every control to ``settings`` without emitting."""
        self.shown = settings
        self.temperature.show_value(settings.temperature)
        rules = (
            (self.top_k_check, settings.top_k),
            (self.top_p_check, settings.top_p),
            (self.min_p_check, settings.min_p),
        )
        for check, value in rules:
            with QSignalBlocker(check):
                check.setChecked(value is not None)
        for row in self.rows:
            row.control.setEnabled(row.check.isChecked())
        if settings.top_k is not None:
            with QSignalBlocker(self.top_k):
                self.top_k.setValue(settings.top_k)
        if settings.top_p is not None:
            self.top_p.show_value(settings.top_p)
        if settings.min_p is not None:
            self.min_p.show_value(settings.min_p)


# --- the models and their imports ------------------------------------------------


class ModelsPanel(Retranslating, QWidget):
    """Which distributions: the example, or a file or the clipboard for P or Q.

    Its fixed texts follow the language (:attr:`texts`); the sources are
    described again by the page (:meth:`show_state`).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = LiveTexts()
        self.labels = {
            role: text_label(f"next_token_{role}_source", "") for role in ("p", "q")
        }
        for label in self.labels.values():
            self._accessible(label, lambda: self.tr("Where it came from"))
        self.open_buttons: dict[str, QPushButton] = {}
        self.paste_buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for role in ("p", "q"):
            model = ROLE_NAMES[role]
            opened = QPushButton()
            opened.setObjectName(f"next_token_{role}_open")
            self.texts.set(opened, partial(self._open_text, model))
            self._accessible(opened, partial(self._open_name, model))
            pasted = QPushButton()
            pasted.setObjectName(f"next_token_{role}_paste")
            self.texts.set(pasted, partial(self._paste_text, model))
            self._accessible(pasted, partial(self._paste_name, model))
            self.open_buttons[role] = opened
            self.paste_buttons[role] = pasted
            row = QHBoxLayout()
            row.addWidget(opened)
            row.addWidget(pasted)
            if role == "q":
                self.remove_q = QPushButton()
                self.remove_q.setObjectName("next_token_q_remove")
                self.texts.set(self.remove_q, lambda: self.tr("No Q"))
                self._accessible(self.remove_q, lambda: self.tr("Remove Q"))
                row.addWidget(self.remove_q)
            layout.addWidget(self.labels[role])
            layout.addLayout(row)
        self.kind = QComboBox()
        self.kind.setObjectName("next_token_kind")
        self._accessible(self.kind, lambda: self.tr("What an imported file holds"))
        for kind in ("auto", "logits", "logprobs", "probs"):
            self.kind.addItem("", kind)
        self.texts.call(self._name_kinds, self.kind)
        kind_row = QHBoxLayout()
        caption = QLabel()
        self.texts.set(caption, lambda: self.tr("values are"))
        caption.setBuddy(self.kind)
        kind_row.addWidget(caption)
        kind_row.addWidget(self.kind, 1)
        layout.addLayout(kind_row)
        self.example_size = QComboBox()
        self.example_size.setObjectName("next_token_example_size")
        self._accessible(self.example_size, lambda: self.tr("The example's tokens"))
        for size in EXAMPLE_SIZES:
            self.example_size.addItem("", size)
        self.texts.call(self._name_sizes, self.example_size)
        self.example = QPushButton()
        self.example.setObjectName("next_token_example")
        self.texts.set(self.example, lambda: self.tr("Example"))
        self._accessible(self.example, lambda: self.tr("Show the bundled example"))
        example_row = QHBoxLayout()
        example_row.addWidget(self.example)
        example_row.addWidget(self.example_size, 1)
        layout.addLayout(example_row)
        self.problem = problem_label("next_token_problem")
        layout.addWidget(self.problem)

    def _accessible(self, widget: QWidget, make: Callable[[], str]) -> None:
        self.texts.set(widget, make, "setAccessibleName")

    def _open_text(self, model: str) -> str:
        return self.tr("Open {model}…").format(model=model)

    def _open_name(self, model: str) -> str:
        return self.tr("Import {model} from a file").format(model=model)

    def _paste_text(self, model: str) -> str:
        return self.tr("Paste {model}").format(model=model)

    def _paste_name(self, model: str) -> str:
        return self.tr("Import {model} from the clipboard").format(model=model)

    def _name_kinds(self) -> None:
        names = {
            "auto": self.tr("detect"),
            "logits": self.tr("logits"),
            "logprobs": self.tr("log-probabilities"),
            "probs": self.tr("probabilities"),
        }
        for index in range(self.kind.count()):
            self.kind.setItemText(index, names[str(self.kind.itemData(index))])

    def _name_sizes(self) -> None:
        for index in range(self.example_size.count()):
            size = int(self.example_size.itemData(index))
            text = self.tr("{size} tokens").format(size=format_count(size))
            self.example_size.setItemText(index, text)

    def chosen_kind(self) -> str:
        """The kind the next import reads ("auto" detects it)."""
        return str(self.kind.currentData())

    def chosen_size(self) -> int:
        """The example size chosen."""
        return int(self.example_size.currentData())

    def show_state(self, state: NextTokenLabState) -> None:
        """Name each model's source, size and kind."""
        for role in ("p", "q"):
            set_text(self.labels[role], self._describe(role, state.model(role)))
        self.remove_q.setEnabled(state.q is not None)
        if isinstance(state.p.source, ExampleSource):
            index = self.example_size.findData(state.p.source.size)
            if index >= 0 and index != self.example_size.currentIndex():
                with QSignalBlocker(self.example_size):
                    self.example_size.setCurrentIndex(index)

    def _describe(self, role: Role, model: LabModel | None) -> str:
        name = ROLE_NAMES[role]
        mark = swatch(ROLE_COLOURS[role], f"<b>{name}</b>")
        if model is None:
            return self.tr("{mark}: none (one model)").format(mark=mark)
        distribution = model.distribution
        kinds = {
            "logits": self.tr("logits"),
            "logprobs": self.tr("log-probabilities"),
            "probs": self.tr("probabilities"),
        }
        if isinstance(model.source, ExampleSource):
            where = self.tr("the bundled example")
        else:
            where = html_escape(distribution.name)
        how = (
            self.tr("{kind}, detected").format(kind=kinds[distribution.kind])
            if distribution.detected
            else kinds[distribution.kind]
        )
        strings = "" if distribution.tokens is not None else self.tr(", no strings")
        return self.tr("{mark}: {where} · {size} tokens · {how}{strings}").format(
            mark=mark,
            where=where,
            size=f"{distribution.vocabulary_size:,}",
            how=how,
            strings=strings,
        )

    def say(self, text: str) -> None:
        """Show why an import was refused ("" hides the strip)."""
        set_text(self.problem, text)
        self.problem.setVisible(bool(text))


def html_escape(text: str) -> str:
    """``text`` safe inside rich text (a file name may hold < or &)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- readouts --------------------------------------------------------------------


class ModelReadouts(QWidget):
    """Per model (a column each): entropy, perplexity, tokens kept, mass cut.

    And the divergences between the model and its truncation, with why one
    is infinite below. Titles and tooltips follow the language
    (:meth:`retranslate`); the page words the values.
    """

    ROWS = ("entropy", "perplexity", "kept", "cut", "kl_to", "kl_from", "js")

    #: The widest value a cell is given room for (wider ones shrink to fit).
    CELL_TEMPLATE = "00.0000 → 00.0000 bits"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        self.grid = grid
        self.cells: dict[tuple[str, str], LiveText] = {}
        self.titles: dict[str, QLabel] = {}
        self.arrows = QLabel()
        self.arrows.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )
        self.arrows.setWordWrap(True)
        grid.addWidget(self.arrows, 0, 0)
        for column, role in enumerate(("p", "q"), start=1):
            header = QLabel(swatch(ROLE_COLOURS[role], f"<b>{ROLE_NAMES[role]}</b>"))
            grid.addWidget(header, 0, column)
        for row, key in enumerate(self.ROWS, start=1):
            title = QLabel()
            title.setSizePolicy(
                QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
            )
            title.setWordWrap(True)  # two lines rather than cut, when narrow
            grid.addWidget(title, row, 0)
            self.titles[key] = title
            for column, role in enumerate(("p", "q"), start=1):
                cell = LiveText(self.CELL_TEMPLATE)
                cell.setObjectName(f"next_token_{role}_{key}")
                grid.addWidget(cell, row, column)
                self.cells[(role, key)] = cell
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        self._fit_columns()
        #: Why D(model ‖ truncated) is ∞: laid out by the page, under the
        #: divergences between the models, with their reasons.
        self.reasons = text_label("next_token_truncation_reason", "")
        self.reasons.setVisible(False)
        self.retranslate()

    def retranslate(self) -> None:
        """Titles, tooltips and accessible names in the language in use."""
        # Short titles, so that two columns of values fit beside them on a
        # 1024-pixel projector in lecture type; the tooltips say the rest.
        titles = {
            "entropy": self.tr("entropy H"),
            "perplexity": self.tr("perplexity"),
            "kept": self.tr("tokens kept"),
            "cut": self.tr("mass cut off"),
            "kl_to": self.tr("D(model ‖ truncated)"),
            "kl_from": self.tr("D(truncated ‖ model)"),
            "js": self.tr("JS(model, truncated)"),
        }
        explanations = {
            "entropy": self.tr(
                "Entropy of the tempered model → of its renormalised truncation"
            ),
            "perplexity": self.tr(
                "Perplexity 2^H (e^H in nats): tempered → truncated; the number "
                "of equally likely tokens with the same entropy"
            ),
            "kept": self.tr("Tokens the truncation keeps, of those with p > 0"),
            "cut": self.tr("The probability the truncation removes"),
            "kl_to": self.tr(
                "D(model ‖ truncated): ∞ whenever anything is cut, since the "
                "truncated model gives 0 to tokens the model can emit"
            ),
            "kl_from": self.tr(
                "D(truncated ‖ model) = −log(1 − cut): the renormalisation's cost"
            ),
            "js": self.tr("Jensen–Shannon divergence: symmetric and always finite"),
        }
        set_text(self.arrows, self.tr("before → after the cut"))
        self.arrows.setToolTip(
            self.tr("Each arrow: the tempered model → its renormalised truncation")
        )
        for key, title in self.titles.items():
            set_text(title, titles[key])
            title.setToolTip(explanations[key])
            for role in ("p", "q"):
                cell = self.cells[(role, key)]
                cell.setAccessibleName(
                    self.tr("{model}: {quantity}").format(
                        model=ROLE_NAMES[role], quantity=titles[key]
                    )
                )
                cell.setToolTip(explanations[key])
        self.reasons.setAccessibleName(self.tr("Why ∞"))

    def _fit_columns(self) -> None:
        """Value columns never narrower than the template; titles get the rest.

        Every cell's width policy is Ignored (a LiveText never re-lays out),
        so without a minimum the stretch factors alone would squeeze the
        values on a narrow screen in large type.
        """
        width = self.fontMetrics().horizontalAdvance(self.CELL_TEMPLATE) + 6
        for column in (1, 2):
            self.grid.setColumnMinimumWidth(column, width)

    def changeEvent(self, event: QEvent) -> None:
        """A new font (lecture mode, zoom) changes the values' room; and a language."""
        if event.type() == QEvent.Type.FontChange:
            self._fit_columns()
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def texts(self, role: str) -> dict[str, str]:
        """What each row shows for ``role`` (tests)."""
        return {key: self.cells[(role, key)].text() for key in self.ROWS}


class BigValue(LiveText):
    """A large live number: ``scale`` times the application font, bold.

    A repaint per change, never a new layout (a QLabel's setText re-lays
    out the page), and it follows lecture mode and zoom.
    """

    def __init__(self, scale: float, template: str) -> None:
        super().__init__(template)
        self.scale = scale
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.refont()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.fontChanged.connect(self.refont)

    def refont(self, *_: object) -> None:
        """Size the text from the application font."""
        font = QFont(QGuiApplication.font())
        font.setPixelSize(max(8, round(application_font_px() * self.scale)))
        font.setWeight(QFont.Weight.DemiBold)
        self.setFont(font)


class PairReadout(Retranslating, QWidget):
    """One divergence between the truncated models, large, with ∞'s reason.

    The reason is a line of its own (:attr:`reason`) that the page lays out
    across the full width under the three readouts: a third of the width,
    it wrapped to five lines in lecture type and squeezed the plot.
    ``tooltip`` makes the tooltip in the language in use (set again on a
    language change); ``title`` is a formula, the same in every language.
    """

    def __init__(self, key: str, title: str, tooltip: Callable[[], str]) -> None:
        super().__init__()
        self.texts = LiveTexts()
        self.title = QLabel(title)
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.value = BigValue(1.6, "0.0000 bits")
        named(self.value, f"next_token_{key}", title)
        self.reason = QLabel("")
        self.reason.setObjectName(f"next_token_{key}_reason")
        self.texts.set(
            self.reason, lambda: self.tr("Why it is infinite"), "setAccessibleName"
        )
        self.reason.setWordWrap(True)
        self.reason.setVisible(False)
        self.reason.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )
        # A palette colour, not a style sheet: a style sheet would pin the
        # label's font and it would stay small in lecture type.
        palette = self.reason.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#A0300A"))
        self.reason.setPalette(palette)
        self.texts.set(self, tooltip, "setToolTip")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.value)

    def show_value(self, text: str, reason: str, detail: str = "") -> None:
        """Show ``text`` and, for ∞, why (``detail``: the reason's tooltip)."""
        self.value.setText(text)
        set_text(self.reason, reason)
        self.reason.setToolTip(detail)
        self.reason.setVisible(bool(reason))


#: The smallest positive float64 at full precision: a mass cut off below it
#: is 0 to the computer, though tokens were cut.
SMALLEST_FLOAT = float(np.finfo(np.float64).tiny)


# --- the top tokens --------------------------------------------------------------


class TopTokensModel(QStandardItemModel):
    """One model's top tokens: rank, string, id, probability, after the cut, other's.

    Items hold their text in C++: a view paints 120 cells without calling
    back into Python for each (a Python ``data()`` cost several ms a frame).
    """

    #: The columns that change with temperature and truncation.
    NUMBERS = (3, 4, 5)

    def __init__(self, role: Role, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.rows: tuple[TopToken, ...] = ()
        self.shown: list[list[str]] = []  # the NUMBERS columns' texts, by row
        #: The longest of those texts when the view's columns were fitted.
        self.fitted_length = 0
        self.cells: list[list[QStandardItem]] = []  # and their items
        self.headers: tuple[str, ...] = ()
        self.retranslate()
        self.setColumnCount(len(self.headers))

    def retranslate(self) -> None:
        """The column headers in the language in use (a model gets no event)."""
        own, other = ("p", "q") if self.role == "p" else ("q", "p")
        self.headers = (
            self.tr("#"),
            self.tr("token"),
            self.tr("id"),
            self.tr("{own} at T").format(own=own),
            self.tr("{own} kept").format(own=own + "̃"),
            self.tr("{other} kept").format(other=other + "̃"),
        )
        self.setHorizontalHeaderLabels(list(self.headers))

    def cell_text(self, row: TopToken, column: int) -> str:
        """The text of one cell."""
        if column == 0:
            return str(row.rank)
        if column == 1:
            return token_text(row.text, row.token_id)
        if column == 2:
            return str(row.token_id)
        if column == 3:
            return table_probability(row.probability)
        if column == 4:
            return table_probability(row.truncated_probability)
        other = row.other_probability
        return "—" if other is None else table_probability(other)

    def _item(self, row: TopToken, column: int) -> QStandardItem:
        item = QStandardItem(self.cell_text(row, column))
        item.setEditable(False)
        if column != 1:
            item.setTextAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
        elif row.text is None:
            item.setToolTip(self.tr("The source gave no token strings"))
        return item

    def reword(self) -> None:
        """Cells worded by the language (tooltips): made again for the rows held."""
        rows, self.rows = self.rows, ()
        self.show_rows(rows)

    def show_rows(self, rows: tuple[TopToken, ...]) -> bool:
        """New top tokens; True if the columns must be fitted again.

        They must for other tokens, and for the same tokens (a change of
        temperature or truncation: the order of the logits does not change,
        only the probabilities' text) when a probability's text grew longer
        than any the columns were fitted to: "0.0011" becoming "6.490×10⁻⁴"
        was cut to "6.49…", which reads as 6.49.
        """
        same = len(rows) == len(self.rows) and all(
            (a.token_id, a.text) == (b.token_id, b.text)
            for a, b in zip(rows, self.rows, strict=True)
        )
        self.rows = rows
        if not same:
            self.setRowCount(0)
            self.cells = []
            for row in rows:
                items = [self._item(row, c) for c in range(len(self.headers))]
                self.appendRow(items)
                self.cells.append([items[c] for c in self.NUMBERS])
            numbers = self.NUMBERS
            self.shown = [[self.cell_text(row, c) for c in numbers] for row in rows]
            self.fitted_length = 0
            return True
        # The texts on show are kept in Python too: asking each item for its
        # text cost as much as writing the new one. One dataChanged for the
        # block, not one a cell: the view repaints one rectangle.
        changed = False
        blocker = QSignalBlocker(self)
        try:
            for row, shown, cells in zip(rows, self.shown, self.cells, strict=True):
                for i, column in enumerate(self.NUMBERS):
                    text = self.cell_text(row, column)
                    if shown[i] != text:
                        shown[i] = text
                        cells[i].setText(text)
                        changed = True
        finally:
            blocker.unblock()
        if changed:
            first, last = self.NUMBERS[0], self.NUMBERS[-1]
            self.dataChanged.emit(self.index(0, first), self.index(len(rows) - 1, last))
        return changed and self.longest_number() > self.fitted_length

    def longest_number(self) -> int:
        """Characters of the longest probability on show."""
        return max((len(text) for shown in self.shown for text in shown), default=0)

    def columns_fitted(self) -> None:
        """The view's columns now hold every text on show."""
        self.fitted_length = self.longest_number()


def table_probability(value: float) -> str:
    """A probability in the top-tokens table: not 1 unless it is, and short.

    At T = 0.05 the top token's 0.99999999999998 widened its column until
    the next two scrolled out of a 1024-px window: past 8 decimals it is
    written 1 − 2.0×10⁻¹⁴.
    """
    return format_probability(value, most_decimals=8)


#: The top-tokens table's column of token ids (hidden when space is short).
TOKEN_ID_COLUMN = 2


def top_tokens_view(model: TopTokensModel, object_name: str) -> QTableView:
    """A read-only table of top tokens."""
    view = QTableView()
    named(view, object_name, model.tr("Top tokens"))
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    # Widths fitted to the contents only when the tokens change
    # (NextTokenPage._fit_table): ResizeToContents would measure every
    # cell on every frame of a drag.
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    return view


# --- the rank plot ---------------------------------------------------------------


class RankPlot(QWidget):
    """Probability against rank, log–log, for both models (items made once).

    Per model: the tempered distribution as a curve of about 2,000 points
    (:class:`core.next_token.RankCurve`), the renormalised kept part
    (thin, only while something is cut), the cut tail shaded, and the
    threshold (the last rank kept) as a vertical line with a dot.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: Whether a Q is drawn: the title names only the curves on show.
        self.with_q = True
        self.widget = pg.PlotWidget(enableMenu=False)
        self.widget.setObjectName("next_token_rank_plot")
        self.plot = self.widget.getPlotItem()
        style_plot(self.plot, "", "", "")
        self.retranslate()
        self.plot.setLogMode(x=True, y=True)
        # The lines are PlotCurveItems (of log10 values), the rest PlotDataItems.
        self.curves: dict[str, PixelThinnedCurve] = {}
        self.kept: dict[str, PixelThinnedCurve] = {}
        self.fills: dict[str, pg.PlotDataItem] = {}
        self.marks: dict[str, pg.PlotDataItem] = {}
        self.lines: dict[str, pg.InfiniteLine] = {}
        level = math.log10(DRAW_FLOOR)
        for role in ("p", "q"):
            colour = ROLE_COLOURS[role]
            style = ROLE_STYLES[role]
            fill_colour = pg.mkColor(colour)
            fill_colour.setAlpha(60)
            self.fills[role] = self.plot.plot(
                pen=None, fillLevel=level, brush=pg.mkBrush(fill_colour)
            )
            self.curves[role] = self._curve(pg.mkPen(colour, width=2.5, style=style))
            self.kept[role] = self._curve(
                pg.mkPen(colour, width=1.2, style=Qt.PenStyle.DotLine)
            )
            self.marks[role] = self.plot.plot(
                pen=None,
                symbol="o" if role == "p" else "s",
                symbolSize=9,
                symbolBrush=colour,
                symbolPen=pg.mkPen("k"),
            )
            line = pg.InfiniteLine(
                angle=90, pen=pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine)
            )
            self.plot.addItem(line)
            self.lines[role] = line
        self.y_range = LogRange(self.plot, lowest=LOWEST_SHOWN)
        self._x_size = 0
        self._cut_shown = {"p": True, "q": True}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.widget)
        self.widget.setMinimumSize(240, 180)

    def _curve(self, pen: QPen) -> PixelThinnedCurve:
        """A line of the plot (of log10 values), through the points pixels show."""
        item = PixelThinnedCurve(pen=pen)
        self.plot.addItem(item)
        return item

    def retranslate(self) -> None:
        """Title, axis labels and hint in the language in use."""
        if self.with_q:
            title = self.tr("Probability by rank, log–log: {p} solid, {q} dashed")
        else:  # "Q dashed" stood over a plot with no Q ("No Q")
            title = self.tr("Probability by rank, log–log: {p}")
        title = title.format(
            p=swatch(theme.P_COLOUR, "P"), q=swatch(theme.Q_COLOUR, "Q")
        )
        set_plot_texts(
            self.plot,
            title,
            self.tr("rank (1 = most probable)"),
            self.tr("probability"),
            self.tr("shaded: the tail the truncation cuts"),
        )

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def plot_items(self) -> list[pg.PlotItem]:
        """The plot inside (for styling and export)."""
        return [self.plot]

    def filled_points(self) -> int:
        """The most points any filled curve holds now (the 30,000 guard's test)."""
        return max(
            0 if item.xData is None else len(item.xData) for item in self.fills.values()
        )

    def show_results(self, results: NextTokenLabResults) -> None:
        """Draw both models' rank curves and thresholds."""
        statistics = results.statistics
        if (statistics.q is not None) != self.with_q:
            self.with_q = statistics.q is not None
            self.retranslate()
        shown = []
        for role, model in (("p", statistics.p), ("q", statistics.q)):
            self.curves[role].setVisible(model is not None)
            if model is None:
                self._show_cut(role, None)
                continue
            curve = model.rank_curve
            ranks = curve.ranks.astype(np.float64)
            drawn = np.maximum(curve.probabilities, DRAW_FLOOR)
            self.curves[role].setData(np.log10(ranks), np.log10(drawn))
            cut = curve.kept_points < ranks.size
            self._show_cut(role, (ranks, drawn, model) if cut else None)
            shown.append(curve.probabilities)
        size = statistics.p.vocabulary_size
        if size != self._x_size:
            self._x_size = size
            self.plot.setXRange(0.0, math.log10(size), padding=0.02)
        self.y_range.fit(np.concatenate(shown))

    def _show_cut(
        self,
        role: str,
        cut: tuple[NDArray[np.float64], NDArray[np.float64], Any] | None,
    ) -> None:
        """The kept part, the cut tail and the threshold; hidden if nothing is cut.

        Nothing cut, there is no threshold to mark (it would sit on the last
        rank), and hidden items are not updated again on every frame.
        """
        items = (self.kept[role], self.fills[role], self.marks[role], self.lines[role])
        if cut is None:
            if self._cut_shown[role]:
                for item in items:
                    item.setVisible(False)
                self._cut_shown[role] = False
            return
        ranks, drawn, model = cut
        curve = model.rank_curve
        n = curve.kept_points
        kept = np.maximum(curve.truncated_probabilities, DRAW_FLOOR)
        self.kept[role].setData(np.log10(ranks[:n]), np.log10(kept))
        self.fills[role].setData(*fill_safe(ranks[n - 1 :], drawn[n - 1 :]))
        threshold = max(model.threshold_probability, DRAW_FLOOR)
        self.marks[role].setData([float(curve.threshold_rank)], [threshold])
        self.lines[role].setValue(math.log10(curve.threshold_rank))
        if not self._cut_shown[role]:
            for item in items:
                item.setVisible(True)
            self._cut_shown[role] = True


# --- the page --------------------------------------------------------------------


class NextTokenPage(Page):
    """The "next_token" page (see the module docstring)."""

    store: Store[NextTokenLabState, NextTokenLabResults]

    def __init__(
        self,
        store: Store[NextTokenLabState, NextTokenLabResults],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(store, parent)
        self._build()
        store.state_changed.connect(self._state_changed)
        store.results_ready.connect(self.show_results)
        self._state_changed(store.state)
        if store.results is None or store.results_state is not store.state:
            store.derive_now()
        else:
            self.show_results(store.results)

    # layout -----------------------------------------------------------------------

    def _build(self) -> None:
        self.models = ModelsPanel()
        self.decoding = {role: DecodingControls(role) for role in ("p", "q")}
        texts = self.texts
        self.linked = QCheckBox()
        self.linked.setObjectName("next_token_linked")
        texts.set(self.linked, lambda: self.tr("Q uses P's settings"))
        self._accessible(self.linked, lambda: self.tr("Decode Q with P's settings"))
        self.units = QComboBox()
        self.units.setObjectName("next_token_units")
        self._accessible(self.units, lambda: self.tr("Units"))
        self.units.addItem("", "bits")
        self.units.addItem("", "nats")
        texts.call(self._name_units, self.units)
        units_row = QWidget()
        units_layout = QHBoxLayout(units_row)
        units_layout.setContentsMargins(0, 0, 0, 0)
        units_caption = QLabel()
        texts.set(units_caption, lambda: self.tr("units"))
        units_caption.setBuddy(self.units)
        units_layout.addWidget(units_caption)
        units_layout.addWidget(self.units, 1)
        self.notice = problem_label("next_token_notice")
        self.q_group = group("", self.linked, self.decoding["q"])
        texts.set(self.q_group, lambda: self.tr("Decoding Q"), "setTitle")
        models_group = group("", self.models)
        texts.set(models_group, lambda: self.tr("Models"), "setTitle")
        p_group = self.p_group = group("", self.decoding["p"])
        texts.set(p_group, self._p_group_title, "setTitle")
        self.column = controls_column(
            "next_token_controls",
            models_group,
            self.notice,
            p_group,
            self.q_group,
            units_row,
        )
        self.pair = {
            "kl_pq": PairReadout(
                "kl_pq",
                "D(P̃‖Q̃)",
                lambda: self.tr("KL divergence of the truncated models"),
            ),
            "kl_qp": PairReadout(
                "kl_qp",
                "D(Q̃‖P̃)",
                lambda: self.tr("KL divergence the other way round"),
            ),
            "js": PairReadout(
                "js",
                "JS(P̃, Q̃)",
                lambda: self.tr("Jensen–Shannon: symmetric and finite"),
            ),
        }
        pair_row = QHBoxLayout()
        pair_row.setContentsMargins(0, 0, 0, 0)
        for readout in self.pair.values():
            pair_row.addWidget(readout, 1)
        self.readouts = ModelReadouts()
        self.plot = RankPlot()
        self.top_models = {role: TopTokensModel(role, self) for role in ("p", "q")}
        self._top_rows: dict[Role, tuple[TopToken, ...]] = {"p": (), "q": ()}
        self.top_choice = QComboBox()
        self.top_choice.setObjectName("next_token_top_choice")
        self._accessible(self.top_choice, lambda: self.tr("Whose top tokens"))
        for role in ("p", "q"):
            self.top_choice.addItem("", role)
        texts.call(self._name_top_choices, self.top_choice)
        self.table = top_tokens_view(self.top_models["p"], "next_token_top_tokens")
        self._accessible(self.table, lambda: self.tr("Top tokens"))
        self._fitted_font = ""
        tables = QWidget()
        tables_layout = QVBoxLayout(tables)
        tables_layout.setContentsMargins(0, 0, 0, 0)
        tables_layout.addWidget(self.top_choice)
        tables_layout.addWidget(self.table, 1)
        lower = QHBoxLayout()
        lower.setContentsMargins(0, 0, 0, 0)
        lower.addWidget(self.plot, 3)
        lower.addWidget(tables, 2)
        right = QVBoxLayout()
        right.setContentsMargins(4, 4, 4, 0)
        # The ∞ reasons and the per-model table take at most their share of
        # the page's height (the rest scrolls): on a 1280×720 projector in
        # lecture type the rank plot would otherwise be a sliver.
        self.header = HeaderArea(
            "next_token_header",
            self.pair["kl_pq"].reason,
            self.pair["kl_qp"].reason,
            self.readouts.reasons,
            self.readouts,
            share=0.3,
        )
        right.addLayout(pair_row)
        right.addWidget(self.header)
        right.addLayout(lower, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.column)
        layout.addLayout(right, 1)
        self._connect()

    def _connect(self) -> None:
        for role, controls in self.decoding.items():
            controls.settings_changed.connect(
                lambda settings, role=role: self.set_settings(role, settings)
            )
            controls.gesture_started.connect(self.store.begin_gesture)
            controls.gesture_ended.connect(self.store.end_gesture)
        self.linked.toggled.connect(self.set_linked)
        self.units.currentIndexChanged.connect(
            lambda index: self.set_units(str(self.units.itemData(index)))
        )
        for role in ("p", "q"):
            self.models.open_buttons[role].clicked.connect(
                lambda *_, role=role: self.open_dialog(role)
            )
            self.models.paste_buttons[role].clicked.connect(
                lambda *_, role=role: self.paste(role)
            )
        self.models.remove_q.clicked.connect(self.remove_q)
        self.top_choice.currentIndexChanged.connect(self._show_top_of)
        self.models.example.clicked.connect(
            lambda *_: self.show_example(self.models.chosen_size())
        )

    def _accessible(self, widget: QWidget, make: Callable[[], str]) -> None:
        self.texts.set(widget, make, "setAccessibleName")

    def _name_units(self) -> None:
        self.units.setItemText(0, self.tr("bits"))
        self.units.setItemText(1, self.tr("nats"))

    def _name_top_choices(self) -> None:
        for index in range(self.top_choice.count()):
            role = str(self.top_choice.itemData(index))
            text = self.tr("{model}'s top tokens").format(model=ROLE_NAMES[role])
            self.top_choice.setItemText(index, text)

    def retranslate(self) -> None:
        """Every text in the language in use: fixed ones, the state's and the results'.

        The controls' own texts follow by themselves (each gets the event);
        the sources, notices and table headers are worded here again.
        """
        super().retranslate()
        for model in self.top_models.values():
            model.retranslate()
            model.reword()
        self.models.show_state(self.store.state)
        self._show_notices(self.store.state.notices)
        self._fit_table()

    def plot_widgets(self) -> list[QWidget]:
        """The widgets holding this page's plots (each has ``plot_items()``)."""
        return [self.plot]

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The readouts above the plot get their share of the new height."""
        super().resizeEvent(event)
        self.header.set_room(self.height())
        QTimer.singleShot(0, self, self._fit_table)

    def changeEvent(self, event: QEvent) -> None:
        """A new font (lecture mode, zoom): the table's columns fit it again.

        Later in the event loop, once the font has reached the table.
        """
        if event.type() == QEvent.Type.FontChange:
            QTimer.singleShot(0, self, self._fit_table)
        super().changeEvent(event)

    def _show_top_of(self, index: int) -> None:
        """Show P's or Q's top tokens in the table (a view choice, not state)."""
        role: Role = "q" if index == 1 else "p"
        self.top_models[role].show_rows(self._top_rows[role])
        self.table.setModel(self.top_models[role])
        self._fit_table()

    def _table_role(self) -> Role:
        """Whose top tokens the table shows."""
        return "q" if self.table.model() is self.top_models["q"] else "p"

    def _fit_table(self) -> None:
        """Columns as wide as their contents, the token column the rest.

        When the rest would not hold ten characters of a token (lecture type
        on a projector), the token id column gives way: a token's text is
        what the room reads, its id is for the practitioner at a desk.
        """
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnHidden(TOKEN_ID_COLUMN, False)
        self.table.resizeColumnsToContents()
        others = sum(
            header.sectionSize(column)
            for column in range(header.count())
            if column != 1 and not self.table.isColumnHidden(column)
        )
        token_room = self.table.viewport().width() - others
        wanted = self.table.fontMetrics().horizontalAdvance("“ tokens…”")
        self.table.setColumnHidden(TOKEN_ID_COLUMN, token_room < wanted)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._fitted_font = self.table.font().toString()
        model = self.table.model()
        if isinstance(model, TopTokensModel):
            model.columns_fitted()

    # the page protocol ------------------------------------------------------------

    def toggle_play(self) -> str | None:
        """Nothing to play: the numbers follow every change."""
        return self.nothing_to_play

    def step_once(self) -> str | None:
        """Nothing to step."""
        return self.nothing_to_play

    def reset(self) -> None:
        """Back to the bundled example at T = 1, no truncation (one undo step)."""
        self.store.set_state(start_lab())
        self.models.say("")

    # controls → state -------------------------------------------------------------

    def set_settings(self, role: Role, settings: DecodingSettings) -> None:
        """New decoding settings for one model (both while linked)."""
        state = self.store.state
        if role == "q" and (state.linked or state.q is None):
            return  # the controls are disabled then; nothing to change
        self.store.set_state(with_settings(state, role, settings))

    def set_linked(self, linked: bool) -> None:
        """Q follows P's settings, or its own."""
        self.store.set_state(with_linked(self.store.state, linked))

    def set_units(self, units: str) -> None:
        """Bits or nats."""
        self.store.set_state(with_units(self.store.state, units))

    def show_example(self, size: int) -> None:
        """Both models back to the bundled example at ``size`` tokens."""
        self.store.set_state(with_example(self.store.state, size))
        self.models.say("")

    def remove_q(self) -> None:
        """One model only."""
        self.store.set_state(without_q(self.store.state))
        self.models.say("")

    def open_dialog(self, role: Role) -> None:
        """Ask for a file, then import it as ``role``."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open {model}'s next-token distribution").format(
                model=ROLE_NAMES[role]
            ),
            "",
            self.tr("Distributions (*.npy *.csv *.tsv *.txt *.json);;All files (*)"),
        )
        if path:
            self.import_file(role, path)

    def import_file(self, role: Role, path: str, kind: str | None = None) -> bool:
        """Read ``path`` as P or Q; a refusal is explained and changes nothing.

        ``kind`` defaults to the page's choice ("detect" unless changed).
        Returns True if the model was imported.
        """
        chosen = self.models.chosen_kind() if kind is None else kind
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            model = file_model(path, chosen)
            state = with_model(self.store.state, role, model)
        except (FileError, ValueError) as error:
            self._refused(role, path, error)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.store.set_state(state)
        self.models.say("")
        return True

    def paste(self, role: Role) -> bool:
        """Import the clipboard's text as P or Q."""
        return self.import_text(role, QGuiApplication.clipboard().text())

    def import_text(self, role: Role, text: str, kind: str | None = None) -> bool:
        """Read pasted ``text`` as P or Q; a refusal is explained."""
        if not text.strip():
            self.models.say(self.tr("The clipboard holds no text to import."))
            return False
        chosen = self.models.chosen_kind() if kind is None else kind
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # as a file's
        try:
            state = with_model(self.store.state, role, pasted_model(text, chosen))
        except ValueError as error:
            self._refused(role, self.tr("the clipboard"), error)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.store.set_state(state)
        self.models.say("")
        return True

    def _refused(self, role: Role, source: str, error: Exception) -> None:
        self.models.say(
            self.tr("{source} was not imported as {model}: {reason}").format(
                source=source, model=ROLE_NAMES[role], reason=str(error)
            )
        )

    # state → controls -------------------------------------------------------------

    def _state_changed(self, state: NextTokenLabState) -> None:
        # The range first: a top-k beyond the old vocabulary (128,256 → a
        # 262,144-token one) would be cut to the old maximum.
        largest = max(TOP_K.low, state.vocabulary_size)
        settings = {"p": state.p_settings, "q": state.q_settings}
        for role, controls in self.decoding.items():
            # A k the state holds beyond the vocabulary (100 of 4 tokens: it
            # keeps them all) still shows as itself: cut to the vocabulary,
            # the box said 4 while the session and undo held 100.
            high = max(largest, settings[role].top_k or 0)
            # Blocked: a smaller vocabulary clamps the box's value, and its
            # valueChanged wrote the old settings back over the new state
            # (a 2-token model with top-k 1 came out with top-k off).
            with QSignalBlocker(controls.top_k):
                set_range(controls.top_k, TOP_K.low, high)
        self.decoding["p"].show_settings(state.p_settings)
        self.decoding["q"].show_settings(state.q_settings)
        with QSignalBlocker(self.linked):
            self.linked.setChecked(state.linked)
        self.linked.setEnabled(state.q is not None)
        if (state.q is not None) != self._with_q:
            self._with_q = state.q is not None
            self.p_group.setTitle(self._p_group_title())
        self.decoding["q"].setEnabled(state.q is not None and not state.linked)
        index = self.units.findData(state.units)
        if index != self.units.currentIndex():
            with QSignalBlocker(self.units):
                self.units.setCurrentIndex(index)
        self.models.show_state(state)
        self._show_notices(state.notices)
        if state.q is None and self.top_choice.currentIndex() == 1:
            self.top_choice.setCurrentIndex(0)
        self.top_choice.setEnabled(state.q is not None)

    #: Whether the state has a Q (the P group's title speaks of it only then).
    _with_q = True

    def _p_group_title(self) -> str:
        if self._with_q:
            return self.tr("Decoding P (and Q while linked)")
        return self.tr("Decoding P")

    def _show_notices(self, notices: tuple[Notice, ...]) -> None:
        text = "\n".join(notice_text(notice) for notice in notices)
        set_text(self.notice, text)
        self.notice.setVisible(bool(text))

    # results → views --------------------------------------------------------------

    def show_results(self, results: NextTokenLabResults) -> None:
        """Draw what the store derived."""
        statistics = results.statistics
        units = self.tr("bits") if statistics.units == "bits" else self.tr("nats")
        self._show_models(results, units)
        self._show_pair(results, units)
        refit = self.table.font().toString() != self._fitted_font
        for role in ("p", "q"):
            model = statistics.p if role == "p" else statistics.q
            self._top_rows[role] = () if model is None else model.top_tokens
        # Only the table on show is written on every frame (half a
        # millisecond a model); the other one when it is chosen.
        role = self._table_role()
        refit = self.top_models[role].show_rows(self._top_rows[role]) or refit
        if refit:
            self._fit_table()
        self.plot.show_results(results)

    def _show_models(self, results: NextTokenLabResults, units: str) -> None:
        statistics = results.statistics
        reasons = []
        for role in ("p", "q"):
            model = statistics.p if role == "p" else statistics.q
            cells = {
                key: self.readouts.cells[(role, key)] for key in ModelReadouts.ROWS
            }
            if model is None:
                for cell in cells.values():
                    cell.setText("—")
                continue
            cells["entropy"].setText(
                self.tr("{before} → {after} {units}").format(
                    before=format_number(model.entropy),
                    after=format_number(model.truncated_entropy),
                    units=units,
                )
            )
            cells["perplexity"].setText(
                self.tr("{before} → {after}").format(
                    before=format_number(model.perplexity),
                    after=format_number(model.truncated_perplexity),
                )
            )
            cells["kept"].setText(
                self.tr("{kept} of {possible}").format(
                    kept=f"{model.kept:,}", possible=f"{model.possible:,}"
                )
            )
            cells["cut"].setText(self._cut_text(model))
            cells["kl_to"].setText(value_text(model.kl_to_truncated, units))
            cells["kl_from"].setText(value_text(model.kl_from_truncated, units))
            cells["js"].setText(value_text(model.js_truncated, units))
            if math.isinf(model.kl_to_truncated):
                reasons.append(
                    self.tr(
                        "D({model}‖{model}̃) = ∞: the truncation gives probability "
                        "0 to {count} tokens that {model} can emit ({mass} of its "
                        "probability).",
                        "",
                        model.possible - model.kept,
                    ).format(
                        count=f"{model.possible - model.kept:,}",
                        model=ROLE_NAMES[role],
                        mass=self._cut_text(model),
                    )
                )
        # One short line for both models (the counts and masses are in the
        # rows above); each model's sentence in the tooltip.
        short = (
            self.tr("D(model ‖ truncated) = ∞: the model can emit the tokens cut.")
            if reasons
            else ""
        )
        set_text(self.readouts.reasons, short)
        self.readouts.reasons.setToolTip("\n".join(reasons))
        self.readouts.reasons.setVisible(bool(reasons))

    def _cut_text(self, model: ModelStatistics) -> str:
        """The mass cut off: never "0" while tokens are cut.

        A tail more than about 700 nats below the top token weighs less than
        the smallest float: its mass is positive, but not a number we have.
        """
        if model.cut_mass == 0.0 and model.kept < model.possible:
            return self.tr("> 0, below {smallest}").format(
                smallest=format_probability(SMALLEST_FLOAT)
            )
        return format_probability(model.cut_mass)

    def _show_pair(self, results: NextTokenLabResults, units: str) -> None:
        pair = results.statistics.pair
        if pair is None:
            # One line says why for all three: the reasons stand in a column
            # under the readouts, and it said the same thing twice there.
            why = self.tr("one model: import or show a Q")
            for key, readout in self.pair.items():
                readout.show_value("—", why if key == "kl_pq" else "")
            return
        state = results.state
        q = state.q
        assert q is not None
        self.pair["kl_pq"].show_value(
            value_text(pair.kl_pq, units),
            *self._one_sided(
                "P", "Q", pair.p_only, pair.p_only_cut, pair.p_only_example, state.p
            ),
        )
        self.pair["kl_qp"].show_value(
            value_text(pair.kl_qp, units),
            *self._one_sided(
                "Q", "P", pair.q_only, pair.q_only_cut, pair.q_only_example, q
            ),
        )
        self.pair["js"].show_value(value_text(pair.js, units), "")

    def _one_sided(
        self,
        keeper: str,
        other: str,
        count: int,
        cut: int,
        example: int | None,
        model: LabModel,
    ) -> tuple[str, str]:
        """Why D(keeper̃‖other̃) is infinite: a line and its detail ("" if not)."""
        if example is None or count == 0:
            return "", ""
        causes = []
        if cut:
            causes.append(
                self.tr("{count} cut by {other}'s truncation", "", cut).format(
                    count=f"{cut:,}", other=other
                )
            )
        impossible = count - cut
        if impossible:
            text = self.tr("{count} impossible for {other} (−∞ logits)", "", impossible)
            causes.append(text.format(count=f"{impossible:,}", other=other))
        token = html_escape(
            shortened(token_text(model.distribution.token_text(example), example))
        )
        line = self.tr(
            "∞: {other}̃ gives probability 0 to {count} tokens that {keeper}̃ keeps, "
            "such as {token}",
            "",
            count,
        ).format(count=f"{count:,}", keeper=keeper, other=other, token=token)
        detail = self.tr(
            "D({keeper}̃‖{other}̃) = ∞: {other}̃ gives probability 0 to {count} "
            "tokens that {keeper}̃ keeps ({causes}), such as {token}",
            "",
            count,
        ).format(
            count=f"{count:,}",
            keeper=keeper,
            other=other,
            causes=self.tr(", ").join(causes),
            token=token,
        )
        return line, detail

    # state, for tests -------------------------------------------------------------

    @property
    def results(self) -> NextTokenLabResults | None:
        """The results on show."""
        return self.store.results


def value_text(value: float, units: str) -> str:
    """A divergence: ∞ alone, or the number with its unit (never NaN)."""
    if math.isinf(value):
        return format_number(value)
    return f"{format_number(value)} {units}"


def notice_text(notice: Notice) -> str:
    """What a notice says, in the language in use."""
    if notice.code == "q_removed":
        return _tr(
            "Q was removed: {detail}. Import a Q over the same vocabulary."
        ).format(detail=notice.detail)
    if notice.code == "q_replaced":
        return _tr("Q was replaced by the example too: it must share P's vocabulary.")
    reasons = {
        "file_unreadable": _tr("{model}'s file {name} could not be read ({detail})."),
        "file_changed": _tr(
            "{model}'s file {name} has changed since the session was saved."
        ),
        "file_invalid": _tr(
            "{model}'s file {name} is no longer a distribution ({detail})."
        ),
        "paste_not_kept": _tr(
            "{model} was pasted, and was too long to keep in the session."
        ),
    }
    reason = reasons[notice.code].format(
        model=ROLE_NAMES[notice.role], name=notice.name, detail=notice.detail
    )
    if notice.role == "p":
        consequence = _tr(
            "The bundled example is shown instead; import P again to compare."
        )
    else:
        consequence = _tr("Only P is shown; import Q again to compare.")
    return f"{reason} {consequence}"
