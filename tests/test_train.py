"""The commands around the fitted weights: train, explain, and eval's layouts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_e2e import run

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ROOT = Path(__file__).resolve().parents[1]

ARTICLE = (
    "Port council approves ferry plan\n\n"
    "Mayor Helena Vosk opened the meeting on Monday.\n\n"
    '"We will build it this year," she said.\n'
)


def gold_sample(path: Path, lines: int, out: Path) -> Path:
    """The first ``lines`` articles of a shared gold file, as a file of its own."""
    with path.open(encoding="utf-8") as source:
        out.write_text("".join(next(source) for _ in range(lines)), encoding="utf-8")
    return out


def test_explain_prints_each_decision_as_json(tmp_path: Path) -> None:
    """quotex explain -f json gives, per quote, its record and its decision:
    the candidates with features and probabilities, and who "she" is."""
    story = tmp_path / "story.txt"
    story.write_text(ARTICLE, encoding="utf-8")

    result = run("explain", str(story), "-f", "json")

    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    explained = json.loads(line)
    record, decision = explained["record"], explained["decision"]
    assert (record["speaker"], record["speaker_mention"]) == ("Helena Vosk", "she")
    chosen = decision["options"][decision["chosen"]]
    assert chosen["features"]["mention:pronoun"] == 1.0
    person = decision["person"]
    assert person["options"][person["chosen"]]["label"] == "Helena Vosk"


def test_explain_for_people_names_every_candidate(tmp_path: Path) -> None:
    """The text form lists the candidates, the one chosen marked."""
    story = tmp_path / "story.txt"
    story.write_text(ARTICLE, encoding="utf-8")

    result = run("explain", str(story))

    assert result.returncode == 0, result.stderr
    assert "→ Helena Vosk" in result.stdout or "Helena Vosk" in result.stdout
    assert "'she' cue 'said'" in result.stdout
    assert "who 'she' is" in result.stdout


def test_explain_names_a_missing_file(tmp_path: Path) -> None:
    """A file that cannot be read is one line on stderr and exit 1."""
    result = run("explain", str(tmp_path / "nope.txt"))

    assert (result.returncode, result.stdout) == (1, "")
    assert "nope.txt" in result.stderr


@pytest.mark.slow
def test_train_writes_the_same_weights_for_the_same_gold(tmp_path: Path) -> None:
    """quotex train fits, cross-validates and writes attribution.json; run twice
    on the same gold it writes the same bytes, and the weights load."""
    polnear, ggt = DATA / "polnear.dev.jsonl", DATA / "ggt.dev.jsonl"
    if not (polnear.is_file() and ggt.is_file()):
        pytest.skip("shared gold data not found")
    golds = [
        str(gold_sample(polnear, 40, tmp_path / "polnear.sample.jsonl")),
        str(gold_sample(ggt, 20, tmp_path / "ggt.sample.jsonl")),
    ]
    outputs = []
    for run_number in (1, 2):
        folder = tmp_path / f"models{run_number}"
        folder.mkdir()
        result = run(
            "train", *golds, "-o", str(folder), "--folds", "2", "--rounds", "1"
        )
        assert result.returncode == 0, result.stderr
        outputs.append((folder / "attribution.json").read_bytes())

    assert outputs[0] == outputs[1]
    model = json.loads(outputs[0])
    assert model["trained_on"] == {"polnear.sample": 40, "ggt.sample": 20}
    assert set(model["cv"]) == {"polnear.sample", "ggt.sample"}
    assert {"speech", "quote", "person_pronoun"} <= set(model["choosers"])
    assert "Speaker accuracy on held-out articles" in result.stdout


def test_train_without_its_extra_says_how_to_install_it(tmp_path: Path) -> None:
    """Without the fitting libraries, train says in one line how to get them."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "x", "quotes": []}\n', encoding="utf-8")
    code = (
        "import sys; sys.modules['scipy'] = None; sys.modules['sklearn'] = None; "
        "from quotex.cli import app; app()"
    )
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", code, "train", str(gold), "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 1
    assert "pip install 'quotex[train]'" in result.stderr


def test_eval_scores_a_layout_of_the_gold(tmp_path: Path) -> None:
    """--layout joined and wrapped score the same articles laid out another way:
    the quote is found in every layout."""
    text = (
        "Port council approves ferry plan after a long night of debate in the "
        "town hall\n\nMayor Helena Vosk opened the meeting on Monday evening and "
        "spoke for an hour about the cost of the boats and the crews.\n\n"
        '"We will build it this year, whatever the audit says about the money '
        'we have," she said to the councillors who had come to hear her.\n'
    )
    start = text.index("We will")
    end = text.index('have,"') + len("have,")
    gold = tmp_path / "gold.jsonl"
    quote = {"start": start, "end": end, "text": text[start:end]}
    gold.write_text(
        json.dumps({"id": "a", "text": text, "quotes": [quote]}) + "\n",
        encoding="utf-8",
    )

    for layout in ("original", "joined", "wrapped"):
        result = run("eval", str(gold), "--layout", layout, "-f", "json")
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["quote_recall"] == 1.0, layout


def test_the_shipped_weights_load_with_the_threshold_they_were_measured_at() -> None:
    """The speech threshold written by training is the one extraction uses,
    and loading then writing the file gives back the same bytes."""
    from quotex.attribution.scorer import MODEL_FILE, load_model

    path = ROOT / "models" / MODEL_FILE
    written = json.loads(path.read_text(encoding="utf-8"))["speech_threshold"]
    model = load_model(str(ROOT / "models"))

    assert model.speech_threshold == written
    assert "speech_threshold" not in model.about
    assert model.to_json() == path.read_text(encoding="utf-8")
