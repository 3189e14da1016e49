"""What the text says a named person is: the words that title or describe a name.

"CNN host Jake Tapper", "The mayor of Calgary, Jyoti Gondek,", "Tomas
Lindqvist, 52, a firefighter in Umeå," and "Grimes is the secretary of
state" each say what someone is; a later "the host", "the mayor", "the
52-year-old" or "the secretary" means them. The same words may say that a
name is a body's: "The company, Northvolt," is a company, which "it" means.
And the pronouns after a name may say whether the text takes its bearer for
a he or a she ("Kody alone made the choice he did").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from quotex.attribution.people import PersonRegistry
from quotex.lexicon import Lexicon, name_key

# Context words kept before a name as its possible titles ("Foreign Minister").
_TITLE_WINDOW = 5
# A sentence ends: a stop before a space, maybe inside closing marks.
_SENTENCE_STOP_RE = re.compile(r"[.!?][\"”’')\]]*(?=\s)")
# Where a role phrase's head noun ends: "member | of the group", "chief |
# executive who …".
_PHRASE_TAIL_RE = re.compile(r"\s+(?:of|in|at|for|from|with|on|to|who|that|which)\b")
_AGE_RE = re.compile(r",\s+(\d{1,3}),")
# Right after the name: "Tomas Lindqvist, 52, a firefighter in Umeå,",
# "Grimes is the secretary of state".
_APPOSITION_RE = re.compile(
    r"(?:,\s+\d{1,3})?(?:,\s+|\s+(?:is|was)\s+)"
    r"((?:the|a|an|[A-Z][\w’']*['’]s)\s+[^,;.\n]{1,60})[,.]"
)
# A noun phrase opening the sentence, a comma, then the name: "The company,
# Northvolt,", "Its parent firm, Alphabet,".
_NOUN_PHRASE_LEAD_RE = re.compile(
    r"(?:^|[.!?][\"”’']?\s+)(?:The|A|An|Its|Their|[A-Z][\w’']*['’]s)\s+"
    r"[^,.;:!?\"“”]{2,50},\s*$"
)


@dataclass(frozen=True, slots=True)
class NameContext:
    """What the words around one mention of a name say it is."""

    #: role words and phrases ("host", "a firefighter in umeå", "52-year-old")
    roles: list[str]
    #: whether they say the name is a body's ("the company, Northvolt,")
    names_a_body: bool


def read_roles(
    text: str, lead: str, position: int, after: int, end: int, registry: PersonRegistry
) -> NameContext:
    """Read the roles of the name at ``position:after``.

    ``lead`` is the text of its paragraph right before it; ``end`` where the
    paragraph ends.
    """
    roles = _roles_before(lead, registry.lexicon)
    heads = _role_heads(lead, roles)
    apposition = _APPOSITION_RE.match(text, after, end)
    if apposition:
        roles.append(apposition.group(1))
        heads.append(_phrase_head(apposition.group(1)))
    age = _AGE_RE.match(text, after, end)
    if age:
        roles.append(f"{age.group(1)}-year-old")  # "the 46-year-old"
    return NameContext(roles, _names_a_body(text[position:after], heads, registry))


def _roles_before(lead: str, lexicon: Lexicon) -> list[str]:
    """The words before a name that may say what the person is.

    "CNN host Jake Tapper", "former aide Kim Park": the lower-case words
    right before the name; "The mayor of Calgary, Jyoti Gondek": the phrase
    the name is in apposition to. Only in the name's own sentence ("… the
    mayor said. Councillor Sonya Sharp": "mayor" is someone else's), and not
    when the name follows a verb or a preposition: "told Reuters", "the
    woman adopted from Iran" give Reuters and Iran no role.
    """
    own = _SENTENCE_STOP_RE.split(lead)[-1]
    words = own.split()[-_TITLE_WINDOW:]
    if own.rstrip().endswith(","):
        return [w.rstrip(",") for w in words if w.islower()]
    roles: list[str] = []
    for word in reversed(words):
        if not word.islower() or not word[-1].isalnum():
            break
        roles.insert(0, word)
    last = roles[-1] if roles else ""
    if last in STOP_WORDS or last in lexicon.reporting_forms:
        return []
    return roles


def _role_heads(lead: str, roles: list[str]) -> list[str]:
    """The noun that says what the name is, from the words before it.

    "rival company Tesla": the word right before; "The company, Northvolt,":
    the head of the noun phrase the sentence opens with. Not "Trump would
    campaign in Louisville, Ky.": that comma follows no noun phrase.
    """
    if not roles:
        return []
    if not lead.rstrip().endswith(","):
        return roles[-1:]
    if not _NOUN_PHRASE_LEAD_RE.search(lead):
        return []
    return [_phrase_head(" ".join(roles))]


def _names_a_body(raw: str, heads: list[str], registry: PersonRegistry) -> bool:
    """Whether a role noun says the name is a body's: "the company, Northvolt,".

    Never for a name with a title or a known given name ("campaign Chairman
    John Podesta", "in his campaign Mr. Sanders").
    """
    lexicon = registry.lexicon
    if not any(
        lexicon.noun_key(name_key(head)) in lexicon.organization_nouns for head in heads
    ):
        return False
    first = raw.split()[0]
    return not lexicon.is_title(first) and name_key(first) not in lexicon.first_names


def _phrase_head(phrase: str) -> str:
    """The noun a role phrase is about: "a member of the group" -> member."""
    return _PHRASE_TAIL_RE.split(phrase, maxsplit=1)[0].split()[-1]


_GENDERED_RE = re.compile(r"\b(?:he|him|his|himself|she|her|herself)\b", re.IGNORECASE)
_FEMALE = frozenset({"she", "her", "herself"})
_NAME_END_RE = re.compile(r"[\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*")


def learn_genders_from_pronouns(
    text: str,
    quote_ranges: Sequence[tuple[int, int]],
    registry: PersonRegistry,
) -> None:
    """Record the gender the text's pronouns give a person of unknown gender.

    "Kody alone made the choice he did", "he forced Jayme to crawl … so she
    could not see out": the first "he" or "she" after a name, in its
    sentence, outside quotes and before anyone else is named, is most often
    that person. Only where every such pronoun agrees.
    """
    mentions = sorted(
        (position, index)
        for index, person in enumerate(registry.people)
        if person.kind == "person" and person.gender is None
        for position in person.positions
    )
    named = sorted(p for person in registry.people for p in person.positions)
    votes: dict[int, set[str]] = {}
    for position, index in mentions:
        name_end = _NAME_END_RE.match(text, position)
        after = name_end.end() if name_end else position
        if text[after - 2 : after] in ("'s", "’s"):
            continue  # "Smith's wife … she": the wife
        stop = _SENTENCE_STOP_RE.search(text, after, after + 300)
        limit = stop.start() if stop else min(len(text), after + 300)
        following = bisect.bisect_right(named, position)
        if following < len(named):
            limit = min(limit, named[following])
        for found in _GENDERED_RE.finditer(text, after, limit):
            if any(start <= found.start() < end for start, end in quote_ranges):
                continue
            gender = "f" if found.group().lower() in _FEMALE else "m"
            votes.setdefault(index, set()).add(gender)
            break
    for index, genders in votes.items():
        if len(genders) == 1:
            registry.people[index].text_gender = genders.pop()
