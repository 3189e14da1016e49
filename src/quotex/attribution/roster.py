"""Read every name a document mentions, with what its surroundings show.

Names are read from runs of capitalised words on every paragraph, parsed or
not (the cheap way: no entity recognizer runs), outside the quotes. Each
mention keeps the lower-case words before it and an apposition after it as
the person's possible roles ("Lavrov, the top diplomat,"), and flags that the
choosers weigh: it opens its sentence, it is the parsed subject, a reporting
verb or another verb follows (a subject, where no parse is), "the" or a place
preposition stands before it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping, Sequence

from quotex.attribution.candidates import DocumentText
from quotex.attribution.paragraph import Paragraph
from quotex.attribution.people import PersonRegistry
from quotex.attribution.person import (
    AFTER_PLACE_WORD,
    AFTER_THE,
    ALONE,
    APPOSITION,
    BEFORE_VERB,
    CAPITALIZED_RUN_RE,
    IN_HEADLINE,
    OPENS_SENTENCE,
    REPORTS,
    SUBJECT,
    has_role,
)
from quotex.attribution.roles import learn_genders_from_pronouns, read_roles
from quotex.attribution.tokens import SUBJECT_DEPS
from quotex.lexicon import Lexicon, name_key, word_set

# What may stand between a name and its reporting verb: ", who …," or "also".
_REPORTS_AFTER_RE = re.compile(
    r"(?:\s*,[^,;.\n]{1,80},|\s*,)?\s+(?:\w+ly\s+)?([a-z]+)\b"
)
_WORD_BEFORE_RE = re.compile(r"([\w’']+)[^\S\n]*$")
# Words that may open a sentence before its subject: "But Christie said".
_OPENERS = word_set(
    "but and so yet still then now meanwhile however instead later also"
)
_PLACE_WORDS = word_set(
    "in at on from near across outside inside into throughout around"
)
# A sentence opening with a short noun phrase and a comma, right before a name.
_APPOSITIVE_LEAD_RE = re.compile(r"(?:^|[.!?][\"”’']?\s+)[A-Z][^,.;:!?\"“”]{2,60},\s*$")
_NON_SPACE_RE = re.compile(r"\S+")
# Words a Title Case line leaves in lower case.
_TITLE_SMALL_WORDS = word_set(
    "a an the and but or nor for so yet of on in at to by up as off per via "
    "from with into onto over than vs v. de la du von van"
)
# How many of the people named last a role description may point back to.
_DESCRIBED_REACH = 20
# "the mayor", "The Russian top diplomat": a definite role description.
_DESCRIPTION_RE = re.compile(r"\b[Tt]he\s+(?:[\w-]+\s+){0,2}?([a-z]+)\b(?!['’]s)")
# A short name given right after a full one: "Black Lives Matter (BLM)".
_ACRONYM_RE = re.compile(r"\s*\(([A-Z][A-Za-z&]?[A-Z&]{1,6})\)")
_WORD_RE = re.compile(r"[\w’'&-]+")
# A word of three letters or more and a full stop inside a run of capitalised
# words: the end of a sentence, unless the word is an abbreviated title.
_RUN_SENTENCE_END_RE = re.compile(r"(?<![\w.’'-])([A-Za-z][\w’'-]{2,})\.\s+(?=\S)")
# Small words inside an organisation's name: "Health and Human Services".
_NAME_JOINERS = frozenset({"and", "of", "for", "the", "&"})
_OF_RE = re.compile(r"\s+of\s+(?:the\s+)?")
_LOWER_WORD_RE = re.compile(r"(?<![\w’'-])[a-z][a-z]+(?![\w’'-])")
_SENTENCE_END = ".!?:;\"“”‘’'—"
# The word after a name, past ", 63," or an adverb: "Ham, 63, quickly went".
_WORD_AFTER_RE = re.compile(
    r"(?:,[^,;.\n]{1,60},)?[^\S\n]+(?:\w+ly[^\S\n]+)?([a-z]+)\b"
)
# Verbs common after a sentence's subject, besides the reporting ones.
_VERB_WORDS = word_set(
    "is was has had have will would can could did does made went got took "
    "gave came became began left won lost met told wants plans thinks knows "
    "believes hopes feels seems appears remains"
)
_NOT_VERBS = frozenset({"indeed", "speed", "breed", "seed", "creed", "need"})


def read_people(
    document: DocumentText,
    quote_ranges: Mapping[int, Sequence[tuple[int, int]]],
    lexicon: Lexicon,
    read_closely: Collection[int],
) -> PersonRegistry:
    """Collect the names the document mentions outside its quotes.

    The parse shows who is a sentence's subject in the paragraphs listed in
    ``read_closely`` (those the quotes are in), whatever else was parsed.
    """
    registry = PersonRegistry(lexicon)
    text = document.text
    for index, (start, end) in enumerate(document.paragraphs):
        if is_title_case(document.paragraph_text(index)):
            continue  # "Hillary Clinton Goes After Donald Trump": not names
        quotes = quote_ranges.get(index, ())
        para = document.parsed.get(index) if index in read_closely else None
        for position, after, body in _name_runs(text, start, end, lexicon):
            if any(open_ <= position < close for open_, close in quotes):
                continue
            lead = text[max(start, position - 60) : position]
            said = read_roles(text, lead, position, after, end, registry)
            flags = _flags(text, start, end, position, after, lead, lexicon)
            if para is not None and _is_parsed_subject(para, after - 1):
                flags |= SUBJECT
            if index == document.headline:
                flags |= IN_HEADLINE
            person = registry.add(
                text[position:after],
                position,
                index,
                context=" ".join(said.roles),
                flags=flags,
                organization=body or said.names_a_body,
            )
            acronym = _ACRONYM_RE.match(text, after, end)
            if person is not None and acronym:
                # "Black Lives Matter (BLM)": the text names it BLM from here on.
                full = _spelled_out(text, start, after, acronym.group(1))
                if full is not None and len(full.split()) > len(person.tokens):
                    registry.rename(person, full.split())
                registry.alias(acronym.group(1), person)
    _read_descriptions(document, quote_ranges, lexicon, registry)
    every_quote = [span for spans in quote_ranges.values() for span in spans]
    learn_genders_from_pronouns(text, every_quote, registry)
    # A word the text also writes in lower case is a common word, rarely a
    # name: "Christmas Day", "Article Continued Below".
    lower = set(_LOWER_WORD_RE.findall(text))
    for person in registry.people:
        person.common_word = any(
            token.lower() in lower and token.lower() not in lexicon.first_names
            for token in person.tokens
        )
    return registry


def _read_descriptions(
    document: DocumentText,
    quote_ranges: Mapping[int, Sequence[tuple[int, int]]],
    lexicon: Lexicon,
    registry: PersonRegistry,
) -> None:
    """Add "the mayor" as a mention of the person the text made mayor.

    A definite description whose head is a role ("the mayor", "the Russian
    top diplomat") refers back to the person last named with that role or a
    related title; in the thread of who is who, it counts like a name.
    """
    text = document.text
    for index, (start, end) in enumerate(document.paragraphs):
        quotes = quote_ranges.get(index, ())
        for match in _DESCRIPTION_RE.finditer(text, start, end):
            role = match.group(1).lower()
            related = lexicon.roles.get(role)
            position = match.start()
            if related is None or any(o <= position < c for o, c in quotes):
                continue
            person = next(
                (
                    p
                    for p in registry.recent(position, _DESCRIBED_REACH)
                    if any(has_role(p, phrase) for phrase in related)
                ),
                None,
            )
            lead = text[max(start, position - 60) : position]
            flags = _flags(text, start, end, position, match.end(), lead, lexicon)
            # Only one that opens its sentence, where a reader takes it for
            # the person the text goes on about: "The mayor was unmoved."
            if person is not None and flags & OPENS_SENTENCE:
                registry.refer(person, position, index, flags)


def _spelled_out(text: str, start: int, end: int, acronym: str) -> str | None:
    """Return the name before ``end`` whose initials spell ``acronym``.

    "Immigration, Refugees and Citizenship Canada (IRCC)": the capitalised
    words, read back from the acronym, with the "and", "of" and commas
    between them; None when the initials do not spell it.
    """
    letters = [c for c in acronym if c.isupper()]
    words = list(_WORD_RE.finditer(text, start, end))
    for index in reversed(range(len(words))):
        word = words[index].group()
        if word.lower() in _NAME_JOINERS:
            continue
        if not letters or word[:1] != letters[-1]:
            return None
        letters.pop()
        if not letters:
            return text[words[index].start() : end]
    return None


def _name_runs(
    text: str, start: int, end: int, lexicon: Lexicon
) -> Iterator[tuple[int, int, bool]]:
    """Yield ``(start, end, is_body)`` of each run of capitalised words.

    An organisation named "X of Y" is one run: "the Bank of England", "the
    University of Toronto", whose first part ends in an organisation noun.
    """
    runs = [
        piece
        for m in CAPITALIZED_RUN_RE.finditer(text, start, end)
        for piece in _sentence_pieces(text, m.start(), m.end(), lexicon)
    ]
    index = 0
    while index < len(runs):
        first, last = runs[index]
        head = text[first:last].split()[-1].lower()
        if (
            index + 1 < len(runs)
            and _OF_RE.fullmatch(text, last, runs[index + 1][0])
            and lexicon.noun_key(head) in lexicon.organization_nouns
        ):
            yield first, runs[index + 1][1], True
            index += 2
            continue
        yield first, last, False
        index += 1


def _sentence_pieces(
    text: str, start: int, end: int, lexicon: Lexicon
) -> Iterator[tuple[int, int]]:
    """Cut a run of capitalised words where a sentence ends inside it.

    "… said Art Halvorson. Shuster won …" is two names, "Art Halvorson" and
    "Shuster"; "Gov. Jerry Brown" and "U.S. Sen. Ted Cruz" are one.
    """
    for end_of_sentence in _RUN_SENTENCE_END_RE.finditer(text, start, end):
        word = end_of_sentence.group(1)
        if name_key(word) in lexicon.titles:
            continue
        yield start, end_of_sentence.start(1) + len(word)
        start = end_of_sentence.end()
    yield start, end


def _flags(
    text: str,
    start: int,
    end: int,
    position: int,
    after: int,
    lead: str,
    lexicon: Lexicon,
) -> int:
    flags = 0
    before = _WORD_BEFORE_RE.search(lead)
    word = before.group(1) if before else ""
    opens_at = position - len(lead) + before.start() if before else position
    if word.lower() in _OPENERS:
        flags |= OPENS_SENTENCE if _ends_sentence(text, start, opens_at) else 0
    elif _ends_sentence(text, start, position):
        flags |= OPENS_SENTENCE
    elif _APPOSITIVE_LEAD_RE.search(lead):
        # "The hospital's chief of staff, Ruth Adeyemi, says": the name in
        # apposition to the phrase that opens the sentence is its subject.
        flags |= OPENS_SENTENCE | APPOSITION
    if word.lower() == "the":
        flags |= AFTER_THE
    elif word.lower() in _PLACE_WORDS:
        flags |= AFTER_PLACE_WORD
    verb = _REPORTS_AFTER_RE.match(text, after, end)
    if verb and verb.group(1) in lexicon.reporting_forms:
        flags |= REPORTS
    following = _WORD_AFTER_RE.match(text, after, end)
    if following and _looks_like_a_verb(following.group(1)):
        flags |= BEFORE_VERB
    if text[start:position].strip() in ("", "By", "by") and not text[after:end].strip():
        flags |= ALONE
    return flags


def _looks_like_a_verb(word: str) -> bool:
    """A word after a name that is most likely its verb: "has", "made", "went"."""
    return word in _VERB_WORDS or (
        len(word) > 4 and word.endswith("ed") and word not in _NOT_VERBS
    )


def _ends_sentence(text: str, start: int, position: int) -> bool:
    """Whether only a sentence end, a quote mark or nothing stands before."""
    index = position - 1
    while index >= start and text[index].isspace():
        index -= 1
    return index < start or text[index] in _SENTENCE_END


def _is_parsed_subject(para: Paragraph, last_char: int) -> bool:
    """Whether the name ending at ``last_char`` is a parsed sentence subject."""
    token = para.token_at(last_char)
    if token is None:
        return False
    # "Foreign Minister Sergey Lavrov": up the compounds; "His counterpart
    # Ange Postecoglou": up to the noun a name stands in apposition to.
    for _ in range(3):
        if (
            token.dep_ not in ("compound", "flat", "poss", "appos")
            or token.head.i == token.i
        ):
            break
        token = token.head
    return token.dep_ in SUBJECT_DEPS


def is_title_case(text: str) -> bool:
    """Whether a paragraph is In Title Case, Where Capitals Are Not Names.

    Title Case leaves only small words in lower case ("of", "the", "on"); a
    line with any other word in lower case ("Russian Foreign Minister Sergey
    Lavrov met Mevlut Cavusoglu on Friday") is a sentence, however many
    names it holds.
    """
    words = capitalised = 0
    # Word by word, so that prose is told at its first lower-case word
    # rather than after splitting the whole paragraph.
    for match in _NON_SPACE_RE.finditer(text):
        word = match.group()
        if not word[:1].isalpha():
            continue
        words += 1
        if word[:1].isupper():
            capitalised += 1
        elif word.lower().strip(",.:;!?") not in _TITLE_SMALL_WORDS:
            return False
    return words >= 4 and capitalised >= 0.8 * words
