"""Speaker phrases: build the words around a subject and say what kind they are.

A mention is a name ("Foreign Minister Sergey Lavrov"), a pronoun ("he"), a
description ("the Russian top diplomat"), an organisation ("the ministry") or
the reporter ("I"). Kinds are read from the tagger's proper nouns and quotex's
word lists, not from a named-entity recognizer, the costliest component of
the small English pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc, Token

from quotex.attribution.paragraph import Paragraph
from quotex.attribution.tokens import (
    DASHES,
    is_modal_name,
    is_nominal,
    is_proper,
    is_split_title,
    is_verb,
    looks_like_name,
    names_only_a_role,
)
from quotex.lexicon import Lexicon, word_set

MentionKind = Literal["name", "pronoun", "description", "organization", "reporter"]
MENTION_KINDS: tuple[MentionKind, ...] = (
    "name",
    "pronoun",
    "description",
    "organization",
    "reporter",
)

PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m"}
GROUP_PRONOUNS = frozenset({"they", "we", "it", "them", "us", "their", "its", "our"})
REPORTER_PRONOUNS = frozenset({"i", "me", "you"})
# Lower-case words that belong inside a name: "Marieke de Vries".
NAME_PARTICLES = word_set(
    "de da di del della der den van von du la le bin ibn al el dos das ter ten"
)

# Children that belong to the sentence rather than to the speaker's phrase:
# "Lavrov, who arrived on Monday," stays "Lavrov".
_MENTION_SKIP_DEPS = frozenset(
    {"appos", "relcl", "acl", "advcl", "punct", "cc", "conj", "parataxis", "prep"}
)
_SPOKES_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "official"})
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
# How many tokens a speaker phrase read from word order may have.
PHRASE_REACH = 12


@dataclass(frozen=True, slots=True)
class Mention:
    """A phrase naming or pointing at a speaker, in document offsets."""

    start: int
    end: int
    text: str
    kind: MentionKind
    #: the name inside the phrase, for names and organisations ("Sergey Lavrov"
    #: in "Minister Sergey Lavrov"); the head word, lower-cased, for the others
    key: str
    #: words before the name that may hold a title ("Russian Foreign Minister")
    titles: str = ""
    #: a description of more than one ("the committee chairmen", "the two")
    plural: bool = False


@dataclass(frozen=True, slots=True)
class Clue:
    """What one rule found for a quote: a speaker mention, a cue, or both.

    ``source`` names the rule ("cue_after", "colon_intro"): it is a feature
    for the scorer, which decides between the clues of one quote.
    """

    mention: Mention | None
    cue: tuple[int, int] | None
    source: str


def make_mention(para: Paragraph, head: Token, lexicon: Lexicon) -> Mention | None:
    """Build the speaker phrase around ``head`` and say what kind it is.

    A relative pronoun ("Obama, who called him …") is the mention, standing
    for the phrase it refers back to.
    """
    if head.lower_ in _RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
        antecedent = make_mention(para, head.head.head, lexicon)
        if antecedent is None:
            return None
        start = para.offset(head)
        return replace(antecedent, start=start, end=start + len(head), text=head.text)
    keep = [head]
    stack = [c for c in head.children if c.dep_ not in _MENTION_SKIP_DEPS]
    # A name in close apposition, with no comma: "the Israeli newspaper
    # Haaretz", "his wife Melania" name who the noun is.
    stack += [
        c
        for c in head.rights
        if c.dep_ == "appos" and c.pos_ == "PROPN" and c.left_edge.i == head.i + 1
    ]
    if head.lower_ in _SPOKES_NOUNS:
        # "a spokesman for Disney": the organisation is part of who spoke.
        stack += [c for c in head.children if c.dep_ == "prep"]
    elif head.lower_ in lexicon.reporting_nouns:
        # "a statement from the EU", "a study by the Senate committee": the
        # author is part of the phrase.
        stack += [
            c
            for c in head.children
            if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by", "of")
        ]
    elif _is_organization_head(head, lexicon):
        # "The Bank of England": an organisation keeps its whole name.
        stack += [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
    while stack:
        token = stack.pop()
        keep.append(token)
        stack.extend(token.children)
    keep = [t for t in keep if not para.inside_quote(t)]
    if not keep:
        return None
    keep.sort(key=lambda t: t.i)
    # Keep the contiguous run around the head; trim punctuation at the edges.
    first = last = keep.index(head) if head in keep else 0
    while first > 0 and keep[first - 1].i == keep[first].i - 1:
        first -= 1
    while last + 1 < len(keep) and keep[last + 1].i == keep[last].i + 1:
        last += 1
    run = extend_glued(keep[first : last + 1])
    dashes = [
        k
        for k, t in enumerate(run)
        if t.i < head.i and t.text in DASHES and t.whitespace_
    ]
    if dashes:
        run = run[dashes[-1] + 1 :]  # "… TOO EARLY - Maria Okonkwo" is Maria Okonkwo
    while run and (run[0].is_punct or run[0].is_space):
        run.pop(0)
    while run and (run[-1].is_punct or run[-1].is_space or run[-1].tag_ == "POS"):
        run.pop()
    if not run:
        return None
    return _typed_mention(para, head, run, lexicon)


def _is_organization_head(head: Token, lexicon: Lexicon) -> bool:
    return head.text[:1].isupper() and (
        lexicon.noun_key(head.lower_) in lexicon.organization_nouns
    )


def _typed_mention(
    para: Paragraph, head: Token, run: list[Token], lexicon: Lexicon
) -> Mention:
    """Say whether a speaker phrase is a name, pronoun, organisation or description."""
    start = para.offset(run[0])
    end = para.offset(run[-1]) + len(run[-1])
    doc = head.doc
    text = doc[run[0].i : run[-1].i + 1].text
    lower = head.lower_
    if lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS:
        return Mention(start, end, text, "pronoun", lower)
    if lower in REPORTER_PRONOUNS:
        return Mention(start, end, text, "reporter", lower)
    if names_only_a_role(run, head, lexicon):
        key = lexicon.noun_key(head.lower_.rstrip("."))
        return Mention(start, end, text, "description", key, plural=_plural(head))
    # A word in lower case is no name, whatever the tagger says ("the
    # billionaire business mogul", PROPN to the small model).
    if (is_proper(head) and not head.text[:1].islower()) or looks_like_name(head, run):
        if _is_title_word(head, lexicon):
            # "Speaker of the House Rep. Paul Ryan": the title heads the
            # phrase, the name comes after it.
            head = next(
                (t for t in reversed(run) if t.i > head.i and is_proper(t)), head
            )
        name_start = head.i
        while name_start > run[0].i and _continues_name(doc[name_start - 1]):
            name_start -= 1
        name_end = head.i + 1
        while name_end <= run[-1].i and _continues_name_after(doc, name_end):
            name_end += 1
        name = list(doc[name_start:name_end])
        titles = doc[run[0].i : name_start].text
        if is_organization(name, lexicon):
            return Mention(start, end, text, "organization", _org_name(run))
        return Mention(start, end, text, "name", doc[name_start:name_end].text, titles)
    key = lexicon.noun_key(lower)
    if key in lexicon.organization_nouns and any(
        t.text[:1].isupper() and t.pos_ != "ADJ" for t in run[1:]
    ):
        # "the Clinton campaign": a named body. "The department" and "the
        # Israeli newspaper" name none: descriptions, resolved like "the
        # minister".
        return Mention(start, end, text, "organization", _org_name(run))
    return Mention(start, end, text, "description", key, plural=_plural(head))


# Heads that count more than one: "the two said", "both told reporters".
_MANY = word_set("two three four five six seven eight nine ten both those several")


def _plural(head: Token) -> bool:
    """Whether a description's head means more than one: tagged plural, or a count."""
    return head.tag_ in ("NNS", "NNPS") or head.lower_ in _MANY


def _is_title_word(token: Token, lexicon: Lexicon) -> bool:
    word = token.lower_.rstrip(".")
    return word in lexicon.titles or word in lexicon.person_nouns


def _continues_name(token: Token) -> bool:
    """Whether ``token`` still belongs to the name that follows it."""
    return (
        token.pos_ == "PROPN"
        or not token.whitespace_
        or (token.lower_ in NAME_PARTICLES and token.i > 0 and token.nbor(-1).is_title)
    )


def _continues_name_after(doc: Doc, index: int) -> bool:
    """Whether the token at ``index`` goes on with the name before it.

    "Martin Luther King Jr." and "Henry VIII": a suffix belongs to the name.
    """
    token = doc[index]
    return token.lower_.rstrip(".") in ("jr", "sr", "ii", "iii", "iv") or (
        token.text == "." and doc[index - 1].lower_ in ("jr", "sr")
    )


def _org_name(run: list[Token]) -> str:
    """The organisation's whole name: "Bank of England", not "Bank"."""
    words = list(run)
    while len(words) > 1 and (
        words[0].pos_ == "DET" or not words[0].text[:1].isupper()
    ):
        words = words[1:]  # "the", "a"
    return words[0].doc[words[0].i : words[-1].i + 1].text


def is_organization(name: list[Token], lexicon: Lexicon) -> bool:
    """Whether a proper name names an organisation: DNC, the Justice Department."""
    words = [t.text for t in name if t.is_alpha]
    if not words:
        return False
    if len(words) == 1 and len(words[0]) > 1 and words[0].isupper():
        return True  # an acronym: CNN, FBI
    if words[0].lower() in lexicon.first_names:
        return False
    # The head word tells: the Justice Department, The New York Times.
    return lexicon.noun_key(words[-1].lower()) in lexicon.organization_nouns


def is_speaker_like(mention: Mention, lexicon: Lexicon) -> bool:
    """Whether a subject is the kind of thing that says things."""
    if mention.kind == "description":
        return (
            mention.key in lexicon.person_nouns
            or mention.key in lexicon.organization_nouns
        )
    return can_speak(mention)


def can_speak(mention: Mention) -> bool:
    """Whether a sentence subject can be the source of a quote woven into it.

    People, organisations, groups and descriptions can; "it" and the
    reporter's own "I" cannot.
    """
    if mention.kind == "pronoun":
        return mention.key not in ("it", "this", "that")
    return mention.kind != "reporter"


def extend_glued(run: list[Token]) -> list[Token]:
    """Take in the rest of a word split by the tokenizer: Holtz-Eakin, O'Neill."""
    if not run:
        return run
    doc = run[0].doc
    first, last = run[0].i, run[-1].i
    while (
        first > 0 and not doc[first - 1].whitespace_ and doc[first - 1].text in "-‑'’"
    ):
        first -= 1
        if first > 0 and not doc[first - 1].whitespace_ and doc[first - 1].is_alpha:
            first -= 1
    while (
        last + 1 < len(doc) and not doc[last].whitespace_ and doc[last + 1].text in "-‑"
    ):
        if last + 2 < len(doc) and doc[last + 2].is_alpha:
            last += 2
        else:
            break
    return list(doc[first : last + 1])


def mention_from_run(
    para: Paragraph, run: list[Token], lexicon: Lexicon
) -> Mention | None:
    """Type a speaker phrase read from word order."""
    run = extend_glued([t for t in run if not para.inside_quote(t) and not t.is_space])
    if not run:
        return None
    heads = [t for t in run if is_nominal(t)]
    if not heads:
        return None
    head = heads[-1]
    for token in run:
        if token.pos_ == "ADP" and token.i > run[0].i:
            before = [t for t in heads if t.i < token.i]
            head = before[-1] if before else head
            break
    return _typed_mention(para, head, run, lexicon)


def first_phrase(tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    """Pick the speaker among comma-separated chunks before a cue.

    ``"…" for the victory, Sanders said`` and ``"…," Gene Sperling, a top
    adviser, said``: the first chunk that opens like a noun phrase and holds
    a name, else the first that opens like a noun phrase.
    """
    chunk: list[Token] = []
    chunks = []
    for token in tokens:
        if token.text == ",":
            chunks.append(chunk)
            chunk = []
        else:
            chunk.append(token)
    chunks.append(chunk)
    phrases = [noun_phrase(part) for part in chunks]
    phrases = [
        p
        for p in phrases
        if p
        and p[0].pos_ not in ("ADP", "SCONJ")
        and not any(is_verb(t, lexicon) for t in p)
    ]
    named = [p for p in phrases if any(is_proper(t) for t in p)]
    if named:
        return named[0]
    return phrases[0] if phrases else []


def noun_phrase(tokens: list[Token]) -> list[Token]:
    """Trim a run to the speaker phrase: drop an apposition after a comma."""
    while tokens and (tokens[0].is_punct or tokens[0].pos_ in ("CCONJ", "ADV")):
        tokens = tokens[1:]
    for cut, token in enumerate(tokens):
        if token.text in (",", "(") and cut > 0:
            tokens = tokens[:cut]
            break
    while tokens and (tokens[-1].is_punct or tokens[-1].pos_ in ("ADV", "AUX", "PART")):
        tokens = tokens[:-1]
    if not tokens or not any(is_nominal(t) for t in tokens):
        return []
    return tokens


def phrase_after(para: Paragraph, index: int, lexicon: Lexicon) -> list[Token]:
    """The subject after an inverted cue: ``said Rep. Jim Clyburn (D-S.C.)``."""
    doc = para.span.doc
    run: list[Token] = []
    while index < para.span.end and len(run) < PHRASE_REACH:
        token = doc[index]
        if token.text == "." and run and is_split_title(run[-1], lexicon):
            run.append(token)  # "said Army Capt. Christian Pardo"
            index += 1
            continue
        if para.inside_quote(token) or token.text in (",", "(", ".", ";", ":", "—"):
            break
        if (
            token.pos_ in ("ADP", "SCONJ", "VERB", "AUX")
            and not (token.lower_ == "for" and run and run[-1].lower_ in _SPOKES_NOUNS)
            and not (token.lower_ == "of" and run and run[-1].text[:1].isupper())
            and not token.text.endswith(".")
        ):
            break
        if token.lower_ in _RELATIVE_PRONOUNS:
            break
        run.append(token)
        index += 1
    return noun_phrase(run)


def is_name_token(token: Token) -> bool:
    """A proper noun or a name the tagger read as a modal: "May", "Will"."""
    return is_proper(token) or is_modal_name(token)
