"""One person or organisation of a document, and how names are compared.

A :class:`Person` holds what the text told of someone: the fullest form of
the name, titles and roles, gender, and where each mention stands with flags
for its surroundings (opens a sentence, reports speech, is a subject...).
:class:`~quotex.attribution.people.PersonRegistry` builds them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from quotex.attribution.mentions import NAME_PARTICLES
from quotex.lexicon import name_key

#: Words after a name that belong to it: "Jr.", "III".
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
#: A mention that opens its sentence: a subject, more often than not.
OPENS_SENTENCE = 1
#: A mention followed by a reporting verb: "Dale Whitcombe said the convoy …".
REPORTS = 2
#: A mention the parser read as the subject of its sentence.
SUBJECT = 4
#: A mention after "the": "the White House", "the Globe", rarely a person.
AFTER_THE = 8
#: A mention after "in", "at", "from"...: a place more often than a person.
AFTER_PLACE_WORD = 16
#: A mention that is its whole paragraph, in no sentence: a byline, a
#: heading, a caption's name or page furniture ("Article Continued Below").
ALONE = 32
#: A mention in the headline: whom the article is about.
IN_HEADLINE = 64
#: A mention a verb follows ("Ham made it clear", "Ham has"): likely the
#: subject, read from the words where no parse is.
BEFORE_VERB = 128
#: A name in apposition to the phrase that opens its sentence ("Her husband,
#: David, runs …"): its subject (so also OPENS_SENTENCE), but capitalised
#: as a name, not as a sentence's first word.
APPOSITION = 256


def capitalised_as_a_name(flags: int) -> bool:
    """Whether a mention's capital says it is a name: not a sentence's first word."""
    return not flags & OPENS_SENTENCE or bool(flags & APPOSITION)


POSSESSIVE_RE = re.compile(r"(?:['’]s|['’])$")

# A run of capitalised words (with the particles of names such as "Ursula
# von der Leyen" and a suffix such as "Jr."): the cheap way to see names in
# paragraphs that are not parsed.
_PARTICLE = "(?:" + "|".join(sorted(NAME_PARTICLES)) + ")"
# A particle joined to the capitalised part of a name: "al-Sisi", "d'Estaing".
_JOINED_PREFIX = r"(?:al|el|ad|ar|as|ash|at|az|an|ul|d|l)[-’']"
_JOINED_PARTICLE = f"(?:{_JOINED_PREFIX})?"
# The same particle on a lower-cased key: "al-sisi" is filed under "sisi".
_JOINED_PREFIX_KEY_RE = re.compile(f"^{_JOINED_PREFIX}(?=\\w)")
CAPITALIZED_RUN_RE = re.compile(
    # Initials and dotted abbreviations are words of the run ("J.J.
    # Goldberg", "U.S. State Department"), never cut at their last letter.
    r"(?<![\w’'])(?<![A-Z]\.)(?:(?:"
    + _JOINED_PARTICLE
    + r"[A-Z][\w’'\-]*\.?|(?:[A-Z]\.){1,3})\s+(?:"
    + _PARTICLE
    + r"\s+){0,2}){0,7}"
    + _JOINED_PARTICLE
    + r"(?:[A-Z][\w’'\-]*[a-z][\w’'\-]*|[A-Z]{2,6}s?\b)"  # a word, or an acronym
    r"(?:,?\s+(?:Jr|Sr)\.?|\s+(?:II|III|IV)\b)?"
)


_JOINED_PREFIX_WORD_RE = re.compile(_JOINED_PREFIX + "(?=[A-Z])")


def is_capitalised(word: str) -> bool:
    """Whether a word of a name starts with a capital, after a joined particle."""
    particle = _JOINED_PREFIX_WORD_RE.match(word)
    return word[particle.end() if particle else 0 :][:1].isupper()


def surname_key(tokens: tuple[str, ...] | list[str]) -> str:
    """Return the lower-cased family name: the last token that is not a suffix."""
    for token in reversed(tokens):
        key = name_key(token).rstrip(",")
        if key not in NAME_SUFFIXES:
            return _JOINED_PREFIX_KEY_RE.sub("", key)
    return name_key(tokens[-1]) if tokens else ""


@dataclass(slots=True)
class Person:
    """One person or organisation of the document and what the text told of it."""

    tokens: tuple[str, ...]
    #: "person", "organization" or "place"
    kind: str = "person"
    #: gender signalled by a title or a given name: "m", "f" or None
    gender: str | None = None
    #: gender the text's own "he" or "she" after the name gave, where all
    #: agreed (``roles.learn_genders_from_pronouns``); weaker than ``gender``
    text_gender: str | None = None
    #: lower-cased title and role words seen with the name ("foreign", "minister")
    roles: set[str] = field(default_factory=set)
    #: the titles and context of each mention, lower-cased, as written
    role_text: list[str] = field(default_factory=list)
    #: the titles written right before the name ("mayor" of "Mayor Vosk")
    titles: str = ""
    #: document offsets of each mention, in order
    positions: list[int] = field(default_factory=list)
    #: paragraph index of each mention, beside ``positions``
    paragraphs: list[int] = field(default_factory=list)
    #: what each mention's surroundings showed, beside ``positions``: a sum of
    #: the ``OPENS_SENTENCE`` and ``REPORTS`` bits
    flags: list[int] = field(default_factory=list)
    #: a given name from quotex's list was seen with the surname
    known_given_name: bool = False
    #: a word of the name also stands in lower case in the document ("day")
    common_word: bool = False
    #: a title for people ("Mr.", "Sen.", "Coach") was seen before the name
    has_title: bool = False

    @property
    def name(self) -> str:
        """The canonical name: the fullest form seen, without titles."""
        return " ".join(self.tokens)

    @property
    def surname(self) -> str:
        """The lower-cased family name (or the organisation's last word)."""
        return surname_key(self.tokens)

    def last_before(self, position: int) -> int | None:
        """Return the offset of the last mention before ``position``, if any."""
        index = bisect.bisect_left(self.positions, position)
        return self.positions[index - 1] if index else None

    def paragraph_before(self, position: int) -> int | None:
        """Return the paragraph of the last mention before ``position``."""
        index = bisect.bisect_left(self.positions, position)
        return self.paragraphs[index - 1] if index else None

    def flags_before(self, position: int) -> int:
        """Return the flags of the last mention before ``position`` (0 if none)."""
        index = bisect.bisect_left(self.positions, position)
        return self.flags[index - 1] if index else 0

    def flags_between(self, start: int, end: int) -> int | None:
        """Return the flags of mentions in [start, end) together, or None if none."""
        first = bisect.bisect_left(self.positions, start)
        last = bisect.bisect_left(self.positions, end)
        if first == last:
            return None
        found = 0
        for flag in self.flags[first:last]:
            found |= flag
        return found

    def all_flags_before(self, position: int) -> int:
        """Return every flag any mention before ``position`` had."""
        found = 0
        for flag in self.flags[: bisect.bisect_left(self.positions, position)]:
            found |= flag
        return found

    def every_mention_before(self, position: int, flag: int) -> bool:
        """Whether every mention before ``position`` has ``flag``."""
        index = bisect.bisect_left(self.positions, position)
        return all(found & flag for found in self.flags[:index])

    def mentions_before(self, position: int) -> int:
        """Return how many times the person was named before ``position``."""
        return bisect.bisect_left(self.positions, position)


def has_role(person: Person, phrase: str) -> bool:
    """Whether ``phrase`` ("foreign minister") was seen with the person's name."""
    pattern = re.compile(r"(?<!\w)" + re.escape(name_key(phrase)) + r"(?!\w)")
    return any(pattern.search(text) for text in person.role_text)


def gender_fits(person: Person, gender: str | None) -> bool:
    """Whether a person of unknown or matching gender can be ``gender``."""
    return gender is None or person.gender is None or person.gender == gender
