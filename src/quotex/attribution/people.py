"""Who is who in one document: people and organisations, by their names.

A :class:`PersonRegistry` collects the names a document mentions, in text
order, merges "Sergey Lavrov", "Lavrov" and "Mr. Lavrov" into one person whose
canonical name is the fullest form seen, and answers the questions resolution
asks: who is this surname, who was mentioned before this point and how
recently. Every lookup goes through an index of name keys, so a long document
costs what its parts cost.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from quotex.attribution.mentions import NAME_PARTICLES, Mention
from quotex.attribution.name_words import (
    CALENDAR_WORDS,
    FUNCTION_WORDS,
    NAME_BREAKING_WORDS,
    is_function_word,
)
from quotex.attribution.person import (
    APPOSITION,
    NAME_SUFFIXES,
    OPENS_SENTENCE,
    POSSESSIVE_RE,
    REPORTS,
    Person,
    gender_fits,
    is_capitalised,
    surname_key,
)
from quotex.lexicon import Lexicon, name_key, place_key

_NAME_EDGE_PUNCT = ",;:()[]<>\"“”‘’'«»"
# The most words a person's full name runs to: "José Luis Rodríguez Zapatero".
_LONGEST_NAME = 4


class PersonRegistry:
    """Merge the name mentions of one document into people with canonical names."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.people: list[Person] = []
        self._by_surname: dict[str, list[Person]] = {}
        self._by_given: dict[str, list[Person]] = {}
        #: (paragraph, mention) of each name followed by a reporting verb
        self.reports: list[tuple[int, Mention]] = []
        # Every mention in text order, for "who was named before here".
        self._positions: list[int] = []
        self._mentioned: list[Person] = []
        # Short names the text gave a body: "(IRCC)" after its full name.
        self._aliases: dict[str, Person] = {}

    def rename(self, person: Person, words: list[str]) -> None:
        """Give ``person`` a fuller canonical name, as the text spelt it out."""
        self._unindex(person)
        person.tokens = tuple(words)
        self._index(person)

    def alias(self, short: str, person: Person) -> None:
        """Let ``short`` ("IRCC") name ``person`` from here on."""
        self._aliases.setdefault(name_key(short), person)

    def split_title(self, raw: str) -> tuple[list[str], list[str]]:
        """Split ``raw`` into (title words, name words), possessive removed."""
        words = [w.strip(_NAME_EDGE_PUNCT) for w in raw.split()]
        words = [w for w in words if w]
        if words:
            words[-1] = POSSESSIVE_RE.sub("", words[-1]) or words[-1]
        while len(words) > 1 and name_key(words[0]) in FUNCTION_WORDS:
            words.pop(0)  # "But Rubio", "The Obama administration"
        # Everything up to the last title word is title: "Russian Foreign
        # Minister Sergey Lavrov" -> "Sergey Lavrov" (nationality included),
        # as long as a name is left: "Martin Luther King Jr." keeps "King".
        cut = 0
        for index, word in enumerate(words[:-1]):
            rest = words[index + 1 :]
            if not all(name_key(w) in NAME_SUFFIXES for w in rest) and (
                self.lexicon.is_title(word)
                or (not is_capitalised(word) and name_key(word) not in NAME_PARTICLES)
                or POSSESSIVE_RE.search(word)  # "CNN's Jake Tapper"
            ):
                cut = index + 1
        if (
            cut
            and all(w[:1].isupper() for w in words)
            and name_key(words[-1]) in self.lexicon.organization_nouns
            and name_key(words[cut]) not in self.lexicon.first_names
        ):
            # "Democratic National Committee", "Prime Minister's Office": the
            # words that would be a person's title are part of a body's name
            # (but "Headteacher Jo Banks" is a person).
            cut = 0
        name = words[cut:]
        # Letters after a name are a title too: "Tomas Brennick MP".
        while len(name) > 1 and name[-1].isupper() and self.lexicon.is_title(name[-1]):
            name = name[:-1]
        # A Title Case headline is not a name: "Hillary Just Insulted The
        # Benghazi Victims" names Hillary.
        for index, word in enumerate(name[1:], start=1):
            last = index == len(name) - 1
            if word.lower() in NAME_BREAKING_WORDS and not (last and word == "Will"):
                name = name[:index]
                break
        # A full stop after a word longer than an abbreviation ends a
        # sentence: "Bill Clinton. And …" names Bill Clinton.
        for index, word in enumerate(name):
            ends = word.endswith(".") and not self.lexicon.is_title(word)
            letters = word.rstrip(".")
            if ends and len(letters) >= 3 and "." not in letters:
                name = [*name[:index], letters]  # not an initial, nor "U.S."
                break
        if name and name[-1] in ("Jr", "Sr"):
            name[-1] += "."  # the full stop that also ended the sentence
        while len(name) > 1 and name_key(name[-1]) in CALENDAR_WORDS:
            if name_key(name[-2]) in self.lexicon.first_names:
                break  # "Kristen Day": a surname
            name = name[:-1]  # "Mail Thursday", "Christmas Day"
        while name and name_key(name[0]) in NAME_PARTICLES and len(name) > 1:
            if name[0][:1].isupper():
                break  # "De Vries" as written
            name = name[1:]
        return words[:cut], name

    def _only_a_title(self, words: list[str], position: int) -> bool:
        """Whether capitalised words are a title with no name: "Home
        Secretary", "Spaniard" (a nationality names no one either).

        One with a known given name ("John Major"), or the surname of someone
        already named, stays a name.
        """
        last = name_key(words[-1])
        return (
            (last in self.lexicon.titles or last in self.lexicon.nationalities)
            and not any(name_key(w) in self.lexicon.first_names for w in words)
            and self.find(words[-1:], before=position) is None
        )

    def add(
        self,
        raw: str,
        position: int,
        paragraph: int = 0,
        *,
        context: str = "",
        flags: int = 0,
        organization: bool = False,
    ) -> Person | None:
        """Record a mention of a name at ``position`` and return its person.

        ``context`` is text around the name that may hold its titles or role
        ("Russian Foreign Minister"). An ``organization`` keeps its whole
        name ("Bank of England"). Returns None when no name is left once
        titles are taken off.
        """
        if organization:
            titles: list[str] = []
            words = raw.split()
            words[-1] = POSSESSIVE_RE.sub("", words[-1]) or words[-1]  # "Board's"
            while len(words) > 1 and name_key(words[0]) in FUNCTION_WORDS:
                words.pop(0)  # "the"
        else:
            titles, words = self.split_title(raw)
        if flags & OPENS_SENTENCE and len(words) > 1 and self._opens_only(words[0]):
            words = words[1:]  # "Even Mike Pence", "Say Mexico" opening a sentence
        elif flags & OPENS_SENTENCE and self._describes_the_name(words):
            words = words[1:]  # "Incumbent Sarah Jones faces …"
        if not words or not is_capitalised(words[-1]):
            return None
        if len(words) == 1 and is_function_word(words[0]):
            return None
        if not organization and self._only_a_title(words, position):
            return None  # "The Home Secretary, Priya Patel, …": a role, no name
        opener = flags & OPENS_SENTENCE and not titles  # "Fellow Republicans Jolly"
        if len(words) == 1 and opener and self._opens_only(words[0]):
            return None  # "Asked about the cost, she …"
        genders = {self.lexicon.title_genders.get(name_key(t)) for t in titles} - {None}
        gender = genders.pop() if len(genders) == 1 else None
        person = self.find(words, before=position, gender=gender)
        if person is None:
            kind = "organization" if organization else self._kind(words)
            person = Person(tuple(words), kind=kind)
            self.people.append(person)
            self._index(person)
        elif len(words) > len(person.tokens):
            self.rename(person, words)
        if not self.refer(person, position, paragraph, flags):
            return person  # the same mention, seen again
        if flags & REPORTS:
            name = " ".join(words)
            self.reports.append(
                (paragraph, Mention(position, position + len(raw), raw, "name", name))
            )
        self._learn(person, titles, context, flags)
        return person

    def refer(self, person: Person, position: int, paragraph: int, flags: int) -> bool:
        """Record that the text refers to ``person`` at ``position``.

        A name, or a description that can only mean them ("the mayor" after
        "Mayor Helena Vosk"). Returns False if that mention was known already.
        """
        index = bisect.bisect_left(person.positions, position)
        if index < len(person.positions) and person.positions[index] == position:
            return False
        person.positions.insert(index, position)
        person.paragraphs.insert(index, paragraph)
        person.flags.insert(index, flags)
        where = bisect.bisect_left(self._positions, position)
        self._positions.insert(where, position)
        self._mentioned.insert(where, person)
        return True

    def _opens_only(self, word: str) -> bool:
        """Whether a word is capitalised only because it opens the sentence."""
        key = name_key(word)
        if key in self.lexicon.first_names or self._by_surname.get(key):
            # "Will Smith", "May Lee"; "Schlafly" after "Phyllis Schlafly".
            return False
        return (
            key in STOP_WORDS or key in self.lexicon.reporting_forms or key[-2:] == "ly"
        )

    def _describes_the_name(self, words: list[str]) -> bool:
        """Whether a sentence's first word describes the name after it:
        "Incumbent Sarah Jones", a word before a known given name and more."""
        keys = [name_key(w) for w in words]
        return (
            len(words) > 2
            and keys[0] not in self.lexicon.first_names
            and keys[1] in self.lexicon.first_names
            and "-" not in keys[0]  # "Jean-Pierre Marie Dupont"
        )

    def _kind(self, words: list[str]) -> str:
        letters = [w for w in words if w[:1].isalpha()]
        if len(letters) == 1 and len(letters[0]) > 1 and letters[0].isupper():
            return "organization"  # an acronym: CNN, IRCC
        head = self.lexicon.noun_key(name_key(words[-1]))
        if head in self.lexicon.organization_nouns:
            return "organization"
        # "New Jersey", "Iowa": a place, which "he" never means.
        return "place" if place_key(words) in self.lexicon.places else "person"

    def _index(self, person: Person) -> None:
        self._by_surname.setdefault(person.surname, []).append(person)
        if len(person.tokens) > 1:
            self._by_given.setdefault(name_key(person.tokens[0]), []).append(person)

    def _unindex(self, person: Person) -> None:
        self._by_surname[person.surname].remove(person)
        if len(person.tokens) > 1:
            self._by_given[name_key(person.tokens[0])].remove(person)

    def _learn(
        self, person: Person, titles: list[str], context: str, flags: int
    ) -> None:
        """Take gender and role evidence from titles, context and given name."""
        role_words = [name_key(w) for w in [*titles, *context.split()]]
        # "Morning Joe hosts Joe Scarborough" is "the host".
        person.roles.update(self.lexicon.noun_key(word) for word in role_words)
        person.roles.update(role_words)
        if titles:
            person.titles = " ".join([person.titles, *map(name_key, titles)]).strip()
        if role_words:
            person.role_text.append(" ".join(role_words))
        if any(self.lexicon.is_title(t) for t in titles):
            person.has_title = True
        given = self.lexicon.first_names.get(name_key(person.tokens[0]))
        several = len(person.tokens) > 1
        person.known_given_name |= several and given is not None
        # "Her husband, David, …": one word in apposition to a role is a given
        # name ("On Monday, Clinton …" is no apposition).
        alone = bool(flags & APPOSITION) and any(map(self.lexicon.is_role, role_words))
        if given and person.gender is None and (several or alone):
            person.gender = given
        if person.gender is None:
            for word in role_words:
                gender = self.lexicon.title_genders.get(word)
                if gender:
                    person.gender = gender
                    return

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
        Clinton"), then the one named most, then the one named last before
        ``before`` is meant.
        """
        if not words:
            return None
        if len(words) == 1 and name_key(words[0]) in self._aliases:
            return self._aliases[name_key(words[0])]
        given = name_key(words[0]) if len(words) > 1 else None
        best: Person | None = None
        for person in self._by_surname.get(surname_key(words), ()):
            if not gender_fits(person, gender):
                continue
            if given and len(person.tokens) > 1:
                theirs = name_key(person.tokens[0])
                if not (
                    theirs == given
                    or (theirs[:1] == given[:1] and 1 in (len(given), len(theirs)))
                    # "Rodríguez Zapatero" after "José Luis Rodríguez Zapatero":
                    # the last words of a full name (of a person's length, not
                    # a run of a headline's capitals).
                    or (
                        len(person.tokens) <= _LONGEST_NAME
                        and given in (name_key(t) for t in person.tokens[1:-1])
                    )
                    # "Meteorologist Jill Tran": a word that describes the
                    # name before its given name.
                    or (
                        len(words) > 2
                        and self._describes_the_name(list(words))
                        and name_key(words[1]) == theirs
                    )
                ):
                    continue
            if best is None or _salience(person, before, gender) > _salience(
                best, before, gender
            ):
                best = person
        if best is None and len(words) == 1:
            people = self._by_given.get(name_key(words[0]), ())
            if len(people) == 1:
                return people[0]
        return best

    def find_exact(self, name: str) -> Person | None:
        """Return the person or body whose canonical name is ``name``."""
        words = name.split()
        for person in self._by_surname.get(surname_key(words), ()):
            if person.name == name:
                return person
        return None

    def recent(self, position: int, limit: int) -> Iterator[Person]:
        """Yield the people named before ``position``, the most recent first."""
        seen: set[int] = set()
        index = bisect.bisect_left(self._positions, position)
        while index > 0 and len(seen) < limit:
            index -= 1
            person = self._mentioned[index]
            if id(person) not in seen:
                seen.add(id(person))
                yield person

    def first_named_between(self, start: int, end: int, limit: int) -> list[Person]:
        """Return up to ``limit`` people first named in [start, end), in order.

        The candidates of a description that comes before the name: "A Vancouver
        hockey coach says …" then "Stephen Gillis said …".
        """
        found: list[Person] = []
        index = bisect.bisect_left(self._positions, start)
        while index < len(self._positions) and len(found) < limit:
            if self._positions[index] >= end:
                break
            person = self._mentioned[index]
            if person.positions[0] >= start and all(p is not person for p in found):
                found.append(person)
            index += 1
        return found


def _salience(
    person: Person, before: int | None, gender: str | None
) -> tuple[bool, int, int]:
    """Rank people who share a surname as the one a bare surname means.

    Known to be of the title's gender first ("Mrs. Clinton"), then the one
    the document names most (an article's "Sanders" stays Bernie after one
    mention of Jane), then the one named last before ``before``.
    """
    last = person.positions[-1] if person.positions else -1
    if before is not None:
        last = person.last_before(before) or -1
    return (gender is not None and person.gender == gender, len(person.positions), last)
