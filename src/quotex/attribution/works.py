"""Does a quoted span name a work: a book, a show, a film, a song?

Titles of works stand in quotation marks in most house styles: "his book
“The Art of the Deal”", "said on CNN's “State of the Union”", "“Orange
Is the New Black” star Selenis Leyva". Such a span is a term, however close
a reporting verb stands ("said on NBC's “Meet the Press”"). The words around
it tell: a noun for a work before it, a broadcaster's possessive, "author of",
or a maker's noun after it. These features go to the speech chooser.
"""

from __future__ import annotations

import re

from quotex.attribution.candidates import DocumentText, QuoteSite
from quotex.lexicon import Lexicon, name_key, word_set

_WORD_RE = re.compile(r"[\w’'-]+")

# People who make or front a work: "author of “…”", "“…” star Jaime Camil".
_MAKERS = word_set(
    "author authors co-author co-authors host hosts co-host star stars co-star "
    "creator creators director producer writer editor publisher cast actor "
    "actress anchor narrator"
)

#: The features that say the words around a span name a work.
WORK_SIGNS = (
    "before:work_noun",
    "before:broadcaster",
    "before:maker_of",
    "after:maker",
)


def work_title_features(
    document: DocumentText, site: QuoteSite, lexicon: Lexicon
) -> dict[str, float]:
    """What around the span says it is the title of a work."""
    text = document.text
    start, end = document.paragraphs[site.paragraph]
    features: dict[str, float] = {}
    # The words right before the mark, or before an appositive comma ("his
    # book, “…”"); a sentence that ends before the mark says nothing of it.
    lead = text[max(start, site.open_pos - 50) : site.open_pos].rstrip()
    lead = lead.removesuffix(",")
    words = (
        _WORD_RE.findall(lead.lower())
        if lead[-1:].isalnum() or lead.endswith(("'", "’"))
        else []
    )
    if words:
        last = words[-1]
        if last in lexicon.work_nouns:
            features["before:work_noun"] = 1.0  # "his book", "the TV show"
        elif _possessor(last) in lexicon.media_names:
            features["before:broadcaster"] = 1.0  # "on CNN's", "on CBS'"
        elif last == "of" and len(words) > 1 and words[-2] in _MAKERS:
            features["before:maker_of"] = 1.0  # "author of", "host of"
    content = text[site.span.start : site.span.end].rstrip()
    if site.span.terminated and content[-1:].isalnum():
        # "“Orange Is the New Black” star Selenis Leyva"; but "“Thanks,”
        # host Jimmy Fallon said" ends its words with a comma.
        tail = text[site.close_end : min(end, site.close_end + 30)]
        following = re.match(r"\s+([\w-]+)", tail)
        if following and following.group(1).lower() in _MAKERS:
            features["after:maker"] = 1.0
    return features


def _possessor(word: str) -> str:
    """The name a possessive is formed on ("cnn's" -> "cnn", "cbs'" -> "cbs")."""
    word = name_key(word)
    if word.endswith("'s"):
        return word[:-2]
    return word[:-1] if word.endswith("'") else ""
