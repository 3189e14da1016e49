"""Reading the parse: reporting cues, their subjects, and what a quote hangs from.

Pure functions over a :class:`~quotex.attribution.paragraph.Paragraph`.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from quotex.attribution.mentions import Clue, is_speaker_like, make_mention
from quotex.attribution.paragraph import Paragraph
from quotex.attribution.tokens import DASHES, SUBJECT_DEPS, is_cue, is_modal_name
from quotex.lexicon import Lexicon

# Clause links a speaker can be inherited over: "he said, adding that ...".
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "ccomp", "pcomp", "acl", "prep"})
_OBJECT_PERSONS = frozenset({"him", "her", "them", "me", "us"})


def paragraph_cues(para: Paragraph, lexicon: Lexicon) -> list[tuple[int, Clue]]:
    """Every reporting cue outside the quotes, by token index, in order.

    Worked out once per paragraph: a paragraph with many quotes asks often.
    """
    cues: list[tuple[int, Clue]] | None = para.memo.get("cues")
    if cues is None:
        cues = []
        for token in para.span:
            if para.inside_quote(token):
                continue
            found = (
                _according_to(para, token, lexicon)
                or _verb_cue(para, token, lexicon)
                or _noun_cue(para, token, lexicon)
            )
            if found is not None:
                cues.append((token.i, found))
        para.memo["cues"] = cues
    return cues


def reported_speech(para: Paragraph, lexicon: Lexicon) -> list[Clue]:
    """Return every reporting verb with a speaker in the paragraph's own words.

    Indirect speech ("He reiterated that ...") makes its subject the speaker
    of the passage, which the quotes that follow may continue.
    """
    return [
        clue
        for _, clue in paragraph_cues(para, lexicon)
        if clue.source == "cue" and clue.mention is not None
    ]


def _according_to(para: Paragraph, token: Token, lexicon: Lexicon) -> Clue | None:
    if token.lower_ != "according" or token.i + 1 >= len(token.doc):
        return None
    to = token.doc[token.i + 1]
    if to.lower_ != "to":
        return None
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects or para.inside_quote(objects[0]):
        return None
    cue = (para.offset(token), para.offset(to) + len(to))
    return Clue(make_mention(para, objects[0], lexicon), cue, "according")


def _verb_cue(para: Paragraph, token: Token, lexicon: Lexicon) -> Clue | None:
    if not is_cue(token, lexicon):
        return None
    subject = subject_of(para, token, lexicon)
    mention = make_mention(para, subject, lexicon) if subject is not None else None
    return Clue(mention, para.bounds(token), "cue")


def _noun_cue(para: Paragraph, token: Token, lexicon: Lexicon) -> Clue | None:
    """A reporting noun with its author: "his call for "…"", "Smith's words"."""
    word = token.lower_
    singular = word[:-1] if word.endswith("s") else word  # no lemmatizer runs
    if token.pos_ != "NOUN" or not {word, singular} & lexicon.reporting_nouns:
        return None
    owners = [
        child
        for child in token.children
        if child.dep_ == "poss" and not para.inside_quote(child)
    ] or [
        # "the reply from Senator Grace Okonkwo", "a statement by the board"
        grandchild
        for child in token.children
        if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by")
        for grandchild in child.children
        if grandchild.dep_ == "pobj" and not para.inside_quote(grandchild)
    ]
    if not owners:
        return None
    mention = make_mention(para, owners[0], lexicon)
    if mention is None:
        return None
    return Clue(mention, para.bounds(token), "noun")


def subject_of(para: Paragraph, verb: Token, lexicon: Lexicon) -> Token | None:
    """Return the speaker token of a reporting verb, climbing shared clauses.

    Also through a statement: in "X issued a statement saying …" the cue
    hangs on "statement", whose author is the subject of "issued".
    """
    current = verb
    for _ in range(5):
        if (
            current.dep_ == "acl"
            and current.head.lower_ in lexicon.reporting_nouns
            and current.head.dep_ in ("dobj", "pobj", "attr")
        ):
            current = current.head.head
            if current.dep_ == "prep":
                current = current.head
            continue
        if current.i == verb.i:
            agent = _agent_of(para, current)
            if agent is not None:
                return agent  # "Sanders was asked by host Bill Maher, "…""
        subjects = [
            child
            for child in current.children
            if (child.dep_ in SUBJECT_DEPS or is_modal_name(child))
            and not para.inside_quote(child)
        ]
        if subjects:
            subject = _likeliest_subject(para, current, subjects)
            return _past_unclosed_apposition(_past_dateline(subject), current)
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ == "xcomp":
            # "That prompted Rubio to … call Trump "very flexible"": the object
            # of the verb that governs the infinitive is who does it.
            controller = [
                c for c in current.head.children if c.dep_ == "dobj" and c.i < current.i
            ]
            if controller and (
                controller[0].pos_ == "PROPN" or controller[0].lower_ in _OBJECT_PERSONS
            ):
                return controller[0]
        if current.head.i == current.i:
            return _noun_before_relative_clause(current)
        if current.dep_ not in _CLIMB_DEPS:
            return None
        current = current.head
    return None


def _agent_of(para: Paragraph, verb: Token) -> Token | None:
    """The "by" phrase of a passive verb, outside any quote."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and not para.inside_quote(grandchild):
                    return grandchild
    return None


def _noun_before_relative_clause(verb: Token) -> Token | None:
    """The noun a relative clause right before a subjectless verb modifies.

    The parser sometimes hangs "an official who spoke anonymously said …"
    with the official as an apposition to an earlier phrase and leaves
    "said" without a subject; the official is still who said it.
    """
    if verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    for ancestor in (before, *before.ancestors):
        if ancestor.i >= verb.i:
            return None
        if ancestor.dep_ == "relcl" and ancestor.head.i < ancestor.i:
            ends_at_verb = max(t.i for t in ancestor.subtree) == verb.i - 1
            return ancestor.head if ends_at_verb else None
    return None


def _past_dateline(subject: Token) -> Token:
    """The subject after a dateline the parser took for it.

    In "WASHINGTON -- President Obama, …, said" the city opening the story is
    parsed as the subject and the speaker as its apposition.
    """
    if not subject.text.isupper() or len(subject.text) < 2:
        return subject
    for child in subject.children:
        if child.dep_ == "appos" and child.i > subject.i:
            between = subject.doc[subject.i + 1 : child.i]
            if any(t.text in DASHES for t in between):
                return child
    return subject


def _past_unclosed_apposition(subject: Token, verb: Token) -> Token:
    """The phrase after a comma that runs on into the verb, not the name before.

    In "After talks with his counterpart Mevlut Cavusoglu, the Russian top
    diplomat said …" the parser makes Cavusoglu the subject and the diplomat
    his apposition; but an apposition closes with a comma ("Cavusoglu, the
    Turkish minister, said"), and one that runs straight into the verb is
    the subject, the name belonging to the phrase before it.
    """
    for child in subject.children:
        if child.dep_ != "appos" or not subject.i < child.i < verb.i:
            continue
        last = max(token.i for token in child.subtree)
        comma_before = any(t.text == "," for t in subject.doc[subject.i : child.i])
        closed = subject.doc[verb.i - 1].text in (",", "—", "–", ")")
        if comma_before and last == verb.i - 1 and not closed:
            return child
    return subject


def _likeliest_subject(para: Paragraph, verb: Token, subjects: list[Token]) -> Token:
    """Choose among subjects the parser hung on one verb, most often one.

    Two subjects are a misparse. A quote between a subject and the verb
    makes it the quote's own subject (``The address "was …," said Jon
    Favreau``); else one before the verb beats one after it (the reported
    clause's subject), and the nearer of two before it wins.
    """
    if len(subjects) == 1:
        return subjects[0]
    doc = verb.doc

    def rank(subject: Token) -> tuple[bool, bool, int]:
        low, high = sorted((subject.i, verb.i))
        quoted_between = any(para.inside_quote(doc[k]) for k in range(low + 1, high))
        return (not quoted_between, subject.i < verb.i, -abs(subject.i - verb.i))

    return max(subjects, key=rank)


def outer_report(para: Paragraph, found: Clue, lexicon: Lexicon) -> Clue | None:
    """The reporting verb whose reported clause holds ``found``'s cue.

    In "He says he respects Clinton and calls her "an extremely intelligent
    woman"" and "critics say he had proposed to "dismantle" the ACA", the
    quote comes to the reader through the outer report, whose subject is
    its source.
    """
    if found.cue is None:
        return None
    tokens = para.tokens_between(*found.cue)
    if not tokens:
        return None
    node = tokens[0]
    reported = False
    while node.dep_ in ("ccomp", "conj", "xcomp") and node.head.i != node.i:
        reported = reported or node.dep_ == "ccomp"
        node = node.head
        if reported and is_cue(node, lexicon) and not para.inside_quote(node):
            low, high = sorted((node.i, tokens[0].i))
            if para.has_quote_in(node.doc[low:high]):
                return None  # "…," X said, "…," she added: two lines, not one
            subject = subject_of(para, node, lexicon)
            if subject is None:
                return None
            mention = make_mention(para, subject, lexicon)
            if mention is None or not is_speaker_like(mention, lexicon):
                return None
            return Clue(mention, para.bounds(node), "outer_report")
    return None


def quote_governors(para: Paragraph, first: Token, last: Token) -> dict[int, int]:
    """Indices of the words outside the quote that the quote hangs from.

    Each maps to how many steps up the parse it stands from the quote. In
    "Cruz accuses Obama of "leading from behind" and Trump says …" the quote
    hangs from "accuses", not from "says".
    """
    memo: dict[tuple[int, int], dict[int, int]] = para.memo.setdefault("governors", {})
    key = (first.i, last.i)
    if key in memo:
        return memo[key]
    governors: dict[int, int] = {}
    for token in first.doc[first.i : last.i + 1]:
        if first.i <= token.head.i <= last.i:
            continue  # its ancestors are those of a word that leaves the quote
        for depth, ancestor in enumerate(token.ancestors):
            if not first.i <= ancestor.i <= last.i:
                governors[ancestor.i] = min(depth, governors.get(ancestor.i, depth))
    memo[key] = governors
    return governors


def sentences_around(first: Token, last: Token) -> list[Span]:
    """The sentences from the one holding ``first`` to the one holding ``last``."""
    sentences: list[Span] = []
    sentence = first.sent
    while True:
        sentences.append(sentence)
        if sentence.end > last.i or sentence.end >= len(sentence.doc):
            return sentences
        sentence = sentence.doc[sentence.end].sent


def is_venue(token: Token) -> bool:
    """A name after "on", "in" or "at": where it was said ("later on CNN:")."""
    preposition = token
    while (
        preposition.dep_ in ("compound", "pobj", "poss")
        and preposition.head.i != preposition.i
    ):
        preposition = preposition.head
        if preposition.dep_ == "prep":
            return preposition.lower_ in ("on", "in", "at", "during")
    return False
