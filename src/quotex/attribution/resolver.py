"""From a mention to a person: who "he", "the minister" or "Lavrov" means.

A name is looked up in the document's :class:`PersonRegistry`; a pronoun, a
description or a quote with no mention at all goes to a fitted chooser
(``person_pronoun``, ``group_pronoun``, ``description`` or ``no_mention``)
over the people named before it, each described by
:func:`~quotex.attribution.features.person_features`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from quotex.attribution.candidates import DocumentText, QuoteSite
from quotex.attribution.features import (
    ROLE_EVIDENCE,
    later_person_features,
    looks_like_a_person,
    person_features,
)
from quotex.attribution.history import SpeakerHistory
from quotex.attribution.mentions import PERSON_PRONOUNS, Mention
from quotex.attribution.nobody import introduced_unnamed, nobody_features
from quotex.attribution.people import PersonRegistry
from quotex.attribution.person import (
    AFTER_PLACE_WORD,
    AFTER_THE,
    POSSESSIVE_RE,
    Person,
    capitalised_as_a_name,
)
from quotex.attribution.referents import describe, named_inside, possible_referents
from quotex.attribution.scorer import AttributionModel
from quotex.attribution.trace import PersonChoice, ScoredOption
from quotex.lexicon import Lexicon

#: How many of the people named most recently a mention may refer to.
MAX_PEOPLE = 20
#: How many people first named after a description may be the one it means.
MAX_NAMED_LATER = 2


@dataclass(frozen=True, slots=True)
class Resolved:
    """Who a mention means, how likely, and (when traced) how it was chosen."""

    speaker: str | None
    person: Person | None
    probability: float
    choice: PersonChoice | None = None


class PersonResolver:
    """Resolve the mentions of one document to its people, in text order."""

    def __init__(
        self,
        document: DocumentText,
        registry: PersonRegistry,
        model: AttributionModel,
        lexicon: Lexicon,
        *,
        trace: bool = False,
    ) -> None:
        self.document = document
        self.registry = registry
        self.model = model
        self.lexicon = lexicon
        self.trace = trace
        #: who was quoted and who reported speech, paragraph by paragraph
        self.history = SpeakerHistory()

    def resolve(
        self,
        mention: Mention | None,
        site: QuoteSite,
        opens_paragraph: bool,
        since: int | None,
    ) -> Resolved:
        """Return who a quote's mention means (or, with none, who is speaking).

        ``since`` is where the quote before and its attribution end.
        """
        if mention is not None and mention.kind in ("name", "organization"):
            return self.by_name(mention)
        if mention is not None and mention.kind == "description":
            known = (
                self._known_name(mention)
                or self._spoken_for(mention)
                or self._body_of_named_owner(mention)
            )
            if known is not None:
                return known
        if mention is not None and mention.kind == "reporter":
            return Resolved(None, None, 1.0)
        position = mention.start if mention is not None else site.open_pos
        context: tuple[str, ...] = ()
        if mention is None:
            context = ("opens_paragraph" if opens_paragraph else "inside_paragraph",)
        return self.choose_person(mention, position, site.paragraph, context, since)

    def by_name(self, mention: Mention) -> Resolved:
        """A name is its person's canonical name: "Lavrov" -> "Sergey Lavrov"."""
        if mention.kind == "organization" and " of " in mention.key:
            # "Bank of England": an organisation keeps its whole name.
            person = self.registry.find_exact(mention.key)
            return Resolved(mention.key, person, 1.0)
        _, words = self.registry.split_title(mention.key)
        if words and not any(word[:1].isupper() for word in words):
            owned = self._owned(mention)
            if owned is not None:
                return owned
        person = self.registry.find(words, before=mention.end) if words else None
        if person is not None:
            return Resolved(person.name, person, 1.0)
        name = " ".join(words) or mention.key
        return Resolved(name, None, 1.0)

    def _owned(self, mention: Mention) -> Resolved | None:
        """A body named by its owner: "Kelly Ayotte's campaign".

        The speaker is the owner's body ("Kelly Ayotte campaign"), not the
        bare noun, and not the owner in person: the thread of who is
        speaking does not move to them.
        """
        words = mention.key.split()
        owner_end = max(
            (i for i, word in enumerate(words[:-1]) if POSSESSIVE_RE.search(word)),
            default=None,
        )
        if owner_end is None:
            return None
        owner = self.by_name(replace(mention, key=" ".join(words[: owner_end + 1])))
        if owner.speaker is None or not owner.speaker[:1].isupper():
            return None
        return Resolved(
            f"{owner.speaker} {' '.join(words[owner_end + 1 :])}", None, 1.0
        )

    def _body_of_named_owner(self, mention: Mention) -> Resolved | None:
        """A body a name owns: "Ryan's campaign", "Trump's team".

        The same convention as a body named by its owner: the owner's body
        ("Paul Ryan campaign"), whoever else was named nearby. A person the
        owner has ("Trump's campaign manager") is chosen among the people
        named, the owner left out (:func:`possible_referents`).
        """
        if mention.key not in self.lexicon.organization_nouns:
            return None
        owned = self._owned(replace(mention, key=mention.text))
        if owned is None or owned.speaker is None:
            return None
        choice = None
        if self.trace:
            option = ScoredOption(owned.speaker, {"body_of_named_owner": 1.0}, 0.0, 1.0)
            choice = PersonChoice("owner", mention.text, [option], 0, owned.speaker)
        return Resolved(owned.speaker, None, 1.0, choice)

    def _known_name(self, mention: Mention) -> Resolved | None:
        """A name the tagger read as a common noun: "Sanders" opening a sentence.

        It is a name when the document knows the person by it.
        """
        word = mention.text.split()[-1]
        if not word[:1].isupper() or word.lower() in self.lexicon.person_nouns:
            return None
        person = self.registry.find([word], before=mention.end)
        if person is None or not _written_as_a_name(person):
            return None
        return Resolved(person.name, person, 1.0)

    def _spoken_for(self, mention: Mention) -> Resolved | None:
        """The body an unnamed spokesperson speaks for: "a Twitter spokesman".

        By the convention quotex reports speakers in, an unnamed
        spokesperson for a named body is that body; a named one is a name
        mention and never comes here.
        """
        if not mention.key.startswith("spokes"):
            return None
        named = [
            someone
            for someone in self.registry.recent(mention.end, MAX_PEOPLE)
            if named_inside(someone, mention)
        ]
        if not named:
            return None
        # A body before a person, a person before a place: "a spokesman for
        # Ontario's health ministry" speaks for the ministry.
        order = {"organization": 0, "person": 1, "place": 2}
        body = min(named, key=lambda someone: order.get(someone.kind, 1))
        choice = None
        if self.trace:
            option = ScoredOption(body.name, {"named_in_spokesperson": 1.0}, 0.0, 1.0)
            choice = PersonChoice("spokesperson", mention.text, [option], 0, body.name)
        return Resolved(body.name, body, 1.0, choice)

    def choose_person(
        self,
        mention: Mention | None,
        position: int,
        paragraph: int,
        context: tuple[str, ...] = (),
        since: int | None = None,
    ) -> Resolved:
        name = _person_chooser(mention)
        chooser = self.model.chooser(name)
        # A description may name its owner: "the Heritage Foundation website".
        horizon = mention.end if mention and mention.kind == "description" else position
        people = possible_referents(
            mention, list(self.registry.recent(horizon, MAX_PEOPLE)), self.lexicon
        )
        introduced = introduced_unnamed(self.document.text, mention, self.lexicon)
        options = [nobody_features(mention, self.lexicon, introduced)]
        person_rank = 0
        for rank, someone in enumerate(people, start=1):
            human = looks_like_a_person(someone, position)
            person_rank += human
            options.append(
                person_features(
                    self.document.text,
                    someone,
                    rank,
                    # A description's own words may name or describe the
                    # person ("the mayor" after "Mayor Vosk"): that mention
                    # counts as the latest.
                    horizon,
                    paragraph,
                    mention,
                    self.history,
                    self.lexicon,
                    person_rank if human else None,
                    context,
                    since,
                    introduced,
                )
            )
        if mention is not None and mention.kind == "description":
            later = self._named_later(mention, paragraph, people)
            for order, (someone, ahead) in enumerate(later, start=1):
                options.append(
                    later_person_features(
                        someone,
                        order,
                        mention,
                        ahead,
                        # Anyone to refer back to, besides whom the
                        # phrase itself names ("A Vancouver hockey coach")?
                        any(
                            someone.last_before(mention.start) is not None
                            for someone in people
                        ),
                        paragraph <= self.document.headline + 1,
                        self.history,
                        self.lexicon,
                    )
                )
            people = people + [someone for someone, _ in later]
            _mark_a_role_held_alone(options)
        probabilities = chooser.probabilities(options)
        chosen = choose_person_option(probabilities)
        person = people[chosen - 1] if chosen else None
        speaker = person.name if person is not None else None
        choice = None
        if self.trace:
            labels = ["(nobody)"] + [p.name for p in people]
            choice = PersonChoice(
                name,
                mention.text if mention is not None else None,
                [
                    ScoredOption(label, features, chooser.score(features), p)
                    for label, features, p in zip(
                        labels, options, probabilities, strict=True
                    )
                ],
                chosen,
                speaker,
            )
        return Resolved(speaker, person, probabilities[chosen], choice)

    def _named_later(
        self, mention: Mention, paragraph: int, known: list[Person]
    ) -> list[tuple[Person, int]]:
        """The people first named after a description, up to the next paragraph.

        Each with how many paragraphs after the mention's it is named.
        """
        last = min(paragraph + 1, len(self.document.paragraphs) - 1)
        end = self.document.paragraphs[last][1]
        head_class, _ = describe(mention, self.lexicon)
        found: list[tuple[Person, int]] = []
        for someone in self.registry.first_named_between(mention.end, end, 8):
            if len(found) == MAX_NAMED_LATER:
                break
            if (
                any(someone is person for person in known)
                # "in Toronto", "the station": places and bodies, met on the
                # way to the name that the description introduces.
                or someone.flags[0] & (AFTER_PLACE_WORD | AFTER_THE)
                or (head_class == "person" and someone.kind != "person")
            ):
                continue
            ahead = (
                0
                if someone.positions[0] < self.document.paragraphs[paragraph][1]
                else 1
            )
            found.append((someone, ahead))
        return found

    def follow_report(self, mention: Mention, paragraph: int) -> None:
        """Follow a report of speech: its speaker is now the one speaking."""
        if mention.kind == "name":
            person = self.by_name(mention).person
        elif mention.kind == "pronoun" and mention.key in PERSON_PRONOUNS:
            person = self.choose_person(mention, mention.start, paragraph).person
        else:
            return
        if person is not None:
            self.history.note_report(paragraph, person)

    def note_quote(
        self, paragraph: int, mention: Mention | None, person: Person
    ) -> None:
        """Remember who spoke a quote, and the gender its pronoun gave them."""
        self.history.note_quote(paragraph, person)
        if mention is None or mention.kind != "pronoun":
            return
        gender = PERSON_PRONOUNS.get(mention.key)
        if gender is not None:
            self.history.pronoun_gender.setdefault(id(person), gender)


_ROLE_FEATURES = frozenset(
    prefix + name for prefix in ("", "later&") for name in ROLE_EVIDENCE
)


def _mark_a_role_held_alone(options: list[dict[str, float]]) -> None:
    """Flag the one option whose role the description names, if only one has it.

    "the columnist suggested" after "columnist Ai Jun wrote": whoever else
    the sentence is about, one person alone was called a columnist.
    """
    holders = [features for features in options if features.keys() & _ROLE_FEATURES]
    if len(holders) == 1:
        holders[0]["role_held_alone"] = 1.0


def _written_as_a_name(person: Person) -> bool:
    """Whether a name is more than a capitalised word opening sentences.

    "Fans chanted …" capitalises a plain noun; "Sanders said …" opens its
    sentence too, but the text names Sanders elsewhere mid-sentence or in
    full.
    """
    return len(person.tokens) > 1 or any(
        capitalised_as_a_name(flags) for flags in person.flags
    )


def _person_chooser(mention: Mention | None) -> str:
    if mention is None:
        return "no_mention"
    if mention.kind == "pronoun":
        return "person_pronoun" if mention.key in PERSON_PRONOUNS else "group_pronoun"
    return "description"


def choose_person_option(probabilities: list[float]) -> int:
    """The option chosen: nobody (option 0) or the likeliest person.

    Whether the mention names anyone is one question, whom it names another:
    nobody is chosen when it is likelier than all the people together, not
    merely likelier than each of them ("the billionaire business mogul",
    with three people it could be, each less likely than nobody).
    """
    if len(probabilities) == 1 or probabilities[0] >= 0.5:
        return 0
    return max(range(1, len(probabilities)), key=probabilities.__getitem__)
