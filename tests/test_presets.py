"""Lecture presets: the shipped file loads, evaluates, and its stated numbers hold."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import mpmath as mp
import numpy as np
import pytest

from core.batch import batch_of, example_batch
from core.code_lab import advance_code_lab, derive_code_lab, start_code_lab
from core.families import Family, family_weights
from core.fitting import (
    default_kl_start,
    kl_readouts,
    peak_masses,
    random_kl_start,
    run_kl_fit_to_convergence,
    start_kl_fit,
    two_peak_target,
)
from core.formulas import formulas
from core.kl_fits import peaks, start_fits
from core.losses import (
    bce_with_logits_grad,
    cross_entropy_loss,
    mse_sigmoid_grad,
    sigmoid,
)
from core.metrics import metrics
from core.next_token import DecodingSettings
from core.next_token_lab import derive_lab, start_lab, with_settings
from core.presets import (
    BUNDLED_PRESETS,
    Preset,
    PresetError,
    load_presets,
    parse_presets,
)
from core.race import start_race
from core.resources import ASSETS_PACKAGE, AssetError, asset_path
from core.sampling_lab import (
    advance_sampling_lab,
    derive_sampling_lab,
    start_sampling_lab,
)
from core.scenario import Results, evaluate
from core.session import Session, parse_session, session_to_json
from core.state_schemas import SETTING_KINDS, STATE_KINDS
from core.training import logit_loss_and_gradient, steps_to_reach
from core.trainings import start_trainings, training_start

PRESETS = load_presets()
BY_ID = {preset.id: preset for preset in PRESETS}

EXPECTED_IDS = [
    "fair-vs-biased-coin",
    "uniform-vs-certain",
    "kl-asymmetry",
    "sum-vs-expected-information",
    "q-misses-an-outcome",
    "one-hot-label",
    "softmax",
    "temperature",
    "label-smoothing",
    "kl-asymmetry-broad-narrow",
    "sigmoid-squared-error-vs-cross-entropy",
    "mode-covering-vs-mode-seeking",
    "pytorch-batch",
    "training-the-logits",
    "next-token-nucleus",
    "sampling-average-information",
    "code-lengths-extra-bits",
    "huffman-of-q-misses-cross-entropy",
]


def results(preset_id: str) -> Results:
    return evaluate(BY_ID[preset_id].scenario)


def test_the_presets_in_order_with_keys_one_to_nine() -> None:
    assert [p.id for p in PRESETS] == EXPECTED_IDS
    assert [p.key for p in PRESETS[:9]] == list(range(1, 10))
    assert all(p.key is None for p in PRESETS[9:])


def test_pages() -> None:
    pages = {p.id: p.page for p in PRESETS}
    assert pages["sigmoid-squared-error-vs-cross-entropy"] == "race"
    assert pages["mode-covering-vs-mode-seeking"] == "fits"
    assert pages["pytorch-batch"] == "batch"
    assert pages["training-the-logits"] == "trainings"
    assert pages["sampling-average-information"] == "sampling"
    assert pages["code-lengths-extra-bits"] == "codes"
    assert pages["huffman-of-q-misses-cross-entropy"] == "codes"
    assert all(pages[i] == "scenario" for i in EXPECTED_IDS[:9])
    assert {p.page for p in PRESETS} == set(SETTING_KINDS)


def page_state(preset: Preset) -> object:
    """The state the preset's page would show for its scenario and settings.

    Built here from the settings with each page's own constructors, not by
    :func:`core.state_schemas.settings_to_state`.
    """
    given = dict(preset.settings)
    if preset.page == "scenario":
        return None
    if preset.page == "race":
        return start_race(given["z0"], int(given["y"]), given["learning_rate"])
    if preset.page == "trainings":
        # The page trains the explorer's logits: it starts where they are.
        start = training_start(evaluate(preset.scenario))
        return start_trainings(start, given["learning_rate"])
    if preset.page == "fits":
        shape = {k: v for k, v in given.items() if k not in ("direction", "seed")}
        return start_fits(peaks(**shape), given.get("seed"), given["direction"])
    if preset.page == "next_token":
        decoding = DecodingSettings(top_p=given["top_p"])
        return with_settings(start_lab(given["size"]), "p", decoding)
    if preset.page in ("sampling", "codes"):
        # The labs draw from the explorer's P and Q, as they are shown there.
        shown = evaluate(preset.scenario)
        if preset.page == "sampling":
            return start_sampling_lab(
                shown.p, shown.q, given.get("seed", 0), shown.units, given["rate"]
            )
        return start_code_lab(shown.p, shown.q, tree=given["tree"])
    assert preset.page == "batch"
    return batch_of(given["logits"], given["labels"])


@pytest.mark.parametrize("preset", PRESETS, ids=[p.id for p in PRESETS])
def test_every_preset_names_its_page_and_the_state_it_shows(preset: Preset) -> None:
    assert preset.page in SETTING_KINDS
    expected = page_state(preset)
    if expected is None:
        assert preset.state is None and preset.settings == {}
        return
    assert preset.page in STATE_KINDS
    assert type(preset.state) is type(expected)
    assert preset.state == expected
    animated = ("race", "trainings", "fits", "sampling", "codes")
    assert preset.state.step == 0 if preset.page in animated else True


@pytest.mark.parametrize("preset", PRESETS, ids=[p.id for p in PRESETS])
def test_every_preset_evaluates_formats_and_saves(preset: Preset) -> None:
    result = evaluate(preset.scenario)
    for formula in formulas(preset.scenario, result).values():
        assert "nan" not in formula.plain_text.lower()
    json.dumps(metrics(preset.scenario), allow_nan=False)
    pages = {} if preset.state is None else {preset.page: preset.state}
    saved = Session(preset.scenario, pages, {"page": preset.page})
    loaded = parse_session(session_to_json(saved))
    assert loaded.scenario == preset.scenario
    assert loaded.pages == pages
    assert loaded.view == {"page": preset.page}


@pytest.mark.parametrize("preset", PRESETS, ids=[p.id for p in PRESETS])
def test_every_explanation_says_what_to_try_next(preset: Preset) -> None:
    assert "<b>Try next:</b>" in preset.explanation
    assert preset.title and len(preset.title) <= 80
    assert "&" not in preset.explanation  # plain Unicode, no entities to decode


def test_presets_are_immutable() -> None:
    preset = PRESETS[0]
    with pytest.raises(AttributeError):
        preset.title = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        preset.settings["z0"] = 1  # type: ignore[index]
    assert hash(preset) == hash(preset.id)


# --- the stated numbers -----------------------------------------------------


def test_fair_vs_biased_coin() -> None:
    r = results("fair-vs-biased-coin")
    assert r.entropy_p == 1.0
    assert r.information_q.round(3).tolist() == [0.152, 3.322]
    assert round(r.entropy_q, 3) == 0.469
    assert 2 * r.information_p[0] == 2.0  # two fair heads carry 2 bits


def test_uniform_vs_certain() -> None:
    r = results("uniform-vs-certain")
    assert r.entropy_p == pytest.approx(2.0)
    assert r.entropy_q == 0.0
    assert math.isinf(r.kl_pq)
    assert r.kl_qp == pytest.approx(2.0)
    eight = evaluate(
        BY_ID["uniform-vs-certain"].scenario.replace(
            p_weights=[1.0] * 8, q_weights=[1.0] * 8, logits=[0.0] * 8
        )
    )
    assert eight.entropy_p == pytest.approx(3.0)


def test_kl_asymmetry_numbers_from_the_texts() -> None:
    r = results("kl-asymmetry")
    assert round(r.kl_pq, 4) == 0.1187
    assert round(r.kl_qp, 4) == 0.1258
    assert round(r.entropy_p, 4) == 0.8813
    assert r.cross_entropy_pq == pytest.approx(1.0)
    assert r.cross_entropy_pq == pytest.approx(r.entropy_p + r.kl_pq)
    swapped = evaluate(
        BY_ID["kl-asymmetry"].scenario.replace(
            p_weights=[0.5, 0.5], q_weights=[0.7, 0.3]
        )
    )
    assert (swapped.kl_pq, swapped.kl_qp) == pytest.approx((r.kl_qp, r.kl_pq))


def test_a_large_asymmetry_is_four_times_over() -> None:
    # The texts' example (0.1187 against 0.1258 bits) looks symmetric on
    # screen; a broad P against a narrow Q makes the claim obvious.
    r = results("kl-asymmetry-broad-narrow")
    assert round(r.kl_pq, 3) == 3.984 and round(r.kl_qp, 3) == 0.989
    assert r.kl_pq > 3 * r.kl_qp
    assert round(r.kl_terms_pq[1], 2) == 4.48
    assert round(r.information_q[1], 2) == 9.97
    explanation = BY_ID["kl-asymmetry-broad-narrow"].explanation
    for quoted in ("3.984 bits", "0.989 bits", "9.97 bits", "4.48 bits"):
        assert quoted in explanation


def test_sum_of_information_vs_entropy() -> None:
    r = results("sum-vs-expected-information")
    assert r.information_p.sum() == pytest.approx(2.0)
    assert round(r.information_q[0], 4) == 0.0145
    assert round(r.information_q[1], 2) == 6.64
    assert round(r.information_q.sum(), 2) == 6.66
    assert r.entropy_p == 1.0
    assert round(r.entropy_q, 3) == 0.081
    # The sum puts them in the wrong order; entropy in the right one.
    assert r.information_q.sum() > r.information_p.sum()
    assert r.entropy_q < r.entropy_p


def test_q_misses_an_outcome() -> None:
    r = results("q-misses-an-outcome")
    assert math.isinf(r.kl_pq) and math.isinf(r.cross_entropy_pq)
    assert r.kl_pq_infinite_at == (2,)
    assert round(r.kl_qp, 3) == 0.324
    assert round(r.js, 3) == 0.108
    assert r.js <= 1.0
    nudged = evaluate(
        BY_ID["q-misses-an-outcome"].scenario.replace(q_weights=[0.6, 0.4, 1e-6])
    )
    slightly_more = evaluate(
        BY_ID["q-misses-an-outcome"].scenario.replace(q_weights=[0.6, 0.4, 1e-3])
    )
    assert math.isfinite(nudged.kl_pq)
    assert nudged.kl_pq > slightly_more.kl_pq > r.kl_qp


def test_one_hot_label_depends_only_on_the_true_class() -> None:
    r = results("one-hot-label")
    assert r.cross_entropy_pq == pytest.approx(1.0)
    assert r.loss == pytest.approx(1.0)
    moved = evaluate(
        BY_ID["one-hot-label"].scenario.replace(q_weights=[0.45, 0.05, 0.5])
    )
    assert moved.cross_entropy_pq == pytest.approx(1.0)
    assert moved.loss == pytest.approx(1.0)
    raised = evaluate(
        BY_ID["one-hot-label"].scenario.replace(q_weights=[0.05, 0.05, 0.9])
    )
    assert raised.loss < r.loss


def test_softmax_of_the_texts_example() -> None:
    r = results("softmax")
    assert r.q.round(3).tolist() == [0.659, 0.242, 0.099]
    assert round(r.loss, 3) == 0.417
    shifted = evaluate(BY_ID["softmax"].scenario.replace(logits=[7.0, 6.0, 5.1]))
    assert shifted.q == pytest.approx(r.q)


def test_temperature() -> None:
    r = results("temperature")
    assert r.q.round(3).tolist() == [0.864, 0.117, 0.019]
    assert round(r.loss, 3) == 0.146
    scenario = BY_ID["temperature"].scenario
    assert evaluate(scenario.replace(temperature=5.0)).q.round(3).tolist() == [
        0.400,
        0.327,
        0.273,
    ]
    assert evaluate(scenario.replace(temperature=1.0)).q.round(3).tolist() == [
        0.659,
        0.242,
        0.099,
    ]
    assert evaluate(scenario.replace(temperature=0.05)).q[0] > 0.9999


def test_label_smoothing() -> None:
    r = results("label-smoothing")
    assert r.target.round(3).tolist() == [0.933, 0.033, 0.033]
    assert round(r.loss, 3) == 0.514
    scenario = BY_ID["label-smoothing"].scenario
    assert round(evaluate(scenario.replace(label_smoothing=0.0)).loss, 3) == 0.417
    best = evaluate(scenario.replace(logits=[math.log(28), 0.0, 0.0]))
    entropy_of_target = -float(np.sum(r.target * np.log(r.target)))
    assert round(entropy_of_target, 3) == 0.291
    assert best.loss == pytest.approx(entropy_of_target)
    assert round(math.log(28), 2) == 3.33
    confident = evaluate(scenario.replace(logits=[10.0, 1.0, 0.1]))
    assert round(confident.loss, 2) == 0.63
    assert confident.loss > r.loss
    unsmoothed = evaluate(scenario.replace(logits=[10.0, 1.0, 0.1], label_smoothing=0))
    assert unsmoothed.loss < 0.001


def test_sigmoid_squared_error_vs_cross_entropy() -> None:
    preset = BY_ID["sigmoid-squared-error-vs-cross-entropy"]
    z, y = preset.settings["z0"], preset.settings["y"]
    assert (z, y) == (-8.0, 1.0)
    assert (preset.state.z0, preset.state.label) == (z, 1)
    assert round(sigmoid(z), 6) == 0.000335
    mse, bce = mse_sigmoid_grad(z, y), bce_with_logits_grad(z, y)
    assert round(mse, 5) == -0.00067
    assert round(bce, 4) == -0.9997
    assert 1400 < bce / mse < 1600  # "about 1,500 times larger"
    assert (mse_sigmoid_grad(0.0, y), bce_with_logits_grad(0.0, y)) == (-0.25, -0.5)
    assert abs(mse_sigmoid_grad(8.0, y)) < 1e-6
    assert abs(bce_with_logits_grad(8.0, y)) < 1e-3
    r = evaluate(preset.scenario)
    assert r.q[1] == pytest.approx(sigmoid(z))
    assert round(r.loss, 3) == 8.000
    # The race the page runs from the preset's state.
    lr = preset.settings["learning_rate"]
    assert lr == 1.0 == preset.state.learning_rate
    assert steps_to_reach("cross_entropy", z, y, lr) == 19
    assert steps_to_reach("squared_error", z, y, lr) == 1511
    assert "19 steps" in preset.explanation and "1,511" in preset.explanation


def test_mode_covering_vs_mode_seeking() -> None:
    preset = BY_ID["mode-covering-vs-mode-seeking"]
    scenario = preset.scenario
    assert preset.settings == {"direction": "both"}
    assert preset.state == start_fits(shown="both")
    cover = evaluate(scenario)
    assert round(cover.kl_pq, 3) == 1.236
    assert round(cover.kl_qp, 3) == 3.898
    seek_family = Family(
        "two_peaks", 100, {"position_1": 0.25, "width_1": 0.05, "mix": 1}
    )
    seek = evaluate(scenario.replace(q_family=seek_family))
    assert round(seek.kl_qp, 3) == 1.000
    assert round(seek.kl_pq, 2) == 35.07
    assert cover.kl_pq < seek.kl_pq and seek.kl_qp < cover.kl_qp

    # The stated fits are the best single bumps on a grid of centres and widths.
    assert scenario.p_family is not None
    p = family_weights(scenario.p_family)
    p = p / p.sum()
    best_forward, best_reverse = (math.inf, ()), (math.inf, ())
    for centre in np.linspace(0, 1, 21):
        for width in (0.05, 0.1, 0.2, 0.3, 0.34, 0.36, 0.38, 0.4, 0.5):
            q = family_weights(
                Family(
                    "two_peaks",
                    100,
                    {"position_1": centre, "width_1": width, "mix": 1.0},
                )
            )
            q = q / q.sum()
            forward = float(np.sum(p * np.log2(p / q)))
            reverse = float(np.sum(q * np.log2(q / p)))
            best_forward = min(best_forward, (forward, (round(centre, 2), width)))
            best_reverse = min(best_reverse, (reverse, (round(centre, 2), width)))
    assert best_forward[1] == (0.5, 0.36)
    assert best_reverse[1] in {(0.25, 0.05), (0.75, 0.05)}


def test_the_fits_the_fitting_page_shows() -> None:
    target = two_peak_target()
    assert int(np.argmax(target[:30])) == 15 and int(30 + np.argmax(target[30:])) == 45
    mu, log_sigma = default_kl_start()
    assert (round(mu, 1), round(math.exp(log_sigma), 3)) == (23.6, 5.0)
    fits = {
        direction: run_kl_fit_to_convergence(start_kl_fit(target, direction))
        for direction in ("forward", "reverse")
    }
    forward, reverse = fits["forward"], fits["reverse"]
    assert forward.converged and reverse.converged
    assert 150 < forward.step < 450 and 150 < reverse.step < 450  # "a few hundred"
    assert (round(forward.mu, 1), round(forward.sigma, 1)) == (30.7, 23.7)
    assert [round(m, 2) for m in peak_masses(forward.model, 15, 45)] == [0.49, 0.49]
    covering = kl_readouts(forward)
    assert (round(covering.forward, 3), round(covering.reverse, 3)) == (0.571, 1.179)
    assert (round(reverse.mu, 1), round(reverse.sigma, 1)) == (15.0, 4.0)
    seeking = kl_readouts(reverse)
    assert (round(seeking.reverse, 3), round(seeking.forward, 2)) == (0.693, 13.31)
    assert seeking.reverse == pytest.approx(math.log(2), abs=1e-3)
    # Seed 0's random start sends the reverse fit to the other (right) peak.
    seeded = run_kl_fit_to_convergence(
        start_kl_fit(target, "reverse", *random_kl_start(60, 0))
    )
    assert peak_masses(seeded.model, 15, 45)[1] > 0.9


def test_the_pytorch_batch() -> None:
    preset = BY_ID["pytorch-batch"]
    logits = np.array(preset.settings["logits"])
    labels = list(preset.settings["labels"])
    np.testing.assert_array_equal(preset.state.logits, logits)
    assert preset.state.labels.tolist() == labels
    assert logits.shape == (4, 5)
    assert labels == [4, 3, 3, 2]
    # torch.manual_seed(100); torch.rand(4, 5), as printed to 4 decimals.
    assert logits.round(4)[0].tolist() == [0.1117, 0.8158, 0.2626, 0.4839, 0.6765]
    assert cross_entropy_loss(logits, labels) == pytest.approx(1.5229846, abs=5e-7)
    per_sample = cross_entropy_loss(logits, labels, reduction="none")
    assert per_sample.round(4).tolist() == [1.4360, 1.7127, 1.4064, 1.5368]
    r = evaluate(preset.scenario)
    assert preset.scenario.logits.tolist() == logits[0].tolist()
    assert r.loss == pytest.approx(per_sample[0])
    assert r.units == "nats"


def test_training_the_logits() -> None:
    r = results("training-the-logits")
    assert round(r.q[2], 3) == 0.099
    assert round(r.loss, 3) == 2.317
    assert r.grad.round(3).tolist() == [0.659, 0.242, -0.901]
    preset = BY_ID["training-the-logits"]
    assert preset.settings == {"learning_rate": 0.5}
    assert preset.state.learning_rate == 0.5
    # Both trainings start from the explorer's logits and label.
    assert preset.state.start.logits == (2.0, 1.0, 0.1)
    assert preset.state.start.label == 2
    scenario = preset.scenario
    _, squared = logit_loss_and_gradient(
        scenario.logits, r.target, "squared_error", scenario.temperature
    )
    assert squared.round(3).tolist() == [0.336, -0.078, -0.257]
    assert squared[1] < 0 < r.grad[1]  # squared error pushes wrong class 1 up


# --- loading errors ---------------------------------------------------------


def document(**changes: Any) -> dict[str, Any]:
    preset = {
        "id": "example",
        "title": "Example",
        "key": 1,
        "page": "scenario",
        "scenario": {"p_weights": [1, 1], "q_weights": [1, 2], "logits": [0, 0]},
        "explanation": "Look. <b>Try next:</b> move.",
    }
    preset.update(changes)
    return {"format": "entropy-lab-presets", "version": 2, "presets": [preset]}


def test_omitted_scenario_keys_take_the_defaults() -> None:
    (preset,) = parse_presets(json.dumps(document()))
    scenario = preset.scenario
    assert (scenario.temperature, scenario.label, scenario.units) == (1.0, 0, "bits")
    assert not scenario.linked and scenario.p_family is None
    assert preset.settings == {}
    assert (preset.page, preset.state) == ("scenario", None)


@pytest.mark.parametrize("page", SETTING_KINDS)
def test_settings_left_out_take_the_pages_defaults(page: str) -> None:
    (preset,) = parse_presets(json.dumps(document(page=page)))
    assert preset.page == page and preset.settings == {}
    defaults = {
        "scenario": None,
        "race": start_race(),
        "trainings": start_trainings(training_start(evaluate(preset.scenario))),
        "fits": start_fits(),
        "batch": example_batch(),
        "next_token": start_lab(),
        "sampling": start_sampling_lab([0.5, 0.5], [1 / 3, 2 / 3]),
        "codes": start_code_lab([0.5, 0.5], [1 / 3, 2 / 3]),
    }
    assert preset.state == defaults[page]
    assert not hasattr(preset, "panel")


BAD_PRESETS = [
    ({"id": "Bad Id"}, "preset 0: id must be lower-case words joined by hyphens"),
    ({"key": 10}, "preset 0 (example): key must be 1 to 9 or null, got 10"),
    ({"key": "1"}, "preset 0 (example): key must be an integer"),
    ({"page": "graphs"}, 'preset 0 (example): page must be one of "scenario", "race"'),
    ({"page": "binary"}, 'preset 0 (example): page must be one of "scenario"'),
    (
        {"panel": "explorer"},
        'preset 0 (example): the preset has an unknown key "panel"',
    ),
    ({"title": ""}, "preset 0 (example): title must be non-empty text"),
    ({"title": "x" * 81}, "title is longer than 80 characters"),
    ({"explanation": None}, "preset 0 (example): explanation must be non-empty text"),
    ({"colour": "red"}, 'preset 0 (example): the preset has an unknown key "colour"'),
    ({"settings": {"z0": 1}}, 'preset 0 (example): settings has an unknown key "z0"'),
    (
        {"page": "race", "settings": {"z0": 99}},
        "preset 0 (example): settings.z0 must lie in [-10, 10], got 99",
    ),
    # The race's slider stops at 10: a z₀ of 30 is refused, not drawn off the plot.
    (
        {"page": "race", "settings": {"z0": 30}},
        "preset 0 (example): settings.z0 must lie in [-10, 10], got 30",
    ),
    (
        {"page": "trainings", "settings": {"step": 5}},
        'preset 0 (example): settings has an unknown key "step"',
    ),
    (
        {"page": "fits", "settings": {"direction": "up"}},
        'preset 0 (example): settings.direction must be one of "both"',
    ),
    (
        {"page": "batch", "settings": {"labels": [0]}},
        "preset 0 (example): settings must give batch logits and labels together",
    ),
    ({"settings": []}, "preset 0 (example): settings must be an object, got a list"),
    (
        {"scenario": {"p_weights": [1, 1], "q_weights": [1, 1]}},
        'preset 0 (example): scenario is missing the key "logits"',
    ),
    (
        {
            "scenario": {
                "p_weights": [1, 1],
                "q_weights": [1, 1],
                "logits": [0, 0],
                "temperature": 99,
            }
        },
        "preset 0 (example): scenario.temperature must lie in [0.05, 20], got 99",
    ),
]


@pytest.mark.parametrize(("changes", "message"), BAD_PRESETS)
def test_bad_presets_name_the_preset_and_field(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(PresetError) as caught:
        parse_presets(json.dumps(document(**changes)), "presets.json")
    assert str(caught.value).startswith("presets.json: ")
    assert message in str(caught.value)


@pytest.mark.parametrize(("changes", "message"), BAD_PRESETS)
def test_unchecked_presets_raise_the_same_error_when_first_used(
    changes: dict[str, Any], message: str
) -> None:
    text = json.dumps(document(**changes))
    try:
        presets = parse_presets(text, "presets.json", check_states=False)
    except PresetError as error:  # not a scenario or settings fault
        assert message in str(error)
        return
    for read in (lambda: presets[0].scenario, lambda: presets[0].state):
        with pytest.raises(PresetError) as caught:
            read()
        assert str(caught.value).startswith("presets.json: preset 0 (example): ")
        assert message in str(caught.value)


def test_unchecked_presets_are_built_once_and_equal_checked_ones(monkeypatch) -> None:
    import core.presets as module

    calls: list[str] = []
    real = module.settings_to_state

    def counted(kind: str, *rest: Any) -> Any:
        calls.append(kind)
        return real(kind, *rest)

    monkeypatch.setattr(module, "settings_to_state", counted)
    text = json.dumps(document(page="race", settings={"z0": 2.5}))
    unchecked = parse_presets(text, check_states=False)
    assert calls == []
    state = unchecked[0].state
    assert (
        unchecked[0].state is state and unchecked[0].scenario is unchecked[0].scenario
    )
    assert calls == ["race"]
    checked = parse_presets(text)
    assert checked[0].state == state and checked[0].scenario == unchecked[0].scenario


def test_a_core_refusal_while_building_is_a_preset_error(monkeypatch) -> None:
    import core.presets as module

    def refuse(*_: Any) -> Any:
        raise ValueError("learning_rate must be positive")

    monkeypatch.setattr(module, "settings_to_state", refuse)
    (preset,) = parse_presets(json.dumps(document()), "p.json", check_states=False)
    with pytest.raises(PresetError) as caught:
        preset.built()
    assert str(caught.value).startswith("p.json: preset 0 (example): learning_rate")


def test_repeated_ids_and_keys_are_rejected() -> None:
    data = document()
    data["presets"].append(dict(data["presets"][0], key=2))
    with pytest.raises(PresetError, match="the id example appears twice"):
        parse_presets(json.dumps(data))
    data["presets"][1]["id"] = "other"
    data["presets"][1]["key"] = 1
    with pytest.raises(PresetError, match="key 1 is used by both example and other"):
        parse_presets(json.dumps(data))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "not an Entropy Lab presets file"),
        ('{"format": "entropy-lab-session", "version": 1}', "format must be"),
        ('{"format": "entropy-lab-presets", "version": 3}', "version 3 is newer"),
        (
            '{"format": "entropy-lab-presets", "version": 1, "presets": []}',
            "version must be 2",
        ),
        (
            '{"format": "entropy-lab-presets", "version": 2, "presets": []}',
            "presets must have 1 to 100 entries, got 0",
        ),
        (
            '{"format": "entropy-lab-presets", "version": 2, "presets": [], "x": 1}',
            'the presets file has an unknown key "x"',
        ),
        ("{", "not valid JSON"),
    ],
)
def test_bad_presets_files(text: str, message: str) -> None:
    with pytest.raises(PresetError, match=message):
        parse_presets(text)


def test_load_presets_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(document()), encoding="utf-8")
    assert [p.id for p in load_presets(path)] == ["example"]
    assert [p.id for p in load_presets(str(path))] == ["example"]


def test_a_missing_presets_file(tmp_path: Path) -> None:
    with pytest.raises(PresetError, match=r"gone\.json: cannot read 'gone\.json'"):
        load_presets(tmp_path / "gone.json")


def test_the_default_is_the_bundled_asset() -> None:
    import importlib.resources

    bundled = importlib.resources.files(ASSETS_PACKAGE) / BUNDLED_PRESETS
    assert bundled.is_file()
    with asset_path(BUNDLED_PRESETS) as path:
        assert path.name == "presets.json"
        assert load_presets(path) == PRESETS


def test_a_missing_bundled_file_names_it() -> None:
    missing = r"bundled file lessons/none\.json is missing"
    with pytest.raises(AssetError, match=missing), asset_path("lessons/none.json"):
        pass


def test_next_token_nucleus_numbers() -> None:
    preset = BY_ID["next-token-nucleus"]
    results = derive_lab(preset.state).statistics
    p, q, pair = results.p, results.q, results.pair
    assert q is not None and pair is not None
    assert preset.state.vocabulary_size == 128_256 and results.units == "bits"
    assert p.kept == 41 and round(p.cut_mass, 4) == 0.0991
    assert (round(p.entropy, 3), round(p.truncated_entropy, 3)) == (3.854, 2.665)
    assert p.kl_from_truncated == pytest.approx(-math.log2(1 - p.cut_mass))
    assert round(p.kl_from_truncated, 3) == 0.151
    assert p.kl_to_truncated == math.inf
    assert (pair.kl_pq, pair.kl_qp) == (math.inf, math.inf)
    assert (pair.q_only, pair.p_only) == (21, 1)
    assert round(pair.js, 3) == 0.287
    off = derive_lab(with_settings(preset.state, "p", DecodingSettings())).statistics
    assert off.pair is not None and round(off.pair.kl_pq, 3) == 1.112


def test_sampling_average_information_numbers() -> None:
    preset = BY_ID["sampling-average-information"]
    assert preset.settings == {"seed": 0, "rate": 100}
    assert (preset.state.p, preset.state.q) == ((0.7, 0.3), (0.5, 0.5))
    by_name = {e.name: e for e in derive_sampling_lab(preset.state).sampling.estimates}
    # Independent: mpmath, from the definitions.
    mp.mp.dps = 30
    p, q = [mp.mpf("0.7"), mp.mpf("0.3")], [mp.mpf("0.5"), mp.mpf("0.5")]
    ln2 = mp.log(2)
    assert [round(float(-mp.log(x, 2)), 3) for x in p] == [0.515, 1.737]
    log_r = [mp.log(a / b) for a, b in zip(p, q, strict=True)]
    k_values = {
        "k1": [-x / ln2 for x in log_r],
        "k2": [x * x / 2 / ln2 for x in log_r],
        "k3": [(mp.e**x - 1 - x) / ln2 for x in log_r],
    }
    kl_qp = sum(b * mp.log(b / a, 2) for a, b in zip(p, q, strict=True))
    assert round(float(kl_qp), 4) == 0.1258
    for name, values in k_values.items():
        mean = sum(b * v for b, v in zip(q, values, strict=True))
        variance = sum(b * (v - mean) ** 2 for b, v in zip(q, values, strict=True))
        assert by_name[name].expected == pytest.approx(float(mean), rel=1e-12)
        assert by_name[name].standard_deviation ** 2 == pytest.approx(
            float(variance), rel=1e-9
        )
    assert round(by_name["information_p"].target, 4) == 0.8813
    assert by_name["information_q"].target == pytest.approx(1.0, rel=1e-15)
    assert round(by_name["log_ratio"].target, 4) == 0.1187
    assert round(by_name["k2"].bias, 4) == 0.0092
    assert by_name["k1"].bias == 0 and by_name["k3"].bias == 0
    variances = [round(by_name[n].standard_deviation ** 2, 4) for n in k_values]
    assert variances == [0.3736, 0.0028, 0.0012]
    # What the explanation promises: the mean settles on H(P).
    drawn = derive_sampling_lab(advance_sampling_lab(preset.state, 20_000)).sampling
    information = drawn.estimate("information_p")
    assert information.standard_error is not None
    assert abs(information.mean - information.target) < 4 * information.standard_error


def test_code_lengths_extra_bits_numbers() -> None:
    preset = BY_ID["code-lengths-extra-bits"]
    assert preset.state.tree == "huffman_p"
    results = derive_code_lab(preset.state)
    assert results.code("huffman_p").codewords == ("0", "10", "110", "111")
    for name in ("huffman_q", "shannon_q"):
        assert results.code(name).lengths.tolist() == [2.0] * 4
    r = results.readouts
    # By hand: Σ p·l with l = 1, 2, 3, 3 and with l = 2 everywhere.
    assert r.entropy_p == 1.75 and r.huffman_own == 1.75
    assert r.cross_entropy_pq == 2.0 and r.huffman_mismatched == 2.0
    assert r.kl_pq == pytest.approx(0.25) and r.shannon_extra == 0.25
    drawn = derive_code_lab(advance_code_lab(preset.state, 20_000))
    for name, limit in (("huffman_p", 1.75), ("shannon_q", 2.0)):
        moments = drawn.estimate(name).moments
        assert moments.mean is not None and moments.standard_error is not None
        assert abs(moments.mean - limit) <= 4 * moments.standard_error


def test_huffman_of_q_misses_cross_entropy_numbers() -> None:
    preset = BY_ID["huffman-of-q-misses-cross-entropy"]
    assert preset.state.tree == "huffman_q"
    results = derive_code_lab(preset.state)
    assert results.code("huffman_q").codewords == ("0", "10", "11")
    assert results.code("shannon_q").lengths.tolist() == [1.0, 5.0, 5.0]
    assert round(-math.log2(0.05), 2) == 4.32
    r = results.readouts
    cross = -(0.05 * math.log2(0.9) + 0.05 * math.log2(0.05) + 0.9 * math.log2(0.05))
    assert r.cross_entropy_pq == pytest.approx(cross) and round(cross, 4) == 4.1134
    assert r.huffman_mismatched == pytest.approx(0.05 + 0.1 + 1.8)  # 1.95
    assert round(cross - r.huffman_mismatched, 2) == 2.16
    assert r.shannon_mismatched == pytest.approx(0.05 + 0.25 + 4.5)  # 4.8
    assert cross <= r.shannon_mismatched < cross + 1
