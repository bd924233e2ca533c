"""Slides and pictures: vector SVG and PDF, PNG at 1×–3×, metadata, no controls."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractSlider, QMenuBar, QPushButton, QScrollArea

from core.export import readouts_text
from viz.files import ExportError, PictureInfo, save_picture
from viz.slides import SLIDE_PLOTS, OffscreenPage, export_slide, plain_text

SVG = "{http://www.w3.org/2000/svg}"
SMALL = (480, 320)


def settle(qtbot, store):
    qtbot.waitUntil(lambda: not store.pending and store.results is not None)


def svg_texts(path):
    root = ElementTree.parse(path).getroot()
    return root, [
        "".join(element.itertext()).strip() for element in root.iter(f"{SVG}text")
    ]


def visible_controls(widget):
    kinds = (QAbstractSlider, QMenuBar, QPushButton, QScrollArea)
    return [
        child
        for kind in kinds
        for child in widget.findChildren(kind)
        if child.isVisibleTo(widget)
    ]


def test_a_plot_slide_is_a_true_vector_svg_with_its_numbers(
    window, store, qtbot, tmp_path
):
    settle(qtbot, store)
    path = tmp_path / "distributions.svg"
    assert export_slide(window, "distributions", path, SMALL) == SMALL
    text = path.read_text(encoding="utf-8")
    # Before: axes, tick labels and the view's background were 1× PNG images.
    assert "<image" not in text
    root, texts = svg_texts(path)
    assert root.tag == f"{SVG}svg"
    # The y axis of probabilities is ticked 0 to 1: its labels are text.
    assert {"0", "0.2", "0.4", "0.6", "0.8", "1.0"} <= set(texts)
    assert "outcome" in texts and "probability" in texts
    assert any("drag" in t for t in texts) is False  # no hint on a slide
    title = root.find(f"{SVG}title").text
    description = root.find(f"{SVG}desc").text
    assert title == "Entropy Lab: Explorer, P and Q"
    assert description.strip() == readouts_text(store.results).strip()
    # The bars are vector shapes, not pixels.
    assert len(re.findall(r"<(path|rect|polyline|polygon)\b", text)) > 8


@pytest.mark.parametrize("scale", [1, 2, 3])
def test_png_slides_have_scale_times_the_pixels_and_say_what_they_show(
    window, store, qtbot, tmp_path, scale
):
    settle(qtbot, store)
    path = tmp_path / f"softmax@{scale}x.png"
    export_slide(window, "softmax", path, SMALL, scale)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (SMALL[0] * scale, SMALL[1] * scale)
    assert image.text("Title") == "Entropy Lab: Explorer, Softmax vs target"
    assert "D(P‖Q) = " in image.text("Description")
    assert image.text("Software") == "Entropy Lab"


def test_a_2x_png_is_sharper_not_just_larger(window, store, qtbot, tmp_path):
    """Text drawn at 2× has more distinct edge pixels than a 1× picture enlarged."""
    settle(qtbot, store)
    one, two = tmp_path / "one.png", tmp_path / "two.png"
    export_slide(window, "gradient", one, SMALL, 1)
    export_slide(window, "gradient", two, SMALL, 2)
    enlarged = QImage(str(one)).scaled(SMALL[0] * 2, SMALL[1] * 2)
    sharp = QImage(str(two))
    assert sharp.size() == enlarged.size()
    assert sharp != enlarged


def test_a_pdf_slide_is_vector_with_title_and_numbers(window, store, qtbot, tmp_path):
    settle(qtbot, store)
    path = tmp_path / "readouts.pdf"
    export_slide(window, "readouts", path, SMALL)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    title = "Entropy Lab: Explorer, readouts"
    assert ("\ufeff" + title).encode("utf-16-be") in data
    assert "Entropy Lab".encode("utf-16-be") in data  # the creator
    assert b"/Subtype /Image" not in data
    # The readouts ride along in the XMP packet (PDF readers show it).
    assert b"H(P) = " in data and b"dc:description" in data


def test_a_plot_slide_has_only_its_plot(window, store, qtbot):
    settle(qtbot, store)
    with OffscreenPage(window, "explorer", "loss_curve", SMALL) as slide:
        frame = slide.widget
        assert (frame.width(), frame.height()) == SMALL
        assert visible_controls(frame) == []
        shown = [n for n, p in slide.explorer.plots.items() if p.isVisibleTo(frame)]
        assert shown == ["loss_curve"]
        assert not slide.explorer.readouts.isVisibleTo(frame)
        plot = slide.explorer.plots["loss_curve"]
        # The plot fills the slide: nothing else takes room.
        assert plot.width() >= SMALL[0] - 20 and plot.height() >= SMALL[1] - 20
        image = slide.image()
        assert (image.width(), image.height()) == SMALL


def test_every_plot_slide_draws_what_the_window_draws(window, store, qtbot):
    settle(qtbot, store)
    store.update(temperature=2.5, label=2)
    settle(qtbot, store)
    live = window.explorer
    with OffscreenPage(window, "explorer", "page", (900, 600)) as slide:
        for name in SLIDE_PLOTS:
            mine = slide.explorer.plots[name].plot_items()
            theirs = live.plots[name].plot_items()
            for a, b in zip(mine, theirs, strict=True):
                ours = [i for i in a.listDataItems() if i.isVisible()]
                others = [i for i in b.listDataItems() if i.isVisible()]
                assert len(ours) == len(others), name
                for x, y in zip(ours, others, strict=True):
                    if hasattr(x, "getData"):
                        for u, v in zip(x.getData(), y.getData(), strict=True):
                            assert (u is None and v is None) or list(u) == list(v)
        assert slide.numbers() == readouts_text(store.results)
        assert visible_controls(slide.widget) == []


def test_the_page_slide_of_an_animated_page_has_no_controls(window, qtbot, tmp_path):
    window.show_panel("binary")
    with OffscreenPage(window, "binary", "page", SMALL) as slide:
        assert visible_controls(slide.widget) == []
        assert slide.page.plots.isVisibleTo(slide.widget)
        assert "σ(z₀)" in slide.numbers()  # the page's readouts, as text
    path = tmp_path / "binary.png"
    export_slide(window, "page", path, SMALL, 2)
    assert QImage(str(path)).width() == SMALL[0] * 2


def test_slides_leave_the_window_and_its_undo_alone(window, store, qtbot, tmp_path):
    settle(qtbot, store)
    before = store.scenario
    could_undo = store.can_undo
    export_slide(window, "page", tmp_path / "page.svg", SMALL)
    assert store.scenario == before and store.can_undo == could_undo


def test_slide_and_picture_mistakes_are_one_line(window, tmp_path):
    with pytest.raises(ExportError, match="slide must be one of"):
        export_slide(window, "legend", tmp_path / "x.png")
    with pytest.raises(ExportError, match="scale must be 1, 2 or 3"):
        export_slide(window, "softmax", tmp_path / "x.png", SMALL, 4)
    with pytest.raises(ExportError, match=r"\.png, \.svg or \.pdf"):
        export_slide(window, "softmax", tmp_path / "x.gif", SMALL)
    with pytest.raises(ExportError, match="explorer's"):
        OffscreenPage(window, "binary", "softmax", SMALL)
    assert list(tmp_path.iterdir()) == []


def test_the_window_exports_as_pdf_and_at_2x(window, qtbot, tmp_path):
    path = tmp_path / "window.pdf"
    assert window.export_picture(window, path)
    assert path.read_bytes().startswith(b"%PDF")
    png = tmp_path / "window.png"
    save_picture(window, png, 2, PictureInfo("t", "numbers"))
    image = QImage(str(png))
    assert (
        image.width() == window.width() * 2 and image.text("Description") == "numbers"
    )


def test_the_vector_export_restores_the_caches(window, qtbot, tmp_path):
    axis = window.explorer.softmax.getPlotItem().getAxis("left")
    mode = axis.cacheMode()
    save_picture(window.explorer.softmax, tmp_path / "s.svg")
    assert axis.cacheMode() == mode


def test_plain_text_of_rich_labels():
    assert plain_text("<b>loss</b> 0.5&nbsp;nats<br>step 3") == "loss 0.5 nats\nstep 3"
