"""Who is who in one document: names, their fullest form, gender and roles.

A :class:`PersonRegistry` collects every person mention of a document in text
order, merges "Sergey Lavrov", "Lavrov" and "Mr. Lavrov" into one person whose
canonical name is the fullest form seen, and answers the questions resolution
asks: who is this surname, who is the last man mentioned before this point,
who was introduced as a diplomat.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from quotex.lexicon import Lexicon

# Words that end a run of capitalised words as a name when they follow it.
_NAME_BREAKING_WORDS = frozenset(
    (  # noqa: SIM905 - a word list reads better as one string
        "the a an and or of to in on at for with by is are was were has have had "
        "will would can could just not says said tells told"
    ).split()
)
# Capitalised only because they start a sentence: never part of a name.
_LEADING_FUNCTION_WORDS = frozenset(
    [
        "but",
        "and",
        "or",
        "so",
        "then",
        "yet",
        "as",
        "when",
        "while",
        "if",
        "after",
        "before",
        "because",
        "meanwhile",
        "also",
        "still",
        "now",
        "here",
        "there",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "their",
        "its",
    ]
)
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
POSSESSIVE_RE = re.compile(r"(?:['’]s|['’])$")
_NAME_EDGE_PUNCT = ",;:()[]\"“”‘’'«»"

# A run of capitalised words: the cheap way to see names in paragraphs that are
# not parsed. Used only to find people already named elsewhere or names with a
# known given name or a title, so stray capitals ("The", "DALLAS") do no harm.
CAPITALIZED_RUN_RE = re.compile(
    r"(?<![\w’'])(?:(?:[A-Z][\w’'\-]*\.?|[A-Z]\.)\s+){0,5}[A-Z][\w’'\-]*[a-z][\w’'\-]*"
)


def _key(word: str) -> str:
    return word.lower().rstrip(".").replace("’", "'")


@dataclass(slots=True)
class Person:
    """One person of the document, with everything the text told about them."""

    tokens: tuple[str, ...]
    gender: str | None = None
    #: lower-cased title and role words seen with the name ("foreign", "minister")
    roles: set[str] = field(default_factory=set)
    role_text: list[str] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The canonical name: the fullest form seen, without titles."""
        return " ".join(self.tokens)

    @property
    def surname(self) -> str:
        return surname_key(self.tokens)

    def last_before(self, position: int) -> int | None:
        """Return the last mention before ``position``, if any."""
        index = bisect.bisect_left(self.positions, position)
        return self.positions[index - 1] if index else None


def surname_key(tokens: tuple[str, ...] | list[str]) -> str:
    """Return the lower-cased family name: the last token that is not a suffix."""
    for token in reversed(tokens):
        if _key(token) not in _SUFFIXES:
            return _key(token)
    return _key(tokens[-1]) if tokens else ""


class PersonRegistry:
    """Merge person mentions of one document into people with canonical names."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.people: list[Person] = []
        # Capitalised runs that may be names ("Reince Priebus", given name not
        # in the list): they become people only once a mention points at them.
        self._candidates: dict[str, tuple[tuple[str, ...], str]] = {}

    def has_candidate(self, words: list[str]) -> bool:
        """Whether a possible full name ends in the last of ``words``."""
        return surname_key(words) in self._candidates

    def note_candidate(self, words: list[str], context: str) -> None:
        """Remember a possible full name, keyed by its last word."""
        key = surname_key(words)
        known = self._candidates.get(key)
        if known is None or len(words) > len(known[0]):
            self._candidates[key] = (tuple(words), context)

    def split_title(self, raw: str) -> tuple[list[str], list[str]]:
        """Split ``raw`` into (title words, name words), possessive removed."""
        words = [w.strip(_NAME_EDGE_PUNCT) for w in raw.split()]
        words = [w for w in words if w]
        if words:
            words[-1] = POSSESSIVE_RE.sub("", words[-1]) or words[-1]
        while len(words) > 1 and _key(words[0]) in _LEADING_FUNCTION_WORDS:
            words.pop(0)  # "But Rubio", "The Obama administration"
        # Everything up to the last title word is title: "Russian Foreign
        # Minister Sergey Lavrov" -> "Sergey Lavrov" (nationality included).
        cut = 0
        for index, word in enumerate(words[:-1]):
            if (
                _key(word) in self.lexicon.titles
                or not word[:1].isupper()
                or POSSESSIVE_RE.search(word)  # "CNN's Jake Tapper"
            ):
                cut = index + 1
        name = words[cut:]
        # A Title Case headline is not a name: "Hillary Just Insulted The
        # Benghazi Victims" names Hillary.
        for index, word in enumerate(name[1:], start=1):
            last = index == len(name) - 1
            if word.lower() in _NAME_BREAKING_WORDS and not (last and word == "Will"):
                # Not "A.", an initial, nor the last word of "George Will".
                name = name[:index]
                break
        # A full stop after a word longer than an abbreviation ends a
        # sentence: "Bill Clinton. And …" names Bill Clinton.
        for index, word in enumerate(name):
            if (
                word.endswith(".")
                and len(word) > 4
                and _key(word) not in self.lexicon.titles
            ):
                name = [*name[:index], word.rstrip(".")]
                break
        return words[:cut], name

    def add(
        self, raw: str, position: int, *, context: str = "", create: bool = True
    ) -> Person | None:
        """Record a mention of a person's name at ``position``.

        ``context`` is text around the name that may hold its titles or role
        ("Russian Foreign Minister"). Returns the person, or None when the name
        is empty or unknown and ``create`` is False.
        """
        titles, words = self.split_title(raw)
        if not words or not words[-1][:1].isupper():
            return None
        genders = {self.lexicon.title_genders.get(_key(t)) for t in titles} - {None}
        gender = genders.pop() if len(genders) == 1 else None
        person = self.find(words, before=position, gender=gender)
        if person is None:
            if not create:
                return None
            candidate = self._candidates.pop(surname_key(words), None)
            if (
                candidate is not None
                and len(candidate[0]) > len(words)
                and (len(words) == 1 or _key(candidate[0][0]) == _key(words[0]))
            ):
                # "Priebus said" after "RNC Chairman Reince Priebus" was seen.
                words = list(candidate[0])
                context = f"{context} {candidate[1]}".strip()
            person = Person(tuple(words))
            self.people.append(person)
        elif len(words) > len(person.tokens):
            person.tokens = tuple(words)
        bisect.insort(person.positions, position)
        self._learn(person, titles, context)
        return person

    def _learn(self, person: Person, titles: list[str], context: str) -> None:
        """Take gender and role evidence from titles, context and given name."""
        role_words = [_key(w) for w in titles + context.split()]
        person.roles.update(role_words)
        if context or titles:
            person.role_text.append(" ".join([*titles, context]).lower())
        if person.gender is None:
            for word in role_words:
                gender = self.lexicon.title_genders.get(word)
                if gender:
                    person.gender = gender
                    return
            if len(person.tokens) > 1:
                given = self.lexicon.first_names.get(_key(person.tokens[0]))
                if given:
                    person.gender = given

    def find(
        self,
        words: list[str] | tuple[str, ...],
        before: int | None = None,
        gender: str | None = None,
    ) -> Person | None:
        """Return the person a name refers to, or None.

        A full name matches a person with the same surname and a compatible
        given name; a single word matches a surname, else a given name. Of
        several people with the surname, the one of ``gender`` ("Mrs.
        Clinton") mentioned last before ``before`` (or last of all, without
        it) is meant.
        """
        if not words:
            return None
        surname = surname_key(words)
        given = _key(words[0]) if len(words) > 1 else None
        best: Person | None = None
        for person in self.people:
            if person.surname != surname or not gender_fits(person, gender):
                continue
            if given and len(person.tokens) > 1:
                their_given = _key(person.tokens[0])
                if not (
                    their_given == given
                    or (
                        their_given[:1] == given[:1]
                        and (len(given) == 1 or len(their_given) == 1)
                    )
                ):
                    continue
            if best is None or _salience(person, before, gender) > _salience(
                best, before, gender
            ):
                best = person
        if best is None and len(words) == 1:
            for person in self.people:
                if len(person.tokens) > 1 and _key(person.tokens[0]) == surname:
                    return person
        return best

    def most_recent(
        self,
        position: int,
        *,
        gender: str | None = None,
        exclude: Person | None = None,
    ) -> Person | None:
        """Return the person last mentioned before ``position`` who fits ``gender``."""
        best: Person | None = None
        best_position = -1
        for person in self.people:
            if person is exclude or not gender_fits(person, gender):
                continue
            last = person.last_before(position)
            if last is not None and last > best_position:
                best, best_position = person, last
        return best

    def with_role(self, role: str, position: int) -> Person | None:
        """Return the last person introduced before ``position`` with ``role``
        or a related title."""
        related = self.lexicon.roles.get(role, frozenset({role}))
        best: Person | None = None
        best_position = -1
        for person in self.people:
            text = " ".join(person.role_text)
            if not any(_has_phrase(text, phrase) for phrase in related):
                continue
            last = person.last_before(position)
            if last is not None and last > best_position:
                best, best_position = person, last
        return best


def gender_fits(person: Person, gender: str | None) -> bool:
    """Whether a person of unknown or matching gender can be ``gender``."""
    return gender is None or person.gender is None or person.gender == gender


def _salience(
    person: Person, before: int | None, gender: str | None
) -> tuple[bool, int, int]:
    """Rank people who share a surname as the one a bare surname means.

    Known to be of the title's gender first ("Mrs. Clinton"), then the one
    the document names most (an article's "Sanders" stays Bernie after one
    mention of Jane), then the one named last before ``before``.
    """
    return (
        gender is not None and person.gender == gender,
        len(person.positions),
        _last(person, before),
    )


def _last(person: Person, before: int | None = None) -> int:
    """Position of the person's last mention (before ``before``), or -1."""
    if before is None:
        return person.positions[-1] if person.positions else -1
    index = bisect.bisect_left(person.positions, before)
    return person.positions[index - 1] if index else -1


def _has_phrase(text: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``text`` as whole words (dots optional)."""
    pattern = r"(?<!\w)" + re.escape(phrase.rstrip(".")) + r"\.?(?!\w)"
    return re.search(pattern, text) is not None
