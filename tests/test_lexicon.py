"""Tests for quotex's word lists (:mod:`quotex.lexicon`) and using a copy of them."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

import quotex
from quotex.errors import ResourceError
from quotex.lexicon import load_lexicon

#: The word lists as they sit in the source tree.
MODELS = Path(__file__).resolve().parents[1] / "models"

INSISTED = (
    'Harbour news\n\n"The harbour will reopen next week," Anna Lindqvist insisted.'
)


@pytest.fixture
def lexicon_copy(tmp_path: Path) -> Path:
    """A user's own copy of the shipped word-list folder."""
    folder = tmp_path / "lexicon"
    shutil.copytree(MODELS, folder)
    return folder


def remove_line(path: Path, word: str) -> None:
    """Delete the line holding exactly ``word`` from a word-list file."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if line.strip() != word]
    assert len(kept) == len(lines) - 1, f"{word!r} not found once in {path}"
    path.write_text("".join(kept), encoding="utf-8")


def test_shipped_lexicon_has_a_broad_list_of_reporting_verbs():
    """The shipped list holds the common reporting verbs as lemmas."""
    expected = {
        "say", "tell", "add", "note", "explain", "insist", "warn", "stress",
        "reply", "write", "tweet", "continue", "shrug",
    }  # fmt: skip

    lexicon = load_lexicon()

    assert expected <= lexicon.reporting_verbs
    assert len(lexicon.reporting_verbs) >= 100


def test_shipped_lexicon_loads_every_list():
    """Every shipped list loads with content: nouns, roles, titles, given names."""
    lexicon = load_lexicon()

    assert "statement" in lexicon.reporting_nouns
    assert "diplomat" in lexicon.roles["ambassador"]
    assert "mr" in lexicon.titles
    assert lexicon.title_genders["mr"] == "m"
    assert set(lexicon.first_names.values()) <= {"m", "f"}
    assert lexicon.organization_nouns
    assert "latest" in lexicon.rubrics
    assert {"new jersey", "u.s", "toronto"} <= lexicon.places
    assert "ferguson" not in lexicon.places  # as often a surname


def test_person_nouns_are_role_heads_and_their_one_word_relatives():
    """ "aide" is a role head, "staffer" only a related word, "heckler" a plain
    person noun; all are words for a person, and plurals find them."""
    lexicon = load_lexicon()

    assert {"aide", "staffer", "heckler"} <= lexicon.person_nouns
    assert "secretary of state" not in lexicon.person_nouns
    assert [lexicon.noun_key(w) for w in ("hecklers", "staffers", "ministries")] == [
        "heckler",
        "staffer",
        "ministry",
    ]


def test_word_lists_also_know_british_spellings():
    """Lists written "organizer", "organization", "summarize" also hold the
    British forms, as news from Britain, Canada and Australia writes them."""
    lexicon = load_lexicon()

    assert {"organizer", "organiser", "neighbour"} <= lexicon.person_nouns
    assert {"organization", "organisation"} <= lexicon.organization_nouns
    assert {"summarised", "summarized"} <= lexicon.reporting_forms
    assert lexicon.roles["organiser"] == lexicon.roles["organizer"]


def test_a_british_title_joins_the_name_it_stands_before():
    """ "Organiser Kim Lo" is Kim Lo, as "Organizer Kim Lo" is."""
    for title in ("Organizer", "Organiser"):
        text = f'Harbour news\n\n{title} Kim Lo said the turnout was "amazing".'
        assert [q.speaker for q in quotex.extract(text)] == ["Kim Lo"]


def test_shipped_lexicon_is_the_checkout_folder():
    """Loading the checkout's ``models/`` folder by path gives the shipped lexicon.

    Only the folder they were read from may differ: an install that is not
    editable (CI's) ships a copy of the folder.
    """
    by_path = load_lexicon(str(MODELS))
    shipped = load_lexicon()

    assert dataclasses.replace(by_path, directory=shipped.directory) == shipped


def test_own_copy_changes_behaviour(lexicon_copy):
    """Removing a verb from a copy of the lists stops it from being a cue.

    The speaker can still be read as the subject of the sentence, with less
    confidence than through a reporting verb.
    """
    remove_line(lexicon_copy / "reporting_verbs.txt", "insist")

    changed = quotex.extract(INSISTED, lexicon=str(lexicon_copy))

    [shipped] = quotex.extract(INSISTED)
    assert (shipped.speaker, shipped.cue.text if shipped.cue else None) == (
        "Anna Lindqvist",
        "insisted",
    )
    assert [(q.text, q.cue) for q in changed] == [
        ("The harbour will reopen next week,", None)
    ]
    assert changed[0].confidence < shipped.confidence


def test_malformed_roles_line_raises_resource_error(lexicon_copy):
    """A roles line without "role:" raises ResourceError naming the file and line."""
    roles = lexicon_copy / "roles.txt"
    with roles.open("a", encoding="utf-8") as handle:
        handle.write("spokesman and spokeswoman\n")

    with pytest.raises(ResourceError) as error:
        load_lexicon(str(lexicon_copy))

    assert "roles.txt:" in str(error.value)


def test_malformed_lexicon_fails_extraction(lexicon_copy):
    """Extracting with a malformed folder raises ResourceError, not another error."""
    (lexicon_copy / "roles.txt").write_text(": no head\n", encoding="utf-8")

    with pytest.raises(ResourceError):
        quotex.extract(INSISTED, lexicon=str(lexicon_copy))


def test_missing_list_raises_resource_error(lexicon_copy):
    """A folder without one of the lists raises ResourceError naming the file."""
    (lexicon_copy / "titles.txt").unlink()

    with pytest.raises(ResourceError) as error:
        load_lexicon(str(lexicon_copy))

    assert "titles.txt" in str(error.value)


@pytest.mark.parametrize(
    ("word", "title"),
    [
        ("Sen.", True),
        ("Republicans", True),  # "Fellow Republicans Jolly and Wilcox"
        ("Secretary-Treasurer", True),
        ("Vice-President", True),
        ("Wilson-Raybould", False),
        ("Jolly", False),
    ],
)
def test_a_title_may_be_plural_or_a_compound(word: str, title: bool) -> None:
    """Titles, their plurals and compounds of titles are titles; names are not."""
    assert load_lexicon().is_title(word) is title
