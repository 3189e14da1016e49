"""Tests for quotex.runner and quotex.pool: order, failures, pieces, Ctrl-C."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from quotex.errors import ModelNotFoundError
from quotex.filters import QuoteFilter, speaker_matches
from quotex.pool import WORKER_DIED, WorkerPool
from quotex.quote import Quote, TextSpan
from quotex.runner import (
    Batch,
    DocumentResult,
    EngineSettings,
    Finished,
    display_name,
    record_name,
)
from quotex.sources import Document, InputFailure, LargeDocument, iter_documents

_QUOTED = re.compile(r'"([^"\n]+)"')


def fake_extractor(settings: EngineSettings) -> Callable[[str], list[Quote]]:
    """A fast stand-in engine: every "..." is a quote; markers act up.

    ``SLOW`` sleeps (so later documents finish first), ``BOOM`` raises, and
    ``DIE`` ends the worker process on the spot, as a segfault would.
    """

    def extract(text: str) -> list[Quote]:
        if "DIE" in text:
            os._exit(3)
        if "BOOM" in text:
            raise RuntimeError("boom")
        if "SLOW" in text:
            time.sleep(0.3)
        return [
            Quote(
                TextSpan(m.start(1), m.end(1), m.group(1)),
                text.count("\n", 0, m.start()) + 1,
                "full",
            )
            for m in _QUOTED.finditer(text)
        ]

    return extract


def documents(count: int, marker: dict[int, str] | None = None) -> list[Document]:
    marker = marker or {}
    return [
        Document(f"doc{i}.txt", f'{marker.get(i, "")}\n"quote {i}" and "more {i}"')
        for i in range(count)
    ]


def summary(results: list[DocumentResult]) -> list[tuple[str, list[str], str | None]]:
    return [(r.name, [q.text for q in r.quotes], r.error) for r in results]


def test_pool_keeps_input_order_and_matches_one_process():
    """Slow early documents don't change the order; results equal jobs=1."""
    docs = documents(12, {0: "SLOW", 3: "SLOW", 4: "SLOW"})

    one = list(Batch(docs, jobs=1, extractor=fake_extractor))
    two = list(Batch(docs, jobs=2, extractor=fake_extractor, window=3))

    assert [f"doc{i}.txt" for i in range(12)] == [r.name for r in two]
    assert summary(one) == summary(two)
    assert [q.text for q in two[5].quotes] == ["quote 5", "more 5"]


def test_real_engine_gives_the_same_records_with_two_workers(example_article):
    """The default engine in worker processes agrees with the one here."""
    text = example_article.read_text(encoding="utf-8")
    docs = [Document(f"copy{i}.txt", text) for i in range(3)]

    one = list(Batch(docs, jobs=1))
    two = list(Batch(docs, jobs=2))

    assert [r.quotes for r in one] == [r.quotes for r in two]
    assert one[0].quotes


def test_a_dying_worker_fails_only_its_document():
    """A worker killed mid-document costs that document; the batch completes."""
    docs = documents(6, {2: "DIE", 4: "DIE"})

    results = list(Batch(docs, jobs=2, extractor=fake_extractor))

    assert [r.error for r in results] == [
        None,
        None,
        WORKER_DIED,
        None,
        WORKER_DIED,
        None,
    ]
    assert [q.text for q in results[5].quotes] == ["quote 5", "more 5"]


def test_engine_exception_is_an_internal_error_for_that_document_only():
    """A bug on one document is reported with its type; the rest go on."""
    docs = documents(3, {1: "BOOM"})

    for jobs in (1, 2):
        results = list(Batch(docs, jobs=jobs, extractor=fake_extractor))

        assert [r.error for r in results] == [
            None,
            "internal error: RuntimeError: boom",
            None,
        ]


def test_input_failures_pass_through_in_place():
    """Unreadable inputs come out as failed results at their position."""
    items = [documents(1)[0], InputFailure("gone.txt", "no such file or directory")]

    for jobs in (1, 2):
        results = list(Batch(items, jobs=jobs, extractor=fake_extractor))

        assert [r.error for r in results] == [None, "no such file or directory"]


def test_finished_documents_pass_through_in_place_unextracted():
    """A result an earlier run found is handed on at its turn, as it was."""
    quote = Quote(TextSpan(1, 5, "kept"), 1, "full")
    earlier = DocumentResult("done.txt", (quote,), None, resumed=True)
    first, *rest = documents(3)
    items = [first, Finished(earlier), *rest]

    for jobs in (1, 2):
        results = list(Batch(items, jobs=jobs, extractor=fake_extractor))

        assert [r.name for r in results] == [item.name for item in items]
        assert results[1] is earlier


def test_missing_model_stops_the_batch_with_its_hint():
    """A model that isn't installed is an error for the whole run, not per file."""
    settings = EngineSettings(model="no_such_pipeline_xyz")

    for jobs in (1, 2):
        with pytest.raises(ModelNotFoundError, match="no_such_pipeline_xyz"):
            list(Batch(documents(2), settings, jobs=jobs))


def test_no_model_is_loaded_when_every_input_fails():
    """A run over missing files answers without loading anything."""
    settings = EngineSettings(model="no_such_pipeline_xyz")

    [result] = Batch([InputFailure("a.txt", "no such file or directory")], settings)

    assert result.failed


def _big_file(tmp_path: Path, newline: str = "\n") -> tuple[Path, str]:
    paragraphs = []
    for i in range(40):
        paragraphs.append(
            f"Minister Ann Lee{i} spoke at event {i} in the town hall.\n\n"
            f'"We will build bridge number {i}," Lee{i} said. "It opens soon."\n'
        )
    text = ("Bridges for everyone\n\n" + "\n".join(paragraphs)).replace("\n", newline)
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8", newline="")
    return path, text


@pytest.mark.parametrize("jobs", [1, 2])
def test_large_document_offsets_index_the_whole_file(tmp_path, jobs):
    """Quotes from later pieces point into the whole text, lines included."""
    path, text = _big_file(tmp_path)
    [item] = iter_documents([path], large_file_bytes=1000)
    assert isinstance(item, LargeDocument)
    extractor = fake_extractor if jobs > 1 else Batch(()).extractor

    [result] = Batch([item], jobs=jobs, extractor=extractor, piece_chars=700)

    assert len(result.quotes) == 80
    for quote in result.quotes:
        assert quote.text == text[quote.content.start : quote.content.end]
        assert text.count("\n", 0, quote.content.start) + 1 == quote.line
        for span in (quote.mention, quote.cue):
            if span is not None:
                assert span.text == text[span.start : span.end]
    assert sorted(q.content.start for q in result.quotes) == [
        q.content.start for q in result.quotes
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_large_document_in_pieces_matches_the_whole_text(tmp_path, newline):
    """With the previous piece's tail as context, pieces give what one pass does.

    Lines and paragraphs end at LF, CRLF or a lone CR (old Mac files), as the
    engine reads them: line numbers don't drift from piece to piece.
    """
    path, _ = _big_file(tmp_path, newline)
    [item] = iter_documents([path], large_file_bytes=1000)
    [whole] = iter_documents([path])

    [pieces] = Batch([item], piece_chars=700)
    [at_once] = Batch([whole])

    assert at_once.quotes == pieces.quotes
    assert {"full"} == {q.type for q in pieces.quotes}


def assert_spans_index(text: str, quotes: list[Quote]) -> None:
    """Every span of every quote is the slice of ``text`` it claims to be."""
    for quote in quotes:
        for span in (quote.content, quote.mention, quote.cue):
            if span is not None:
                assert span.text == text[span.start : span.end]
        assert text.count("\n", 0, quote.content.start) + 1 == quote.line


@pytest.mark.parametrize("jobs", [1, 2])
def test_document_with_a_long_line_is_cut_into_pieces(jobs):
    """A line longer than a piece is extracted piece by piece, offsets shifted."""
    text = "Intro.\n" + "".join(f'"w{i}" and ' for i in range(400)) + "\nEnd."

    [result] = Batch(
        [Document("line.txt", text)],
        jobs=jobs,
        extractor=fake_extractor,
        piece_chars=500,
    )

    assert [q.text for q in result.quotes] == [f"w{i}" for i in range(400)]
    assert_spans_index(text, list(result.quotes))


def test_document_with_short_lines_is_extracted_whole():
    """Only a line too long to parse makes an in-memory document go in pieces."""
    text = '"Yes," she said.\n' * 100
    seen: list[str] = []

    def recording(settings: EngineSettings) -> Callable[[str], list[Quote]]:
        def extract(piece: str) -> list[Quote]:
            seen.append(piece)
            return []

        return extract

    list(Batch([Document("a.txt", text)], extractor=recording, piece_chars=500))

    assert seen == [text]


def test_real_engine_on_one_enormous_line_keeps_offsets_exact():
    """Pieces cut at spaces in a line without breaks still index the text."""
    units = 200
    text = "".join(f'"We will win district {i}," Ann Lee said. ' for i in range(units))

    [result] = Batch([Document("line.txt", text)], piece_chars=1500)

    found = list(result.quotes)
    assert_spans_index(text, found)
    # A cut can fall inside a quote, or between it and its speaker, and lose
    # it (or leave it looking like a term): at most one per cut.
    quotes = [q for q in found if q.type != "term"]
    assert units - len(text) // 1000 <= len(quotes) <= units
    assert {q.speaker for q in quotes} == {"Ann Lee"}
    assert [q.content.start for q in quotes] == sorted(q.content.start for q in quotes)


@pytest.mark.parametrize("jobs", [1, 2])
def test_big_file_removed_before_its_turn_fails_alone(tmp_path, jobs):
    """A big file gone when its pieces are read fails; the next input still runs."""
    path, _ = _big_file(tmp_path)
    [item] = iter_documents([path], large_file_bytes=1000)
    path.unlink()

    results = list(Batch([item, *documents(1)], jobs=jobs, extractor=fake_extractor))

    assert summary(results) == [
        (str(path), [], "no such file or directory"),
        ("doc0.txt", ["quote 0", "more 0"], None),
    ]


def test_filter_by_speaker_confidence_and_type():
    """Speaker by name or surname in any case; confidence floor; type set."""
    quote = Quote(TextSpan(0, 1, "x"), 1, "partial", "Helena Vosk", confidence=0.7)

    assert QuoteFilter(speaker="VOSK")(quote)
    assert QuoteFilter(speaker="helena  vosk")(quote)
    assert not QuoteFilter(speaker="Helena")(quote)
    assert not QuoteFilter(min_confidence=0.8)(quote)
    assert QuoteFilter(min_confidence=0.7, types=frozenset({"partial"}))(quote)
    assert not QuoteFilter(types=frozenset({"full", "headline"}))(quote)


def test_unattributed_quotes_never_match_a_speaker():
    """A quote with no speaker is kept only when no speaker is asked for."""
    assert not speaker_matches(None, "vosk")


def test_standard_input_is_dash_in_records():
    """Records say - for standard input, also for its JSON Lines lines."""
    assert (
        record_name("<stdin>"),
        record_name("<stdin>:3"),
        record_name("a.txt"),
    ) == ("-", "-:3", "a.txt")


def test_display_name_shows_bytes_that_are_not_utf8():
    """Names from odd file names or JSON escapes always encode as UTF-8."""
    assert (
        display_name("plain caf\u00e9.txt"),
        display_name(os.fsdecode(b"caf\xe9.txt")),
        display_name("half \ud800 pair"),
    ) == ("plain caf\u00e9.txt", "caf\\xe9.txt", "half \\ud800 pair")
    assert DocumentResult(os.fsdecode(b"\xff.txt")).record_name == "\\xff.txt"


def test_a_worker_dying_while_idle_costs_no_document():
    """A worker killed between tasks is replaced before it gets one."""
    pool = WorkerPool(1, fake_extractor, EngineSettings())
    try:
        assert pool.submit("first", '"one"') == []
        [first] = pool.wait(timeout=60)
        [worker] = pool._workers
        worker.process.kill()
        worker.process.join(timeout=10)

        assert pool.submit("second", '"two"') == []
        [second] = pool.wait(timeout=60)
    finally:
        pool.close()

    assert (first.task, [q.text for q in first.quotes]) == ("first", ["one"])
    assert (second.task, [q.text for q in second.quotes]) == ("second", ["two"])


def test_tasks_queued_behind_a_dying_task_are_run_by_a_new_worker():
    """Only the task a worker was running is lost; the next one still runs."""
    pool = WorkerPool(1, fake_extractor, EngineSettings())
    results = []
    try:
        assert pool.submit("doomed", 'DIE "one"') == []
        assert pool.submit("queued", '"two"') == []
        assert not pool.has_room()
        while pool.busy:
            results += pool.wait(timeout=60)
    finally:
        pool.close()

    assert [(r.task, r.error) for r in results] == [
        ("doomed", WORKER_DIED),
        ("queued", None),
    ]
    assert [q.text for q in results[1].quotes] == ["two"]
