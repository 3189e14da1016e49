"""Local attribution rules: for one quote, find its cue and speaker mention.

Pure functions over a parsed paragraph (a spaCy ``Span`` with the character
offset of its start in the document). They look only at the quote's own
sentence and its neighbours; deciding who a mention refers to ("he", "the
minister") is the resolver's job, with the whole document in view.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Span, Token

from quotex.lexicon import Lexicon

MentionKind = Literal["name", "pronoun", "description", "organization", "reporter"]

PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m"}
GROUP_PRONOUNS = frozenset({"they", "we", "it", "them", "us", "their", "its", "our"})
REPORTER_PRONOUNS = frozenset({"i", "me", "you"})

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Children that belong to the sentence rather than to the speaker's phrase:
# "Lavrov, who arrived on Monday," stays "Lavrov".
_MENTION_SKIP_DEPS = frozenset(
    {"appos", "relcl", "acl", "advcl", "punct", "cc", "conj", "parataxis", "prep"}
)
# Clause links a speaker can be inherited over: "he said, adding that ...".
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "ccomp", "pcomp", "acl", "prep"})
# How many tokens may stand between a quote's mark and its cue.
_ADJACENT_REACH = 12
_DASHES = frozenset({"-", "--", "—", "–", "―"})
_PHRASE_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PRON", "ADP"})
_SPOKES_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "official"})
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
_OBJECT_PERSONS = frozenset({"him", "her", "them", "me", "us"})
_COMMON_CAPITALISED = frozenset({"i", "god"})
# Spaces around the dash may be no-break spaces ("” ―\u00a0Jorge Falcon"),
# and a hyphen may touch the name ("-President Obama, tweeting …").
_DASH_RE = re.compile(r"[^\S\n]*(?:[—―–]+|-{1,2}(?=\s)|-(?=[A-Z]))[^\S\n]*")


@dataclass(frozen=True, slots=True)
class Mention:
    """A phrase naming or pointing at a speaker, in document offsets."""

    start: int
    end: int
    text: str
    kind: MentionKind
    #: the name inside the phrase, for names ("Sergey Lavrov" in "Minister
    #: Sergey Lavrov"); the head word, lower-cased, for other kinds
    key: str
    #: words before the name that may hold a title ("Russian Foreign Minister")
    titles: str = ""


@dataclass(frozen=True, slots=True)
class LocalAttribution:
    """What the quote's own sentence says about who spoke."""

    mention: Mention | None
    cue: tuple[int, int] | None
    method: str


class Paragraph:
    """A parsed paragraph and how its characters map back to the document.

    The parsed text may have long quotations cut short (see
    :mod:`quotex.engine`): ``cuts`` lists, in order, ``(parsed_position,
    extra)`` pairs meaning that from that position of the parsed text on,
    ``extra`` more characters stood in the document.

    Token offsets, whether each token is inside a quote, and the paragraph's
    reporting cues are worked out once, so that attributing many quotes in one
    paragraph stays linear.
    """

    def __init__(
        self,
        span: Span,
        base: int,
        quote_ranges: tuple[tuple[int, int], ...],
        cuts: tuple[tuple[int, int], ...] = (),
    ) -> None:
        self.span = span
        self.base = base
        self.quote_ranges = quote_ranges
        self.cuts = cuts
        self._offsets = [self._map(token.idx) for token in span]
        self._inside: list[bool] = []
        ranges = sorted(quote_ranges)
        current = 0
        for position in self._offsets:
            while current < len(ranges) and ranges[current][1] <= position:
                current += 1
            self._inside.append(
                current < len(ranges) and ranges[current][0] <= position
            )
        self._inside_before = [0]
        for inside in self._inside:
            self._inside_before.append(self._inside_before[-1] + inside)
        self._cues: list[tuple[int, LocalAttribution]] | None = None

    def _map(self, position: int) -> int:
        shift = 0
        for cut, extra in self.cuts:
            if position < cut:
                break
            shift = extra
        return position + shift + self.base

    def _index(self, token: Token) -> int | None:
        index = token.i - self.span.start
        return index if 0 <= index < len(self._offsets) else None

    def offset(self, token: Token) -> int:
        """Return the document offset of ``token``."""
        index = self._index(token)
        return self._offsets[index] if index is not None else self._map(token.idx)

    def inside_quote(self, token: Token) -> bool:
        """Whether ``token`` lies between the marks of a quote (marks included)."""
        index = self._index(token)
        if index is not None:
            return self._inside[index]
        position = self.offset(token)
        return any(start <= position < end for start, end in self.quote_ranges)

    def has_quote_in(self, tokens: Span) -> bool:
        """Whether any of ``tokens`` lies inside a quote."""
        first = max(tokens.start - self.span.start, 0)
        last = min(tokens.end - self.span.start, len(self._inside))
        if first >= last:
            return False
        prefix = self._inside_before
        return prefix[last] - prefix[first] > 0

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """Return the tokens that start at document offsets in [start, end)."""
        first = bisect.bisect_left(self._offsets, start)
        last = bisect.bisect_left(self._offsets, end)
        return list(self.span[first:last])

    def cues(self, lexicon: Lexicon) -> list[tuple[int, LocalAttribution]]:
        """Every reporting cue outside the quotes, by token index, in order."""
        if self._cues is None:
            self._cues = []
            for token in self.span:
                if self.inside_quote(token):
                    continue
                found = (
                    _according_to(self, token, lexicon)
                    or _verb_cue(self, token, lexicon)
                    or _noun_cue(self, token, lexicon)
                )
                if found is not None:
                    self._cues.append((token.i, found))
        return self._cues


def find_attribution(
    para: Paragraph, opener: int, closer: int, lexicon: Lexicon
) -> LocalAttribution | None:
    """Find cue and speaker for the quote whose marks sit at [opener, closer).

    Looks, in order, for a reporting verb with a subject in the quote's
    sentence, "according to X", a speaker introduced before a colon, and a
    speaker in the sentence right after or before.
    """
    tokens = para.tokens_between(opener, closer)
    if not tokens:
        return None
    first, last = tokens[0], tokens[-1]
    sentences = _sentences_around(first, last)
    for adjacent in (
        _adjacent_after(para, last, lexicon),
        _adjacent_before(para, first, lexicon),
    ):
        if adjacent is not None and adjacent.mention is not None:
            if _is_speaker_like(adjacent.mention, lexicon):
                return _outer_report(para, adjacent, lexicon) or adjacent
            # "…," Mr. Trump's returns said: a subject that cannot speak is
            # a misparse more often than a speaker; a cue in the sentence
            # whose subject can speak is the better reading.
            other = _cue_in(para, sentences, first, last, lexicon)
            if (
                other is not None
                and other.mention is not None
                and _is_speaker_like(other.mention, lexicon)
            ):
                return other
            return adjacent
    found = _cue_in(para, sentences, first, last, lexicon)
    if found is not None and found.mention is not None:
        found = _outer_report(para, found, lexicon) or found
    if found is None:
        found = _colon_intro(para, first, lexicon)
    if found is None:
        for sentence in _neighbour_sentences(para, sentences):
            found = _cue_in(
                para, [sentence], first, last, lexicon, require_subject=True
            )
            if found is not None:
                break
    if found is None or found.mention is None:
        governor = _governing_subject(para, tokens, lexicon)
        if governor is not None:
            return governor
    if found is None:
        return _subject_before(para, first, lexicon)
    return found


def _subject_before(
    para: Paragraph, first: Token, lexicon: Lexicon
) -> LocalAttribution | None:
    """The person the sentence before a whole-sentence quote is about.

    "Sen. Bernie Sanders … identified young voters' exhaustion with bigotry
    as one reason. "The younger people are …"": with no reporting verb
    anywhere, the quote is most often the previous sentence's subject's.
    """
    sentence = first.sent
    if first.i - sentence.start > 1 or sentence.start <= para.span.start:
        return None
    previous = first.doc[sentence.start - 1].sent
    if any(_is_cue(t, lexicon) for t in previous if not para.inside_quote(t)):
        # '"…," she said. "…"': the second half goes on with the first, cue
        # and all, which the passage logic gives it.
        return None
    subject = _subject_of(para, previous.root, lexicon)
    mention = make_mention(para, subject, lexicon) if subject is not None else None
    if mention is None or not (
        mention.kind == "name" or mention.key in PERSON_PRONOUNS
    ):
        return None
    return LocalAttribution(mention, None, "governor")


def _outer_report(
    para: Paragraph, found: LocalAttribution, lexicon: Lexicon
) -> LocalAttribution | None:
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
        if reported and _is_cue(node, lexicon) and not para.inside_quote(node):
            low, high = sorted((node.i, tokens[0].i))
            if para.has_quote_in(node.doc[low:high]):
                return None  # "…," X said, "…," she added: two lines, not one
            subject = _subject_of(para, node, lexicon)
            if subject is None:
                return None
            mention = make_mention(para, subject, lexicon)
            if mention is None or not _is_speaker_like(mention, lexicon):
                return None
            cue = (para.offset(node), para.offset(node) + len(node))
            return LocalAttribution(mention, cue, found.method)
    return None


def _governing_subject(
    para: Paragraph, tokens: list[Token], lexicon: Lexicon
) -> LocalAttribution | None:
    """The subject of the clause a quote is woven into, when no cue names one.

    ``Nixon ran on the slogan "Experience Counts"`` and ``Obama condemned the
    test as "provocative"``: news attributes a quoted phrase to the subject of
    the sentence that carries it.
    """
    inside = {t.i for t in tokens}
    first, end = para.span.start, para.span.end
    for token in tokens:
        head = token.head
        if head.i in inside or head.i == token.i:
            continue
        for _ in range(6):
            if not first <= head.i < end:
                return None  # a parse that runs past the paragraph
            subject = next(
                (
                    c
                    for c in head.children
                    if c.dep_ in _SUBJECT_DEPS
                    and first <= c.i < end
                    and not para.inside_quote(c)
                ),
                None,
            )
            if subject is not None:
                mention = make_mention(para, subject, lexicon)
                if mention is None or not _can_speak(mention):
                    return None
                return LocalAttribution(mention, None, "governor")
            if head.head.i == head.i:
                return None
            head = head.head
        return None
    return None


def _is_speaker_like(mention: Mention, lexicon: Lexicon) -> bool:
    """Whether a subject is the kind of thing that says things."""
    if mention.kind == "description":
        return (
            mention.key in lexicon.person_nouns
            or mention.key in lexicon.organization_nouns
        )
    return _can_speak(mention)


def _can_speak(mention: Mention) -> bool:
    """Whether a sentence subject can be the source of a quote woven into it.

    People, organisations, groups and descriptions can; "it" and the
    reporter's own "I" cannot, and the quote is better left to the passage.
    """
    if mention.kind == "pronoun":
        return mention.key not in ("it", "this", "that")
    return mention.kind != "reporter"


def reported_speech(para: Paragraph, lexicon: Lexicon) -> list[LocalAttribution]:
    """Return every reporting verb with a speaker in the paragraph's own words.

    Indirect speech ("He reiterated that ...") makes its subject the speaker
    of the passage, which the quotes that follow may continue.
    """
    return [
        cue
        for _, cue in para.cues(lexicon)
        if cue.method == "cue" and cue.mention is not None
    ]


def _is_cue(token: Token, lexicon: Lexicon) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.lower_ in ("put", "puts"):  # "as Vulture put it, "…""
        return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "it"
    return token.lower_ in lexicon.reporting_forms


def _adjacent_after(
    para: Paragraph, last: Token, lexicon: Lexicon
) -> LocalAttribution | None:
    """``"…," X said`` and ``"…," said X``: the cue right after the closing mark.

    Read from word order, not the parse: the small statistical parsers often
    hang the speaker of these lines on the quote's own verb.
    """
    doc = para.span.doc
    if last.i > 0 and doc[last.i - 1].text == ".":
        # The quote ended its sentence: what follows starts another one
        # ("…him.” Of course, Clinton said, “…”), whose cue is not this quote's.
        return None
    start = last.i + 1
    while start < para.span.end and doc[start].text in (",", "—", "–"):
        start += 1
    end = min(para.span.end, start + _ADJACENT_REACH)
    for index in range(start, end):
        token = doc[index]
        if para.inside_quote(token) or token.text in (".", "!", "?", ";"):
            return None
        if not _is_cue(token, lexicon) and not _is_cue_read_as_noun(token, lexicon):
            if _is_verb(token, lexicon) and token.dep_ != "amod":
                return None  # another clause comes first: "…," and then he left
            if token.pos_ == "CCONJ":
                return None  # "…" five times, and mentioned …: a new clause
            continue
        cue = (para.offset(token), para.offset(token) + len(token))
        before = list(doc[start:index])
        commas = [k for k, t in enumerate(before) if t.text == ","]
        if commas and doc[last.i - 1].text != "," and start == last.i + 1:
            # ""in homage to" Lazar, Song wrote": a quote that does not end
            # with a comma runs on into the reporter's words up to the comma.
            before = before[commas[0] + 1 :]
        as_clause = [k for k, t in enumerate(before) if t.lower_ == "as"]
        if as_clause:
            # "…" candidate, as Sanders' campaign manager suggested
            before = before[as_clause[-1] + 1 :]
        run = _first_phrase(before, lexicon) if before else []
        inverted = index == start or doc[index - 1].text == ","
        if not run and inverted and token.tag_ != "VBG":
            # "said X" right after the quote, or after the rest of the
            # reporter's clause: "… ''building bridges'' to Mr. Sanders,
            # said David Axelrod".
            run = _phrase_after(para, index + 1, lexicon)
        elif index == start and token.tag_ == "VBG":
            # "…," saying the city … : an -ing form is never inverted with its
            # speaker; the sentence's parse says whose it is.
            return None
        if _introduces_next_quote(para, max([index, *(t.i for t in run)])):
            return None
        mention = _mention_from_run(para, run, lexicon) if run else None
        return LocalAttribution(mention, cue, "cue")
    return None


def _is_cue_read_as_noun(token: Token, lexicon: Lexicon) -> bool:
    """A cue the tagger took for a noun at the head of the sentence.

    In ``"…," the email read.`` the tagger reads "email read" as a compound
    noun and makes it the root, and in ``"…," a voice-over in the ad
    states.`` it ends the sentence as a plural; neither can be a noun there.
    """
    doc = token.doc
    ends_sentence = token.i + 1 == token.sent.end or doc[token.i + 1].text in ".!"
    return (
        token.pos_ == "NOUN"
        and (token.dep_ == "ROOT" or ends_sentence)
        and token.lower_ in lexicon.reporting_forms
        and token.i > 0
        and doc[token.i - 1].pos_ in ("NOUN", "PROPN", "NUM")  # "the two write"
    )


def _is_verb(token: Token, lexicon: Lexicon) -> bool:
    """A verb, leaving out names and nouns the tagger took for one."""
    return (
        token.pos_ in ("VERB", "AUX")
        and not _is_modal_name(token)
        and not _is_person_noun(token, lexicon)
    )


def _is_person_noun(token: Token, lexicon: Lexicon) -> bool:
    """A word for a person, compounds included: "screenwriter", "speechwriter".

    The tagger sometimes reads one as a verb after a closing quote.
    """
    word = token.lower_
    return word in lexicon.person_nouns or any(
        word[start:] in lexicon.person_nouns for start in range(3, len(word) - 4)
    )


def _introduces_next_quote(para: Paragraph, index: int) -> bool:
    """Whether a colon and a quote follow the cue phrase ending at ``index``.

    In ``…at "less advanced schools," Trump said: "I don't like …"`` the
    cue and its colon introduce the next quote, not the one before.
    """
    doc = para.span.doc
    colon = index + 1
    while colon < para.span.end and doc[colon].pos_ in ("ADV", "ADP", "PROPN", "NOUN"):
        colon += 1  # "Trump said on Monday:"
    return (
        colon + 1 < para.span.end
        and doc[colon].text == ":"
        and para.inside_quote(doc[colon + 1])
    )


def _adjacent_before(
    para: Paragraph, first: Token, lexicon: Lexicon
) -> LocalAttribution | None:
    """``X said, "…"`` and ``X told reporters: "…"``: the cue right before the quote."""
    doc = para.span.doc
    index = first.i - 1
    if index >= para.span.start and doc[index].text in (",", ":"):
        index -= 1
    stop = max(para.span.start, index - _ADJACENT_REACH // 2)
    while index >= stop:
        token = doc[index]
        if para.inside_quote(token) or token.text in (".", "!", "?", ";", ","):
            # A comma starts another clause: in "Asked about the cost, she was
            # blunt: …" the cue is not "Asked".
            return None
        if _is_cue(token, lexicon):
            cue = (para.offset(token), para.offset(token) + len(token))
            subject = _subject_of(para, token, lexicon)
            if subject is not None:
                return LocalAttribution(
                    make_mention(para, subject, lexicon), cue, "cue"
                )
            if token.tag_ == "VBG":
                # "… and pointedly saying": the words before an -ing form
                # are not its subject.
                return None
            # No parsed subject: read the phrase before the cue, appositions
            # and relative clauses included ("her adviser, Jake Sullivan,
            # said"; "Mayor Vosk, who pushed for it, called …").
            begin = index
            while (
                begin > token.sent.start
                and index - begin < 2 * _ADJACENT_REACH
                and not para.inside_quote(doc[begin - 1])
            ):
                begin -= 1
            run = _first_phrase(list(doc[begin:index]), lexicon)
            return LocalAttribution(
                _mention_from_run(para, run, lexicon) if run else None, cue, "cue"
            )
        index -= 1
    return None


def _first_phrase(tokens: list[Token], lexicon: Lexicon) -> list[Token]:
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
    phrases = [_noun_phrase(part) for part in chunks]
    phrases = [
        p
        for p in phrases
        if p
        and p[0].pos_ not in ("ADP", "SCONJ")
        and not any(_is_verb(t, lexicon) for t in p)
    ]
    named = [p for p in phrases if any(_is_proper(t) for t in p)]
    if named:
        return named[0]
    return phrases[0] if phrases else []


def _in_phrase(token: Token) -> bool:
    return token.pos_ in _PHRASE_POS or token.text in ("'s", "’s", "-", ".")


def _noun_phrase(tokens: list[Token]) -> list[Token]:
    """Trim a run to the speaker phrase: drop an apposition after a comma."""
    while tokens and (tokens[0].is_punct or tokens[0].pos_ in ("CCONJ", "ADV")):
        tokens = tokens[1:]
    for cut, token in enumerate(tokens):
        if token.text in (",", "(") and cut > 0:
            tokens = tokens[:cut]
            break
    while tokens and (tokens[-1].is_punct or tokens[-1].pos_ in ("ADV", "AUX", "PART")):
        tokens = tokens[:-1]
    if not tokens or not any(_is_nominal(t) for t in tokens):
        return []
    return tokens


def _is_nominal(token: Token) -> bool:
    """A word that can head a speaker phrase: "the two" and "May" included."""
    return (
        token.pos_ in ("PROPN", "NOUN", "PRON")
        or _is_modal_name(token)
        or (token.pos_ == "NUM" and token.i > 0 and token.nbor(-1).lower_ == "the")
        or token.lower_ == "one"  # "“…,” read one."
    )


def _phrase_after(para: Paragraph, index: int, lexicon: Lexicon) -> list[Token]:
    """The subject after an inverted cue: ``said Rep. Jim Clyburn (D-S.C.)``."""
    doc = para.span.doc
    run: list[Token] = []
    while index < para.span.end and len(run) < _ADJACENT_REACH:
        token = doc[index]
        if token.text == "." and run and _is_split_title(run[-1], lexicon):
            run.append(token)  # "said Army Capt. Christian Pardo"
            index += 1
            continue
        if para.inside_quote(token) or token.text in (",", "(", ".", ";", ":", "—"):
            break
        if (
            token.pos_ in ("ADP", "SCONJ", "VERB", "AUX")
            and not (token.lower_ == "for" and run and run[-1].lower_ in _SPOKES_NOUNS)
            and not token.text.endswith(".")
        ):
            break
        if token.lower_ in ("who", "that", "which"):
            break
        run.append(token)
        index += 1
    return _noun_phrase(run)


def _is_split_title(token: Token, lexicon: Lexicon) -> bool:
    """A title whose full stop the tokenizer split off: "Capt" of "Capt."."""
    return not token.whitespace_ and token.lower_ in lexicon.titles


def _extend_glued(run: list[Token]) -> list[Token]:
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


def _mention_from_run(
    para: Paragraph, run: list[Token], lexicon: Lexicon
) -> Mention | None:
    """Type a speaker phrase read from word order."""
    run = _extend_glued([t for t in run if not para.inside_quote(t) and not t.is_space])
    if not run:
        return None
    heads = [t for t in run if _is_nominal(t)]
    if not heads:
        return None
    head = heads[-1]
    for token in run:
        if token.pos_ == "ADP" and token.i > run[0].i:
            before = [t for t in heads if t.i < token.i]
            head = before[-1] if before else head
            break
    start = para.offset(run[0])
    end = para.offset(run[-1]) + len(run[-1])
    text = run[0].doc[run[0].i : run[-1].i + 1].text
    return _typed_mention(head, run, start, end, text, lexicon)


def _sentences_around(first: Token, last: Token) -> list[Span]:
    sentences: list[Span] = []
    sentence = first.sent
    while True:
        sentences.append(sentence)
        if sentence.end > last.i or sentence.end >= len(sentence.doc):
            return sentences
        sentence = sentence.doc[sentence.end].sent


def _neighbour_sentences(para: Paragraph, sentences: list[Span]) -> list[Span]:
    """The sentence after the quote's, then the one before, within the paragraph."""
    doc = para.span.doc
    found = []
    after = sentences[-1].end
    if after < para.span.end:
        found.append(doc[after].sent)
    before = sentences[0].start - 1
    if before >= para.span.start:
        if para.has_quote_in(doc[before].sent):
            # "…," Cruz told reporters. "This is …": the quote goes on with
            # the line before, not with the cue of the sentence after.
            return []
        found.append(doc[before].sent)
    return [s for s in found if not para.has_quote_in(s)]


def _cue_in(
    para: Paragraph,
    sentences: list[Span],
    first: Token,
    last: Token,
    lexicon: Lexicon,
    *,
    require_subject: bool = False,
) -> LocalAttribution | None:
    """Pick the reporting cue nearest the quote, preferring one with a speaker.

    A cue the quote hangs from in the parse beats one it doesn't: in "Cruz
    accuses Obama of "leading from behind" and Trump says …" Cruz spoke. Of
    two it hangs from, the outer one is the source: in "Trump said that
    Romney begged him and "would have dropped to his knees"" Trump spoke.
    A cue whose subject can speak (a person, a pronoun, an organisation, a
    role) beats a nearer one whose subject cannot: in "a source said the
    hacked areas suggested … “economic intelligence”" the source spoke.
    """
    best: tuple[tuple[int, ...], LocalAttribution] | None = None
    cues = para.cues(lexicon)
    positions = [index for index, _ in cues]
    governors = _quote_governors(para, first, last)
    for sentence in sentences:
        low = bisect.bisect_left(positions, sentence.start)
        high = bisect.bisect_left(positions, sentence.end)
        for index, found in cues[low:high]:
            if require_subject and found.mention is None:
                continue
            if found.method == "noun" and index not in governors:
                continue  # "his call for "…"" only speaks for a quote it holds
            distance = first.i - index if index < first.i else index - last.i
            mention = found.mention
            rank = (
                0 if mention else 1,
                0 if index in governors else 1,
                0 if mention and _is_speaker_like(mention, lexicon) else 1,
                1 if found.method == "noun" else 0,
                -governors.get(index, 0),
                abs(distance),
            )
            if best is None or rank < best[0]:
                best = (rank, found)
    return best[1] if best else None


def _quote_governors(para: Paragraph, first: Token, last: Token) -> dict[int, int]:
    """Indices of the words outside the quote that the quote hangs from.

    Each maps to how many steps up the parse it stands from the quote.

    In "Cruz accuses Obama of "leading from behind" and Trump says …" the
    quote hangs from "accuses", not from "says".
    """
    governors: dict[int, int] = {}
    for token in first.doc[first.i : last.i + 1]:
        if first.i <= token.head.i <= last.i:
            continue  # its ancestors are those of a word that leaves the quote
        for depth, ancestor in enumerate(token.ancestors):
            if not first.i <= ancestor.i <= last.i:
                governors[ancestor.i] = min(depth, governors.get(ancestor.i, depth))
    return governors


def _according_to(
    para: Paragraph, token: Token, lexicon: Lexicon
) -> LocalAttribution | None:
    if token.lower_ != "according" or token.i + 1 >= len(token.doc):
        return None
    to = token.doc[token.i + 1]
    if to.lower_ != "to":
        return None
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects or para.inside_quote(objects[0]):
        return None
    cue = (para.offset(token), para.offset(to) + len(to))
    return LocalAttribution(make_mention(para, objects[0], lexicon), cue, "according")


def _verb_cue(
    para: Paragraph, token: Token, lexicon: Lexicon
) -> LocalAttribution | None:
    if not _is_cue(token, lexicon):
        return None
    cue = (para.offset(token), para.offset(token) + len(token))
    subject = _subject_of(para, token, lexicon)
    mention = make_mention(para, subject, lexicon) if subject is not None else None
    return LocalAttribution(mention, cue, "cue")


def _noun_cue(
    para: Paragraph, token: Token, lexicon: Lexicon
) -> LocalAttribution | None:
    """A reporting noun with its author: "his call for "…"", "Smith's words"."""
    word = token.lower_
    singular = word[:-1] if word.endswith("s") else word  # no lemmatizer runs
    if token.pos_ != "NOUN" or not {word, singular} & lexicon.reporting_nouns:
        return None
    owners = [
        child
        for child in token.children
        if child.dep_ == "poss" and not para.inside_quote(child)
    ]
    if not owners:
        return None
    mention = make_mention(para, owners[0], lexicon)
    if mention is None:
        return None
    cue = (para.offset(token), para.offset(token) + len(token))
    return LocalAttribution(mention, cue, "noun")


def _subject_of(para: Paragraph, verb: Token, lexicon: Lexicon) -> Token | None:
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
            if (child.dep_ in _SUBJECT_DEPS or _is_modal_name(child))
            and not para.inside_quote(child)
        ]
        if subjects:
            return _past_dateline(_likeliest_subject(para, current, subjects))
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
            if any(t.text in _DASHES for t in between):
                return child
    return subject


def _likeliest_subject(para: Paragraph, verb: Token, subjects: list[Token]) -> Token:
    """Choose among subjects the parser hung on one verb, most often one.

    Two subjects are a misparse. A quote between a subject and the verb
    makes it the quote's own subject (``The address "was …," said Jon
    Favreau``); else one before the verb beats one after it (the reported
    clause's subject), and the nearer of two before it wins ("Speaking in
    Salem, New Hampshire, Trump went …").
    """
    if len(subjects) == 1:
        return subjects[0]
    doc = verb.doc

    def rank(subject: Token) -> tuple[bool, bool, int]:
        low, high = sorted((subject.i, verb.i))
        quoted_between = any(para.inside_quote(doc[k]) for k in range(low + 1, high))
        return (not quoted_between, subject.i < verb.i, -abs(subject.i - verb.i))

    return max(subjects, key=rank)


def _colon_intro(
    para: Paragraph, first: Token, lexicon: Lexicon
) -> LocalAttribution | None:
    """A speaker introduced before a colon: ``X was blunt: "…"``."""
    doc = para.span.doc
    colon = first.i - 1
    if colon < para.span.start or doc[colon].text != ":":
        return None
    return speaker_before_colon(para, doc[para.span.start : colon], lexicon)


def speaker_before_colon(
    para: Paragraph, lead: Span, lexicon: Lexicon
) -> LocalAttribution | None:
    """Read the speaker from the text that ends in a colon before a quote."""
    if len(lead) == 0:
        return None
    sentence = lead[-1].sent
    start = max(sentence.start, lead.start)
    dashes = [t.i for t in lead.doc[start : lead.end] if t.text in _DASHES]
    if dashes and dashes[-1] + 1 < lead.end:
        # "IOWA POLLS NOT WRONG, JUST TOO EARLY - Mark Blumenthal: …": a
        # digest's headline, then who the excerpt is from.
        start = dashes[-1] + 1
    clause = lead.doc[start : lead.end]
    root = clause.root
    subject = None
    if not _is_cue(root, lexicon):
        # "It would be difficult to overstate …, as the Heritage Foundation
        # website notes:": the cue nearest the colon, when it has a subject.
        cues = [t for t in clause if _is_cue(t, lexicon) and not para.inside_quote(t)]
        nearest = _subject_of(para, cues[-1], lexicon) if cues else None
        if nearest is not None:
            root, subject = cues[-1], nearest
    cue = None
    if _is_cue(root, lexicon):
        cue = (para.offset(root), para.offset(root) + len(root))
    if subject is None and root.pos_ in ("VERB", "AUX"):
        subject = _subject_of(para, root, lexicon)
    if subject is None:
        # "And from Chairwoman Y:" — no verb; the last name before the colon.
        names = [
            t
            for t in clause
            if t.pos_ == "PROPN" and not para.inside_quote(t) and not _is_venue(t)
        ]
        if names:
            # "Kathleen Parker, The Washington Post:" — the person comes
            # first and the apposition after the comma says who they are.
            commas = [t.i for t in clause if t.text == ","]
            before_comma = [t for t in names if commas and t.i < commas[0]]
            subject = (before_comma or names)[-1]
        elif root.pos_ in ("PROPN", "NOUN", "PRON"):
            subject = root
    if subject is None:
        return None
    return LocalAttribution(make_mention(para, subject, lexicon), cue, "colon")


def _is_venue(token: Token) -> bool:
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
    if head.lower_ in ("spokesman", "spokeswoman", "spokesperson", "official"):
        # "a spokesman for Disney": the organisation is part of who spoke.
        stack += [c for c in head.children if c.dep_ == "prep"]
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
    run = _extend_glued(keep[first : last + 1])
    dashes = [
        k
        for k, t in enumerate(run)
        if t.i < head.i and t.text in _DASHES and t.whitespace_
    ]
    if dashes:
        run = run[dashes[-1] + 1 :]  # "… TOO EARLY - Maria Okonkwo" is Maria Okonkwo
    while run and (run[0].is_punct or run[0].is_space):
        run.pop(0)
    while run and (run[-1].is_punct or run[-1].is_space or run[-1].tag_ == "POS"):
        run.pop()
    if not run:
        return None
    start = para.offset(run[0])
    end = para.offset(run[-1]) + len(run[-1])
    text = head.doc[run[0].i : run[-1].i + 1].text
    return _typed_mention(head, run, start, end, text, lexicon)


def _typed_mention(
    head: Token, run: list[Token], start: int, end: int, text: str, lexicon: Lexicon
) -> Mention:
    """Say whether a speaker phrase is a name, pronoun, organisation or description.

    Read from the tagger's proper nouns and quotex's word lists, not from a
    named-entity recognizer: the engine then needs no NER pass, the costliest
    component of the small English pipeline.
    """
    lower = head.lower_
    if lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS:
        return Mention(start, end, text, "pronoun", lower)
    if lower in REPORTER_PRONOUNS:
        return Mention(start, end, text, "reporter", lower)
    doc = head.doc
    if _is_proper(head) or _looks_like_name(head, run):
        name_start = head.i
        while name_start > run[0].i and (
            doc[name_start - 1].pos_ == "PROPN" or not doc[name_start - 1].whitespace_
        ):
            name_start -= 1
        name = doc[name_start : head.i + 1]
        if _is_organization(list(name), lexicon):
            return Mention(start, end, text, "organization", name.text)
        titles = doc[run[0].i : name_start].text
        return Mention(start, end, text, "name", name.text, titles)
    key = lexicon.noun_key(lower)
    if key in lexicon.organization_nouns:
        return Mention(start, end, text, "organization", text)
    return Mention(start, end, text, "description", key)


def _is_proper(token: Token) -> bool:
    return token.pos_ == "PROPN" or _is_modal_name(token)


def _is_modal_name(token: Token) -> bool:
    """A name the tagger took for a modal: "May said", "Will wrote".

    A modal takes a bare verb ("may say"); before a past or third-person
    form the capitalised word is the subject's name.
    """
    doc = token.doc
    return (
        token.tag_ == "MD"
        and token.text[:1].isupper()
        and token.i + 1 < len(doc)
        and doc[token.i + 1].tag_ in ("VBD", "VBN", "VBZ")
    )


def _looks_like_name(head: Token, run: list[Token]) -> bool:
    """A capitalised word the tagger took for a common noun ("Trump asked")."""
    return (
        head.text[:1].isupper()
        and not head.is_sent_start
        and head.lower_ not in _COMMON_CAPITALISED
        and not any(t.lower_ in ("the", "a", "an") for t in run)
    )


def _is_organization(name: list[Token], lexicon: Lexicon) -> bool:
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


def dash_speaker(text: str, closer_end: int, line_end: int) -> tuple[int, int] | None:
    """Return the span of ``— Name`` right after a closing mark, if any."""
    match = _DASH_RE.match(text, closer_end, line_end)
    if match is None:
        return None
    start = match.end()
    end = start
    while end < line_end and text[end] not in ",;(\n[":
        end += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    name = text[start:end]
    words = name.split()
    if not name[:1].isupper() or len(words) > 8:
        return None
    if sum(word[:1].isupper() for word in words) * 2 < len(words):
        return None  # a subheading, "– An immigrant himself –", names no one
    return start, end
