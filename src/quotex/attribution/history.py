"""Who has spoken so far in one document, as the text-order pass goes.

The thread a reader follows: the speakers of the quotes so far, who reported
speech lately ("He reiterated that …"), and the gender the text's own
pronouns gave each person. Features of "he" and of a quote with no mention
read it; the resolver writes it as the decoder goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quotex.attribution.person import Person


@dataclass(slots=True)
class SpeakerHistory:
    """Who has spoken so far in the document, as the text-order pass goes.

    Quotes' speakers and the subjects of reported speech ("He reiterated
    that …") in order; what pronouns and floating quotes most often continue.
    """

    #: (paragraph, person) of each resolved quote speaker, in text order
    quoted: list[tuple[int, Person]] = field(default_factory=list)
    #: person id -> last paragraph where they were the subject of a report
    reported: dict[int, int] = field(default_factory=dict)
    #: person id -> the gender a pronoun resolved to them showed
    pronoun_gender: dict[int, str] = field(default_factory=dict)
    #: the last resolved speaker, of a quote or a report
    last: Person | None = None

    def note_quote(self, paragraph: int, person: Person) -> None:
        """Record that ``person`` is the speaker of a quote in ``paragraph``."""
        self.quoted.append((paragraph, person))
        self.last = person

    def note_report(self, paragraph: int, person: Person) -> None:
        """Record that ``person`` reported speech in ``paragraph``."""
        self.reported[id(person)] = paragraph
        self.last = person

    def speaker_rank(self, person: Person) -> int | None:
        """Return 1 for the most recent quote speaker, 2 for the one before, …"""
        seen: list[int] = []
        for _, who in reversed(self.quoted):
            if id(who) not in seen:
                seen.append(id(who))
                if who is person:
                    return len(seen)
            if len(seen) >= 4:
                return None
        return None

    def last_quoted_paragraph(self, person: Person) -> int | None:
        """Return the paragraph of ``person``'s last quote so far."""
        for paragraph, who in reversed(self.quoted):
            if who is person:
                return paragraph
        return None
