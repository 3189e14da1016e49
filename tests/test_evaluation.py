"""Tests for the scorer and the ``quotex eval`` command."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from quotex import eval_cli
from quotex.errors import ModelNotFoundError
from quotex.eval_cli import eval_command
from quotex.evaluation import (
    BadGoldLine,
    EvaluationReport,
    GoldDocument,
    GoldQuote,
    evaluate,
    match_quotes,
    mention_kind,
    read_gold,
    snippet,
)
from quotex.quote import Quote, QuoteType, TextSpan

TEXT = (
    'Spokeswoman Haley Morris said the campaign has "always run a lean campaign." '
    'He added: "We will compete vigorously for the nomination."'
)
LEAN = (TEXT.index("always"), TEXT.index(' campaign."') + len(" campaign."))
VIGOROUS = (TEXT.index("We will"), TEXT.index('nomination."') + len("nomination."))
MORRIS = (0, len("Spokeswoman Haley Morris"))
HE = (TEXT.index("He added"), TEXT.index("He added") + 2)


def gold_quote(
    span: tuple[int, int],
    speaker: tuple[int, int] | None = None,
    speaker_type: str | None = "name",
    text: str = TEXT,
    *,
    partial: bool = False,
) -> GoldQuote:
    """Build a gold quote over ``text[span]`` said by ``text[speaker]``."""
    start, end = span
    if speaker is None:
        return GoldQuote(start, end, text[start:end], partial=partial)
    return GoldQuote(
        start,
        end,
        text[start:end],
        speaker=text[speaker[0] : speaker[1]],
        speaker_start=speaker[0],
        speaker_end=speaker[1],
        speaker_type=speaker_type,
        partial=partial,
    )


def quote(
    span: tuple[int, int],
    speaker: str | None = None,
    mention: tuple[int, int] | None = None,
    confidence: float = 0.9,
    kind: QuoteType = "full",
    text: str = TEXT,
) -> Quote:
    """Build a predicted quote over ``text[span]``."""
    start, end = span
    said = (
        TextSpan(mention[0], mention[1], text[mention[0] : mention[1]])
        if mention
        else None
    )
    return Quote(
        TextSpan(start, end, text[start:end]), 1, kind, speaker, said, None, confidence
    )


def score(
    gold: list[GoldQuote], predicted: list[Quote], text: str = TEXT
) -> EvaluationReport:
    """Score one document and return the report."""
    document = GoldDocument("doc", text, tuple(gold), 1)
    return evaluate([document], lambda texts: ([*predicted] for _ in texts))


def test_exact_match_is_a_true_positive() -> None:
    """A prediction over exactly the gold span gives perfect figures."""
    report = score([gold_quote(LEAN, MORRIS)], [quote(LEAN, "Haley Morris", MORRIS)])

    data = report.to_dict()
    assert (
        data["quote_precision"],
        data["quote_recall"],
        data["quote_f1"],
        data["attribution_accuracy"],
    ) == (1.0, 1.0, 1.0, 1.0)


@pytest.mark.parametrize(
    ("predicted", "matches"),
    [
        ((0, 10), True),
        ((5, 15), True),  # 5 shared characters: exactly half of the longer span
        ((6, 16), False),  # 4 shared: less than half
        ((0, 20), True),  # the gold span is exactly half of the longer one
        ((0, 21), False),  # the prediction is too long to count
        ((3, 7), False),  # inside the gold span, but less than half of it
        ((10, 20), False),  # touching is not overlapping
    ],
)
def test_match_needs_half_of_the_longer_span(
    predicted: tuple[int, int], matches: bool
) -> None:
    """Spans match when they share at least half of the longer span."""
    text = "x" * 40

    pairs = match_quotes(
        [gold_quote((0, 10), text=text)], [quote(predicted, text=text)]
    )

    assert matches == bool(pairs)


def test_two_predictions_over_one_gold_give_one_match() -> None:
    """Matching is one-to-one: the closer prediction wins, the other is spurious."""
    gold = [gold_quote(LEAN, MORRIS)]
    close = quote(LEAN)
    loose = quote((LEAN[0] + 3, LEAN[1]))

    report = score(gold, [loose, close])

    assert match_quotes(gold, [loose, close]) == [(0, 1)]
    assert (
        report.true_positives,
        report.to_dict()["counts"]["false_positives"],
        report.to_dict()["counts"]["false_negatives"],
    ) == (1, 1, 0)


def test_one_prediction_over_two_gold_quotes_matches_one() -> None:
    """A prediction spanning two gold quotes at exactly half each takes only one."""
    text = "x" * 20
    gold = [gold_quote((0, 10), text=text), gold_quote((10, 20), text=text)]

    pairs = match_quotes(gold, [quote((0, 20), text=text)])

    assert pairs == [(0, 0)]


def test_wrong_speaker_is_listed_with_both_speakers() -> None:
    """A matched quote with the wrong speaker lowers attribution and is listed."""
    report = score([gold_quote(LEAN, MORRIS)], [quote(LEAN, "Martin O'Malley", HE)])

    data = report.to_dict(include_errors=True)
    [error] = data["errors"]
    assert (data["attribution_accuracy"], data["quote_f1"]) == (0.0, 1.0)
    assert (
        error["kind"],
        error["gold_speaker"],
        error["predicted_speaker"],
        error["predicted_mention"],
    ) == ("wrong_speaker", "Spokeswoman Haley Morris", "Martin O'Malley", "He")


def test_surname_names_the_gold_speaker_without_a_mention() -> None:
    """The resolved name counts even when the mention points elsewhere."""
    report = score([gold_quote(LEAN, MORRIS)], [quote(LEAN, "Morris", None)])

    assert (report.attribution.ratio, report.names.ratio) == (1.0, 1.0)


def test_pronoun_gold_speaker_needs_mention_overlap() -> None:
    """A pronoun gold speaker is judged by mention overlap only, never by name."""
    gold = [gold_quote(VIGOROUS, HE, "pronoun")]

    by_mention = score(gold, [quote(VIGOROUS, "Haley Morris", HE)])
    by_name = score(gold, [quote(VIGOROUS, "He", MORRIS)])

    assert (by_mention.attribution.hits, by_name.attribution.hits) == (1, 0)
    assert (by_mention.names.total, by_name.names.total) == (0, 0)


def test_speaker_accuracy_judges_the_person_a_pronoun_means() -> None:
    """ "He" bound to the wrong man fails speaker accuracy, though the mention
    is right; bound to the right one, it passes. By gold mention kind too."""
    want = dataclasses.replace(
        gold_quote(VIGOROUS, HE, "pronoun"), speaker_name="Haley Morris"
    )

    right = score([want], [quote(VIGOROUS, "Haley Morris", HE)]).to_dict(
        include_errors=True
    )
    wrong = score([want], [quote(VIGOROUS, "Martin O'Malley", HE)]).to_dict(
        include_errors=True
    )

    assert (right["speaker_accuracy"], wrong["speaker_accuracy"]) == (1.0, 0.0)
    assert (right["attribution_accuracy"], wrong["attribution_accuracy"]) == (1.0, 1.0)
    assert wrong["speaker_by_mention"]["pronoun"] == {
        "judged": 1,
        "right": 0,
        "accuracy": 0.0,
    }
    assert [error["kind"] for error in wrong["errors"]] == ["wrong_person"]


def test_a_quote_whose_gold_names_no_one_is_right_left_unnamed() -> None:
    """Where the article names no one ("he", never named), a predicted name is
    wrong: counted apart from speaker accuracy, which judges named speakers."""
    gold = [gold_quote(LEAN, MORRIS), gold_quote(VIGOROUS, HE, "pronoun")]

    named = score(gold, [quote(LEAN, "Haley Morris"), quote(VIGOROUS, "Al", HE)])
    left = score(gold, [quote(LEAN, "Haley Morris"), quote(VIGOROUS, None, HE)])

    assert named.to_dict()["unnamed_left_unnamed"] == 0.0
    assert left.to_dict()["unnamed_left_unnamed"] == 1.0
    assert left.to_dict()["counts"]["unnamed_judged"] == 1
    assert named.speakers.total == left.speakers.total == 1


def test_speaker_accuracy_by_confidence_band_gives_the_mean_confidence() -> None:
    """Each band says how often its speakers are right and how sure they were."""
    predicted = [
        quote(LEAN, "Haley Morris", MORRIS, confidence=0.95),
        quote(VIGOROUS, "Martin O'Malley", HE, confidence=0.55),
    ]
    gold = [gold_quote(LEAN, MORRIS), gold_quote(VIGOROUS, MORRIS)]

    bands = {
        row["band"]: row
        for row in score(gold, predicted).to_dict()["speaker_by_confidence"]
    }

    assert (bands["0.9-1.0"]["accuracy"], bands["0.9-1.0"]["mean_confidence"]) == (
        1.0,
        0.95,
    )
    assert (bands["0.5-0.7"]["accuracy"], bands["0.5-0.7"]["mean_confidence"]) == (
        0.0,
        0.55,
    )


def test_mention_kind_reads_a_resolved_name_gold_by_its_words() -> None:
    """Gold whose speaker is a full name but whose mention is "he" is a pronoun."""
    resolved = dataclasses.replace(
        gold_quote(VIGOROUS, HE, "name"), speaker="Haley Morris", speaker_mention="He"
    )
    unlinked = GoldQuote(
        *VIGOROUS, TEXT[slice(*VIGOROUS)], "Haley Morris", speaker_type="name"
    )

    assert (mention_kind(resolved), mention_kind(unlinked)) == ("pronoun", "no_mention")


def test_right_mention_with_wrong_name_fails_name_accuracy() -> None:
    """Mention overlap is right attribution, but name accuracy wants the name."""
    report = score([gold_quote(LEAN, MORRIS)], [quote(LEAN, "Martin O'Malley", MORRIS)])

    data = report.to_dict(include_errors=True)
    assert (data["attribution_accuracy"], data["name_accuracy"]) == (1.0, 0.0)
    assert [error["kind"] for error in data["errors"]] == ["wrong_name"]


def test_gold_quote_without_speaker_is_counted_apart() -> None:
    """A matched gold quote with no speaker is not judged for attribution."""
    report = score(
        [gold_quote(LEAN), gold_quote(VIGOROUS, HE, "pronoun")],
        [quote(LEAN, "Morris", MORRIS), quote(VIGOROUS, None, HE)],
    )

    data = report.to_dict()
    assert (
        data["counts"]["null_speaker_gold"],
        data["counts"]["null_speaker_matched"],
        data["counts"]["attribution_judged"],
    ) == (1, 1, 1)
    assert tuple(
        data["by_speaker_type"]["none"][key] for key in ("gold", "judged", "accuracy")
    ) == (1, 0, None)


def test_confidence_bands_count_predictions_and_accuracy() -> None:
    """Each band holds its own predictions; at_or_above adds the higher bands."""
    text = " ".join(["x" * 9] * 6)
    spans = [(i * 10, i * 10 + 9) for i in range(6)]
    gold = [gold_quote(span, (0, 1), "nominal", text=text) for span in spans]
    confidences = [0.3, 0.5, 0.75, 0.85, 0.95, 1.0]
    predicted = [
        quote(span, mention=(0, 1) if c != 0.85 else (5, 6), confidence=c, text=text)
        for span, c in zip(spans, confidences, strict=True)
    ]

    bands = score(gold, predicted, text).to_dict()["by_confidence"]

    assert [band["band"] for band in bands] == [
        "0.0-0.5",
        "0.5-0.7",
        "0.7-0.8",
        "0.8-0.9",
        "0.9-1.0",
    ]
    assert [band["predictions"] for band in bands] == [1, 1, 1, 1, 2]
    assert [band["accuracy"] for band in bands] == [1.0, 1.0, 1.0, 0.0, 1.0]
    assert bands[3]["at_or_above"] == {
        "predictions": 3,
        "judged": 3,
        "right": 2,
        "accuracy": 0.6667,
    }


def test_quote_types_split_recall_and_precision() -> None:
    """Recall is by gold type and precision by predicted type."""
    gold = [gold_quote(LEAN, MORRIS, partial=True), gold_quote(VIGOROUS, HE, "pronoun")]

    data = score(gold, [quote(LEAN, kind="full")]).to_dict()

    by_type = data["by_quote_type"]
    assert tuple(by_type["partial"][k] for k in ("gold", "recalled", "recall")) == (
        1,
        1,
        1.0,
    )
    assert (
        by_type["full"]["recall"],
        by_type["full"]["precision"],
        by_type["headline"]["f1"],
    ) == (0.0, 1.0, None)
    assert data["counts"]["same_type_fraction"] == 0.0


def test_fraction_of_predictions_without_speaker() -> None:
    """The report says how many predictions name nobody."""
    data = score([], [quote(LEAN), quote(VIGOROUS, "Morris")]).to_dict()

    assert (
        data["counts"]["predicted_speaker_none"],
        data["counts"]["predicted_speaker_none_fraction"],
    ) == (1, 0.5)


def test_errors_list_missed_and_spurious_quotes_with_context() -> None:
    """Missed and spurious quotes are listed in text order with a snippet."""
    data = score([gold_quote(VIGOROUS, HE, "pronoun")], [quote(LEAN)]).to_dict(
        include_errors=True
    )

    assert [error["kind"] for error in data["errors"]] == ["spurious", "missed"]
    assert (
        "[We will compete vigorously for the nomination.]"
        in data["errors"][1]["context"]
    )


def test_errors_only_when_asked() -> None:
    """to_dict leaves out the error list unless asked, and keeps stable keys."""
    data = score([gold_quote(LEAN, MORRIS)], []).to_dict()

    assert "errors" not in data
    assert {
        "quote_precision",
        "quote_recall",
        "quote_f1",
        "attribution_accuracy",
        "name_accuracy",
        "documents",
        "documents_failed",
        "counts",
        "by_quote_type",
        "by_speaker_type",
        "by_confidence",
    } <= set(data)
    assert (data["quote_precision"], data["quote_recall"], data["quote_f1"]) == (
        None,
        0.0,
        0.0,
    )


def test_snippet_shows_newlines_as_spaces() -> None:
    """A snippet fits on one line and brackets the quote."""
    text = 'First line.\n\nHe said: "Yes."\nEnd.'

    start = text.index("Yes")

    assert snippet(text, start, start + 4) == 'First line. He said: "[Yes.]" End.'


DEV_GOLD = Path(__file__).parents[2] / "shared" / "data" / "polnear.dev.jsonl"


@pytest.mark.slow
@pytest.mark.skipif(not DEV_GOLD.exists(), reason="the shared gold data is absent")
def test_shared_gold_data_reads_cleanly_and_scores_itself_perfectly() -> None:
    """Every line of the shared gold set loads, and the gold scores 1.0 on itself."""
    items = list(read_gold(DEV_GOLD))
    gold = {item.text: item for item in items if isinstance(item, GoldDocument)}

    def oracle(texts: Iterable[str]) -> Iterator[list[Quote]]:
        for text in texts:
            yield [
                quote((g.start, g.end), g.speaker, None, 1.0, g.type, text)
                for g in gold[text].quotes
            ]

    data = evaluate(gold.values(), oracle).to_dict()

    assert [item for item in items if isinstance(item, BadGoldLine)] == []
    assert (data["quote_f1"], data["name_accuracy"]) == (1.0, 1.0)


def write_lines(path: Path, lines: list[str | bytes]) -> Path:
    """Write gold lines, each as given, and return the path."""
    path.write_bytes(
        b"".join(
            (line if isinstance(line, bytes) else line.encode()) + b"\n"
            for line in lines
        )
    )
    return path


def gold_line(text: str, *quotes: dict[str, Any], doc_id: str = "doc") -> str:
    """Return one gold document as a JSON line."""
    return json.dumps({"id": doc_id, "text": text, "quotes": list(quotes)})


def documents(*texts: str) -> list[GoldDocument]:
    """Return one gold document without quotes per text."""
    return [GoldDocument(f"d{i}", text, (), i) for i, text in enumerate(texts, 1)]


def batch_predictor(texts: Iterable[str]) -> Iterator[list[Quote]]:
    """Read every text before answering, as spaCy's nlp.pipe does, and fail on BOOM."""
    batch = list(texts)
    for text in batch:
        if "BOOM" in text:
            raise RuntimeError("cannot parse")
        yield [quote((0, 2), text=text)]


def test_failed_document_is_counted_and_the_rest_scored() -> None:
    """A document the predictor fails on is recorded; the others still count."""
    report = evaluate(
        documents("ok one", "BOOM", "ok two", "ok three"), batch_predictor
    )

    assert (report.documents, report.documents_failed, report.predicted_quotes) == (
        4,
        1,
        3,
    )
    assert [(f.document, f.line, f.error) for f in report.failures] == [
        ("d2", 2, "RuntimeError: cannot parse")
    ]


def test_failed_batch_is_retried_one_document_at_a_time() -> None:
    """When a whole batch fails, only the document that fails alone is lost."""

    def all_or_nothing(texts: Iterable[str]) -> Iterator[list[Quote]]:
        batch = list(texts)
        if any("BOOM" in text for text in batch):
            raise RuntimeError("batch failed")
        yield from ([quote((0, 2), text=text)] for text in batch)

    report = evaluate(documents("ok", "ok", "BOOM", "ok"), all_or_nothing)

    assert (report.documents_failed, report.predicted_quotes) == (1, 3)
    assert [f.document for f in report.failures] == ["d3"]


def test_setup_error_stops_the_evaluation() -> None:
    """A missing model is not one document's fault: it propagates."""

    def predict(texts: Iterable[str]) -> Iterator[list[Quote]]:
        for _ in texts:
            raise ModelNotFoundError("no model 'xx'")
        yield []

    with pytest.raises(ModelNotFoundError):
        evaluate(documents("a", "b"), predict)


def test_short_predictor_fails_the_unanswered_documents() -> None:
    """Documents the predictor gives no result for are failures, not misses."""
    report = evaluate(
        documents("a", "b", "c"), lambda texts: [[] for _ in list(texts)[:1]]
    )

    assert (report.documents, report.documents_failed) == (3, 2)


def test_progress_callback_sees_every_document() -> None:
    """on_document is called once per document, failed ones included."""
    seen: list[str] = []

    evaluate(
        documents("a", "BOOM", "c"),
        batch_predictor,
        on_document=lambda d: seen.append(d.id),
    )

    assert seen == ["d1", "d2", "d3"]


# The command is registered on a small app of its own, as the main CLI does.
app = typer.Typer()


@app.callback()
def main() -> None:
    """Keep ``eval`` a subcommand, as in the real CLI."""


app.command("eval")(eval_command)
runner = CliRunner()

CLI_TEXT = 'Haley Morris said: "We will compete." She added: "BOOM went the polls."'


COMPETE = (CLI_TEXT.index("We"), CLI_TEXT.index('compete."') + len("compete."))


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    """Write a two-document gold file: one quote, then none."""
    compete = {
        "start": COMPETE[0],
        "end": COMPETE[1],
        "speaker": "Haley Morris",
        "speaker_start": 0,
        "speaker_end": 12,
        "speaker_type": "name",
    }
    return write_lines(
        tmp_path / "gold.jsonl",
        [
            gold_line(CLI_TEXT, compete, doc_id="one"),
            gold_line("Nothing quoted here.", doc_id="two"),
        ],
    )


@pytest.fixture
def stub_engine(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str | None, bool]]:
    """Replace the engine by one finding the first quote of CLI_TEXT."""
    calls: list[tuple[str | None, bool]] = []

    def engine(model: str | None, full_pipeline: bool, all_quoted: bool) -> Any:
        calls.append((model, full_pipeline))

        def predict(texts: Iterable[str]) -> Iterator[list[Quote]]:
            for text in texts:
                if text != CLI_TEXT:
                    yield []
                else:
                    yield [quote(COMPETE, "Haley Morris", (0, 12), text=text)]

        return predict

    monkeypatch.setattr(eval_cli, "_engine_predictor", engine)
    return calls


def invoke(*args: str) -> Any:
    """Run ``eval`` with the given arguments."""
    return runner.invoke(app, ["eval", *args])


def test_cli_json_gives_one_object_with_the_figures(
    gold_file: Path, stub_engine: list[tuple[str | None, bool]]
) -> None:
    """--format json prints one JSON object with every headline figure."""
    result = invoke(str(gold_file), "--format", "json")

    data = json.loads(result.stdout)
    assert (result.exit_code, result.stderr) == (0, "")
    assert (
        data["quote_f1"],
        data["name_accuracy"],
        data["documents"],
        data["documents_failed"],
    ) == (1.0, 1.0, 2, 0)
    assert "errors" not in data
    assert stub_engine == [(None, False)]


def test_cli_passes_model_and_mode_to_the_engine(
    gold_file: Path, stub_engine: list[tuple[str | None, bool]]
) -> None:
    """--model and --full-pipeline reach the engine unchanged."""
    result = invoke(
        str(gold_file), "--model", "xx_model", "--full-pipeline", "-f", "json"
    )

    assert result.exit_code == 0
    assert stub_engine == [("xx_model", True)]


def test_cli_table_shows_figures_with_counts(
    gold_file: Path, stub_engine: list[tuple[str | None, bool]]
) -> None:
    """The default table output shows each ratio with its counts."""
    result = invoke(str(gold_file))

    assert result.exit_code == 0
    for expected in (
        "Quote precision",
        "100.0%",
        "1/1",
        "By quote type",
        "Attribution by gold speaker type",
        "0.9-1.0",
    ):
        assert expected in result.stdout


def test_cli_errors_are_listed_on_request(
    gold_file: Path, stub_engine: list[tuple[str | None, bool]], tmp_path: Path
) -> None:
    """--errors lists mismatches after the tables, and under "errors" in JSON."""
    extra = write_lines(
        tmp_path / "more.jsonl",
        [
            gold_line('A "scare" quote.', doc_id="three"),
            gold_line(CLI_TEXT, doc_id="four"),
        ],
    )

    table = invoke(str(extra), "--errors")
    data = json.loads(invoke(str(extra), "--errors", "--format", "json").stdout)

    assert "spurious      four" in table.stdout
    assert [(e["kind"], e["document"]) for e in data["errors"]] == [
        ("spurious", "four")
    ]


def test_cli_limit_reads_only_the_first_documents(
    gold_file: Path, stub_engine: list[tuple[str | None, bool]]
) -> None:
    """--limit N scores the first N documents."""
    data = json.loads(invoke(str(gold_file), "--limit", "1", "-f", "json").stdout)

    assert data["documents"] == 1


def test_cli_reports_malformed_lines_on_stderr(
    gold_file: Path, stub_engine: list[tuple[str | None, bool]]
) -> None:
    """A bad gold line gives GOLD:LINE: reason on stderr, exit 1, and still a report."""
    with gold_file.open("a") as handle:
        handle.write("{oops\n")

    result = invoke(str(gold_file), "-f", "json")

    assert result.exit_code == 1
    assert [f"{gold_file}:3: bad JSON"] == [
        line.split(" (")[0] for line in result.stderr.splitlines()
    ]
    assert json.loads(result.stdout)["documents"] == 2


def test_cli_missing_gold_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    """A missing gold file gives one error line and exit status 1."""
    result = invoke(str(tmp_path / "nope.jsonl"))

    assert (result.exit_code, result.stdout) == (1, "")
    assert len(result.stderr.splitlines()) == 1
    assert "nope.jsonl" in result.stderr


def test_cli_help_has_an_example_for_every_option() -> None:
    """Every option of eval says how to use it."""
    for name in ("GOLD_HELP", "ERRORS_HELP", "FORMAT_HELP", "LIMIT_HELP"):
        assert "Example: quotex eval" in getattr(eval_cli, name)
    result = invoke("--help")
    assert result.exit_code == 0
    assert "jq .quote_f1" in result.stdout


def test_importing_the_command_does_not_import_spacy() -> None:
    """quotex.eval_cli stays light so ``quotex --help`` stays fast."""
    import subprocess
    import sys

    code = "import sys, quotex.eval_cli; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)

    assert out.stdout.strip() == "False"


def test_cli_runs_the_real_engine(gold_file: Path) -> None:
    """The real engine scores a tiny gold file with figures in [0, 1]."""
    result = invoke(str(gold_file), "--format", "json")

    data = json.loads(result.stdout)
    assert result.exit_code == 0, result.stderr
    for key in (
        "quote_precision",
        "quote_recall",
        "quote_f1",
        "attribution_accuracy",
        "name_accuracy",
    ):
        assert data[key] is None or 0.0 <= data[key] <= 1.0
    assert (data["documents"], data["documents_failed"]) == (2, 0)


def test_cli_unknown_model_is_one_line_and_exit_1(gold_file: Path) -> None:
    """A model that is not installed stops the run with one error line."""
    result = invoke(str(gold_file), "--model", "no_such_pipeline_xx")

    assert (result.exit_code, result.stdout) == (1, "")
    assert (
        result.stderr.startswith("error: ") and "no_such_pipeline_xx" in result.stderr
    )
    assert len(result.stderr.splitlines()) == 1
