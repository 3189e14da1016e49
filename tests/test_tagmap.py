"""The coarse-tag lookup table gives exactly what spaCy's attribute ruler gives."""

from __future__ import annotations

import spacy
from conftest import ROOT

from quotex.pipeline import UNUSED_COMPONENTS, get_engine, resolve_model_name
from quotex.tagmap import PosTable

# Sentences that reach the ruler's exceptions: "that" as a pronoun and a
# determiner, "there is", "but" as an adverb, auxiliaries, spaces, symbols.
SENTENCES = [
    "That is what she said, but that idea was not hers.",
    "There is no deal, and there are no talks,\n\n  the minister said.",
    "\u201cWe have done all we can,\u201d he said. \u201cWe'll see.\u201d",
    "It's been 10 years -- maybe 20 -- since Smith's party won 55% of votes.",
    "Mr. Lavrov, who has been Russia's top diplomat since 2004, didn't comment.",
    "But I'd rather not, said Jones; ain't nobody gonna ask.",
]


def _with_and_without_ruler() -> tuple[list[str], list[str]]:
    name = resolve_model_name(None)
    full = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    texts = [*SENTENCES, (ROOT / "examples" / "article.txt").read_text("utf-8")]
    ruler = full.get_pipe("attribute_ruler")
    table = PosTable.from_patterns(ruler.patterns)
    assert table is not None
    expected, actual = [], []
    with full.select_pipes(disable=["attribute_ruler"]):
        bare = [table(doc) for doc in full.pipe(texts)]
    for doc in full.pipe(texts):
        expected += [f"{t.text}/{t.pos_}/{t.tag_}/{t.dep_}" for t in doc]
    for doc in bare:
        actual += [f"{t.text}/{t.pos_}/{t.tag_}/{t.dep_}" for t in doc]
    return expected, actual


def test_table_sets_the_tags_the_ruler_sets() -> None:
    expected, actual = _with_and_without_ruler()
    assert len(expected) > 300
    assert actual == expected


def test_engine_uses_the_table_only_in_parse_only_mode() -> None:
    fast = get_engine()
    assert fast.pos_table is not None
    assert "attribute_ruler" not in fast.nlp.pipe_names
    full = get_engine(full_pipeline=True)
    assert full.pos_table is None
    assert "attribute_ruler" in full.nlp.pipe_names


def test_a_second_engine_on_the_same_pipeline_still_tags() -> None:
    # Engines for two lexicons share one loaded pipeline; the second must not
    # miss the ruler the first one switched off.
    first = get_engine()
    other = get_engine(lexicon=str(ROOT / "models"))
    assert other.nlp is first.nlp
    assert other.pos_table is not None
    doc = other.parse(["That is what she said."])[0]
    assert [t.pos_ for t in doc][:2] == ["PRON", "AUX"]


def test_rules_it_cannot_express_leave_the_ruler_on() -> None:
    pattern = {"patterns": [[{"TAG": "NN", "LENGTH": 3}]], "attrs": {"POS": "X"}}
    assert PosTable.from_patterns([pattern]) is None
    regex = {"patterns": [[{"LOWER": {"REGEX": "^a"}}]], "attrs": {"POS": "X"}}
    assert PosTable.from_patterns([regex]) is None
    lemma_only = {"patterns": [[{"LOWER": "be"}]], "attrs": {"LEMMA": "be"}}
    table = PosTable.from_patterns([lemma_only])
    assert table is not None and not table.by_tag and not table.other
