"""Document-level resolution: from a local mention to a canonical speaker.

Quotes and reported-speech events are visited in text order. The resolver
keeps the speaker of the passage (whoever spoke last) so that floating quotes,
pronouns and descriptions ("the chancellor") can point back to the right
person, and turns every name into its fullest form in the document.
"""

from __future__ import annotations

from dataclasses import dataclass

from quotex.attribution import GROUP_PRONOUNS, PERSON_PRONOUNS, Mention
from quotex.lexicon import Lexicon
from quotex.people import POSSESSIVE_RE, Person, PersonRegistry, gender_fits

# How far back (in paragraphs) the speaker of the passage still holds for a
# floating quote or a pronoun; beyond it the passage has moved on.
PASSAGE_REACH = 3

# Confidence that the speaker is right, by how it was found. Ordered by the
# evidence behind each path; measured on the gold data with `quotex eval`.
CONFIDENCE = {
    "name": 0.92,
    "organization": 0.85,
    "pronoun_passage": 0.9,
    "pronoun_recent": 0.88,
    "description_role": 0.8,
    "description_passage": 0.7,
    "continued": 0.8,
    "floating": 0.4,
    "unresolved": 0.0,
}


# How many characters before a pronoun a name binds it over the passage's
# speaker: about a sentence.
PRONOUN_REACH = 150
# Determiners that introduce someone new rather than point back to someone.
_INDEFINITE = frozenset(
    ["a", "an", "one", "another", "some", "several", "many", "two", "three"]
)

# Applied to a speaker found as the subject of the sentence a quote is woven
# into, with no reporting verb.
GOVERNOR_DISCOUNT = 0.85


@dataclass(frozen=True, slots=True)
class Resolved:
    """A speaker decision: the canonical name (or None) and how sure it is."""

    speaker: str | None
    confidence: float
    person: Person | None = None


class Resolver:
    """Resolve mentions in text order, tracking the speaker of the passage."""

    def __init__(self, registry: PersonRegistry, lexicon: Lexicon) -> None:
        self.registry = registry
        self.lexicon = lexicon
        self._passage: Resolved | None = None
        self._passage_paragraph = -(PASSAGE_REACH + 1)

    def passage(self, paragraph: int) -> Resolved | None:
        """The speaker of the passage, if it is recent enough to carry on."""
        if paragraph - self._passage_paragraph > PASSAGE_REACH:
            return None
        return self._passage

    def note_speaker(self, resolved: Resolved, paragraph: int) -> None:
        """Make ``resolved`` the speaker of the passage from here on."""
        if resolved.speaker is not None:
            self._passage = resolved
            self._passage_paragraph = paragraph

    def floating(self, paragraph: int) -> Resolved:
        """Attribute a quote with no local evidence to the passage's speaker."""
        passage = self.passage(paragraph)
        if passage is None:
            return Resolved(None, CONFIDENCE["unresolved"])
        return Resolved(passage.speaker, CONFIDENCE["floating"], passage.person)

    def continued(self, previous: Resolved) -> Resolved:
        """Attribute a quote that continues ``previous``, the one just attributed."""
        confidence = min(previous.confidence, CONFIDENCE["continued"])
        return Resolved(previous.speaker, confidence, previous.person)

    def resolve(self, mention: Mention, paragraph: int) -> Resolved:
        """Say who ``mention`` (found at ``paragraph``) refers to."""
        if mention.kind == "name":
            return self._name(mention)
        if mention.kind == "organization":
            return Resolved(mention.key, CONFIDENCE["organization"])
        if mention.kind == "pronoun":
            return self._pronoun(mention, paragraph)
        if mention.kind == "description":
            return self._description(mention, paragraph)
        return Resolved(None, CONFIDENCE["unresolved"])

    def _name(self, mention: Mention) -> Resolved:
        person = self.registry.add(mention.key, mention.start, context=mention.titles)
        if person is None:
            return Resolved(mention.key, CONFIDENCE["name"])
        return Resolved(person.name, CONFIDENCE["name"], person)

    def _author(self, words: list[str], position: int) -> Resolved | None:
        """Who wrote or spoke the thing a description names, from its words.

        "Trump's tweet" is Trump's; "the IMF report" is the IMF's. The
        capitalised words before the noun name the author: a person the
        document knows, else an organisation.
        """
        owner = [
            POSSESSIVE_RE.sub("", word)
            for word in words[:-1]
            if word[:1].isupper() and word.lower() not in _INDEFINITE | {"the"}
        ]
        if not owner:
            return None
        person = self.registry.add(" ".join(owner), position, create=False)
        if person is not None:
            return Resolved(person.name, CONFIDENCE["name"], person)
        return Resolved(" ".join(owner), CONFIDENCE["organization"])

    def _pronoun(self, mention: Mention, paragraph: int) -> Resolved:
        if mention.key in GROUP_PRONOUNS:
            passage = self.passage(paragraph)
            if passage is not None and passage.person is None:
                # "they" after an organisation spoke: the organisation again.
                return Resolved(passage.speaker, CONFIDENCE["pronoun_recent"])
            return Resolved(None, CONFIDENCE["unresolved"])
        gender = PERSON_PRONOUNS.get(mention.key)
        passage = self.passage(paragraph)
        if (
            passage is not None
            and passage.person is not None
            and gender_fits(passage.person, gender)
        ):
            nearby = self._named_just_before(mention.start, gender)
            if nearby is not None and nearby is not passage.person:
                return self._learned(nearby, gender, "pronoun_recent")
            return self._learned(passage.person, gender, "pronoun_passage")
        person = self.registry.most_recent(mention.start, gender=gender)
        if person is None:
            return Resolved(None, CONFIDENCE["unresolved"])
        return self._learned(person, gender, "pronoun_recent")

    def _named_just_before(self, position: int, gender: str | None) -> Person | None:
        """The one person of ``gender`` named in the words right before a pronoun.

        In "Trump cited "Obama-Clinton" policies, which he said …" the
        pronoun is Trump, whoever spoke the paragraphs before.
        """
        recent = self.registry.most_recent(position, gender=gender)
        if recent is None:
            return None
        last = recent.last_before(position)
        if last is None or position - last > PRONOUN_REACH:
            return None
        other = self.registry.most_recent(position, gender=gender, exclude=recent)
        other_last = other.last_before(position) if other is not None else None
        if other_last is not None and position - other_last <= PRONOUN_REACH:
            return None  # two candidates close by: the passage decides
        return recent

    def _learned(self, person: Person, gender: str | None, how: str) -> Resolved:
        """Resolve to ``person`` and remember the gender the pronoun showed."""
        if person.gender is None and gender is not None:
            person.gender = gender
        return Resolved(person.name, CONFIDENCE[how], person)

    def _description(self, mention: Mention, paragraph: int) -> Resolved:
        head = mention.key
        words = mention.text.split()
        lowered = [word.lower().strip(",.") for word in words]
        if words and words[-1][:1].isupper() and head not in self.lexicon.roles:
            # A name the tagger read as a common noun ("Trump said" opening a
            # sentence): it is a name when the document knows the person.
            known = self.registry.has_candidate([words[-1]])
            person = self.registry.add(words[-1], mention.start, create=known)
            if person is not None:
                return Resolved(person.name, CONFIDENCE["name"], person)
        if head in self.lexicon.reporting_nouns:
            author = self._author(words, mention.start)
            if author is not None:
                return author
        if head in self.lexicon.organization_nouns:
            return Resolved(mention.text, CONFIDENCE["organization"])
        if any(word in _INDEFINITE for word in lowered[:2]):  # "even a strategist"
            # "a spokesman", "one official": someone new, not anyone named.
            return Resolved(None, CONFIDENCE["unresolved"])
        if head not in lowered and any(w.startswith(head[:-1]) for w in lowered):
            # "the two lawmakers", "officials": the head was plural, a group,
            # not one named person.
            return Resolved(None, CONFIDENCE["unresolved"])
        # Only a word for a person names one: "the email" is nobody's role.
        person = (
            self.registry.with_role(head, mention.start)
            if head in self.lexicon.person_nouns
            else None
        )
        if person is not None:
            return Resolved(person.name, CONFIDENCE["description_role"], person)
        passage = self.passage(paragraph)
        if (
            passage is not None
            and passage.person is not None
            # Only a role with related titles: "the heckler" is not whoever
            # spoke last under another name.
            and len(self.lexicon.roles.get(head, ())) > 1
        ):
            return Resolved(
                passage.speaker, CONFIDENCE["description_passage"], passage.person
            )
        return Resolved(None, CONFIDENCE["unresolved"])
