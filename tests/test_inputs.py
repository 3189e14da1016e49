"""Tests for quotex.inputs: which inputs a run reads, and as what."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quotex import inputs
from quotex.inputs import (
    InputFailure,
    InputFormat,
    InputPath,
    count_documents,
    find_inputs,
    input_format_for,
    looks_like,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("articles.jsonl", InputFormat.JSONL),
        ("ARTICLES.NDJSON", InputFormat.JSONL),
        ("saved/story.html", InputFormat.HTML),
        ("saved/story.HTM.gz", InputFormat.HTML),
        ("news/a.txt", InputFormat.TEXT),
        ("notes.jsonl.txt", InputFormat.TEXT),
        ("README", InputFormat.TEXT),
        ("-", InputFormat.TEXT),
    ],
)
def test_auto_reads_by_the_name_s_ending(name, expected):
    """.jsonl and .ndjson are JSON Lines, .html pages; else, stdin too, text."""
    assert input_format_for(name, "auto") is expected


def test_the_format_asked_for_wins_over_the_ending():
    """--input-format overrides the guess, both ways."""
    assert input_format_for("articles.jsonl", "text") is InputFormat.TEXT
    assert input_format_for("articles.txt", "jsonl") is InputFormat.JSONL
    assert input_format_for("story.html", "text") is InputFormat.TEXT


def test_the_longest_matching_ending_chooses(monkeypatch):
    """An ending of two parts (.html.gz) beats its last part (.gz)."""
    monkeypatch.setitem(inputs.INPUT_SUFFIXES, ".gz", InputFormat.TEXT)
    monkeypatch.setitem(inputs.INPUT_SUFFIXES, ".html.gz", InputFormat.JSONL)

    assert input_format_for("page.HTML.gz", "auto") is InputFormat.JSONL
    assert input_format_for("notes.gz", "auto") is InputFormat.TEXT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"url": "https://x.test/1", "body": "Yes."}\n{"url": "b"}\n', "JSON Lines"),
        ('  {\n  "articles": []\n}\n', "JSON"),
        ('[{"url": "a"},\n {"url": "b"}]', "JSON"),
        ("<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>", "HTML"),
        ("\n<p class='lead'>\u201cYes,\u201d she said.</p>", "HTML"),
        ('Budget news\n\n"Yes," she said.\n', None),
        ("[Updated at noon] The council met.\n", None),
        ("{Editor's note: names changed}\n", None),
        ("<3 the new bridge, she wrote.", None),
        ("", None),
    ],
)
def test_text_that_is_not_prose_is_recognised(text, expected):
    """JSON Lines, JSON and HTML read as text are named; prose is not."""
    assert looks_like(text) == expected


def test_folders_are_walked_once_and_each_input_gets_its_format(tmp_path, monkeypatch):
    """One walk yields files in order, with the format each is read as."""
    (tmp_path / "b").mkdir()
    for name in ("a.txt", "b/c.jsonl", "b/d.txt", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    scanned: list[str] = []
    real_scandir = os.scandir

    def scandir(path):
        scanned.append(str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)

    found = list(find_inputs([tmp_path, "-"], glob="*.*sonl"))
    found += list(find_inputs([tmp_path], glob="*"))

    assert found == [
        InputPath(tmp_path / "b" / "c.jsonl", InputFormat.JSONL, False, True),
        InputPath(Path("-"), InputFormat.TEXT, True, True),
        InputPath(tmp_path / "a.txt", InputFormat.TEXT, False, True),
        InputPath(tmp_path / "b" / "c.jsonl", InputFormat.JSONL, False, True),
        InputPath(tmp_path / "b" / "d.txt", InputFormat.TEXT, False, True),
    ]
    assert sorted(scanned) == sorted([str(tmp_path), str(tmp_path / "b")] * 2)


def test_documents_are_counted_only_when_each_input_is_one():
    """A JSON Lines input holds an unknown number of documents."""
    text = [InputPath(Path("a.txt")), InputFailure("gone", "no such file")]

    assert count_documents(text) == 2
    lines = InputPath(Path("b.jsonl"), InputFormat.JSONL)
    assert count_documents([*text, lines]) is None
