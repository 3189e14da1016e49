"""Tests for the speaker name matcher used by the scorer."""

from __future__ import annotations

import pytest

from quotex import evaluation
from quotex.names import names_same_person


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        ("Haley Morris", "Spokeswoman Haley Morris", True),
        ("Clinton", "Hillary Rodham Clinton", True),
        # The convention compares surnames only: two Clintons are one speaker.
        ("Bill Clinton", "Hillary Clinton", True),
        ("Ted Cruz", "Sen. Ted Cruz", True),
        ("Donald Trump", "Republican presidential candidate Donald Trump", True),
        ("Corey Lewandowski", "Trump's campaign manager Corey Lewandowski", True),
        ("Donald Trump", "Trump\u2019s campaign manager Corey Lewandowski", False),
        ("Marco Rubio", "Sen. Marco Rubio of Florida", True),
        ("Florida", "Sen. Marco Rubio of Florida", False),
        ("John F. Kerry", "Secretary of State John F. Kerry", True),
        ("Madeleine Albright", "Former Secretary of State Madeleine Albright", True),
        ("London", "Mayor of London", False),
        ("Paul Ryan", "House Speaker Paul D. Ryan (R-Wis.)", True),
        ("Ron Geffner", "Ron Geffner, a lawyer for hedge funds", True),
        ("Martin O'Malley", "O\u2019Malley\u2019s", True),
        ("Martin Luther King Jr.", "Mr. King", True),
        ("José Rodríguez", "State Senator Jose Rodriguez, Democrat of Texas", True),
        ("HALEY MORRIS", "haley morris", True),
        ("Donald Trump", "Sen. Ted Cruz", False),
        # Only surnames match across forms: a bare first name names only itself.
        ("Hillary Clinton", "Hillary", False),
        ("", "Clinton", False),
    ],
)
def test_names_same_person(predicted: str, gold: str, same: bool) -> None:
    """Names match on the full name or the surname, ignoring titles and clauses."""
    assert same == names_same_person(predicted, gold)


def test_matcher_is_still_importable_from_the_scorer() -> None:
    """Callers that import the matcher from ``quotex.evaluation`` keep working."""
    assert evaluation.names_same_person is names_same_person
