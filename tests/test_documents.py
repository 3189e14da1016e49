"""Tests for pairing each document's text with its quotes, in one process or two."""

from __future__ import annotations

import pytest

from quotex.documents import iter_annotated
from quotex.filters import QuoteFilter


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_document_gets_its_own_text(tmp_path, jobs):
    """Texts and quotes pair up in input order, failures aside, with workers too."""
    names = []
    for i in range(6):
        path = tmp_path / f"a{i}.txt"
        path.write_text(f'Notes {i}\n\n"Part {i} is done," Ann Li said.\n', "utf-8")
        names.append(path)
    missing = tmp_path / "gone.txt"
    failures = []

    documents = list(
        iter_annotated(
            [names[0], missing, *names[1:]],
            jobs=jobs,
            on_failure=lambda name, reason: failures.append((name, reason)),
        )
    )

    assert [str(p) for p in names] == [d.name for d in documents]
    for document in documents:
        assert document.text is not None
        [quote] = document.quotes
        start, end = quote.content.start, quote.content.end
        assert quote.text == document.text[start:end]
    assert [(str(missing), "no such file or directory")] == failures


def test_filters_apply_to_the_quotes_shown(tmp_path):
    """Only the quotes the filter keeps come with the text."""
    path = tmp_path / "a.txt"
    path.write_text('"Yes," Ann Li said. "No," Bo Ek said.\n', "utf-8")

    [document] = iter_annotated([path], keep=QuoteFilter(speaker="ek"))

    assert [q.speaker for q in document.quotes] == ["Bo Ek"]
