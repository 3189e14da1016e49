"""Shared fixtures: the real default pipeline, the example article, shared data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacy.language import Language

#: The repository root (tests/ lives directly under it).
ROOT = Path(__file__).resolve().parents[1]
#: Data shared beside the checkout; only tests that say so may need it.
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The default spaCy pipeline, loaded once (fails with the install hint)."""
    from quotex.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def example_article() -> Path:
    """The article the README's Quick start runs on."""
    return ROOT / "examples" / "article.txt"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared folder beside the checkout (may be absent outside CI)."""
    return SHARED
