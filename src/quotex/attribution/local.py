"""Generators in the quote's own paragraph: cues and subjects the parse shows.

Each function proposes candidates for the quote whose marks sit at
``[opener, closer)`` of a parsed paragraph; none of them decides. Their
features say how they read the sentence (which way the cue stands, whether
the quote hangs from it in the parse, how far it is).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from quotex.attribution.candidates import (
    Candidate,
    candidate_from_clue,
    distance_features,
)
from quotex.attribution.mentions import (
    PERSON_PRONOUNS,
    PHRASE_REACH,
    Clue,
    can_speak,
    first_phrase,
    make_mention,
    mention_from_run,
    phrase_after,
)
from quotex.attribution.paragraph import Paragraph
from quotex.attribution.syntax import (
    is_venue,
    outer_report,
    paragraph_cues,
    quote_governors,
    sentences_around,
    subject_of,
)
from quotex.attribution.tokens import (
    DASHES,
    SUBJECT_DEPS,
    is_cue,
    is_cue_read_as_noun,
    is_verb,
)
from quotex.lexicon import Lexicon

_SENTENCE_ENDS = (".", "!", "?", ";")
# The labels of an interview's turns: never a speaker, nor an article.
_INTERVIEW_LABELS = frozenset({"q", "a", "q.", "a."})


def local_candidates(
    para: Paragraph, opener: int, closer: int, lexicon: Lexicon
) -> list[Candidate]:
    """Every candidate the quote's paragraph offers, unmerged, in rule order."""
    tokens = para.tokens_between(opener, closer)
    if not tokens:
        return []
    first, last = tokens[0], tokens[-1]
    found: list[Candidate] = []
    for clue in (
        _cue_after(para, last, lexicon),
        _cue_before(para, first, lexicon),
        _colon_intro(para, first, lexicon),
        _governing_subject(para, tokens, lexicon),
        _subject_before(para, first, lexicon),
    ):
        if clue is None:
            continue
        found.append(candidate_from_clue(clue, lexicon))
        outer = outer_report(para, clue, lexicon) if clue.mention is not None else None
        if outer is not None:
            found.append(candidate_from_clue(outer, lexicon))
    found.extend(_cues_in_sentences(para, first, last, lexicon))
    return found


def _cues_in_sentences(
    para: Paragraph, first: Token, last: Token, lexicon: Lexicon
) -> Iterator[Candidate]:
    """Every cue in the quote's sentences, and those with a subject next to them.

    A cue the quote hangs from in the parse is likelier than one it doesn't:
    in "Cruz accuses Obama of "leading from behind" and Trump says …" Cruz
    spoke; of two it hangs from, the outer one is the source.
    """
    sentences = sentences_around(first, last)
    governors = quote_governors(para, first, last)
    doc = para.span.doc
    own = {(s.start, s.end) for s in sentences}
    neighbours: list[tuple[Span, str]] = []
    after = sentences[-1].end
    if after < para.span.end:
        neighbours.append((doc[after].sent, "cue_next_sentence"))
    before = sentences[0].start - 1
    # '"…," Cruz told reporters. "This is …"': a quote after a quoted
    # sentence goes on with it more often than with the next sentence's cue.
    follows_quote = 0.0
    if before >= para.span.start:
        neighbours.append((doc[before].sent, "cue_previous_sentence"))
        follows_quote = float(para.has_quote_in(doc[before].sent))
    cues = paragraph_cues(para, lexicon)
    speaking = [i for i, clue in cues if clue.mention is not None]
    for index, clue in cues:
        sentence = doc[index].sent
        if (sentence.start, sentence.end) in own:
            source = "cue_in_sentence"
        else:
            source = next(
                (
                    name
                    for s, name in neighbours
                    if (s.start, s.end) == (sentence.start, sentence.end)
                ),
                "",
            )
            if not source or clue.mention is None or para.has_quote_in(sentence):
                continue
        if clue.source == "noun" and not (
            index in governors or doc[index].head.i in governors
        ):
            # "his call for "…"" only speaks for a quote it holds, or stands
            # beside: "“…” was the reply from Senator Grace Okonkwo".
            continue
        distance = first.i - index if index < first.i else index - last.i
        features = distance_features("cue_distance", abs(distance))
        features["cue_before_quote" if index < first.i else "cue_after_quote"] = 1.0
        low, high = (index, first.i) if index < first.i else (last.i, index)
        if any(low < other < high for other in speaking):
            # "Berg said as the heckler yelled: "…"": a nearer cue with its
            # own speaker stands between this one and the quote.
            features["nearer_cue_between"] = 1.0
        if index in governors:
            features["cue_governs_quote"] = 1.0
            features["cue_governor_depth"] = float(min(governors[index], 6))
        if clue.source != "cue":
            features[f"cue_kind:{clue.source}"] = 1.0
        if source != "cue_in_sentence" and follows_quote:
            features["previous_sentence_quoted"] = 1.0
        yield candidate_from_clue(
            Clue(clue.mention, clue.cue, source), lexicon, **features
        )
        if clue.mention is not None and source == "cue_in_sentence":
            outer = outer_report(para, clue, lexicon)
            if outer is not None:
                yield candidate_from_clue(outer, lexicon)


def _cue_after(para: Paragraph, last: Token, lexicon: Lexicon) -> Clue | None:
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
    end = min(para.span.end, start + PHRASE_REACH)
    for index in range(start, end):
        token = doc[index]
        if para.inside_quote(token) or token.text in _SENTENCE_ENDS:
            return None
        if not is_cue(token, lexicon) and not is_cue_read_as_noun(token, lexicon):
            if is_verb(token, lexicon) and token.dep_ != "amod":
                return None  # another clause comes first: "…," and then he left
            if token.pos_ == "CCONJ":
                return None  # "…" five times, and mentioned …: a new clause
            continue
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
        run = first_phrase(before, lexicon) if before else []
        inverted = index == start or doc[index - 1].text == ","
        if not run and inverted and token.tag_ != "VBG":
            # "said X" right after the quote, or after the rest of the
            # reporter's clause: "… ''building bridges'' to Mr. Sanders,
            # said David Axelrod".
            run = phrase_after(para, index + 1, lexicon)
        elif index == start and token.tag_ == "VBG":
            # "…," saying the city … : an -ing form is never inverted with its
            # speaker; the sentence's parse says whose it is.
            return None
        if _introduces_next_quote(para, max([index, *(t.i for t in run)])):
            return None
        mention = mention_from_run(para, run, lexicon) if run else None
        return Clue(mention, para.bounds(token), "cue_after")
    return None


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


def _cue_before(para: Paragraph, first: Token, lexicon: Lexicon) -> Clue | None:
    """``X said, "…"`` and ``X told reporters: "…"``: the cue right before the quote."""
    doc = para.span.doc
    index = first.i - 1
    if index >= para.span.start and doc[index].text in (",", ":"):
        index -= 1
    stop = max(para.span.start, index - PHRASE_REACH // 2)
    while index >= stop:
        token = doc[index]
        if para.inside_quote(token) or token.text in (*_SENTENCE_ENDS, ","):
            # A comma starts another clause: in "Asked about the cost, she was
            # blunt: …" the cue is not "Asked".
            return None
        if is_cue(token, lexicon):
            subject = subject_of(para, token, lexicon)
            if subject is not None:
                mention = make_mention(para, subject, lexicon)
                return Clue(mention, para.bounds(token), "cue_before")
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
                and index - begin < 2 * PHRASE_REACH
                and not para.inside_quote(doc[begin - 1])
            ):
                begin -= 1
            run = first_phrase(list(doc[begin:index]), lexicon)
            mention = mention_from_run(para, run, lexicon) if run else None
            return Clue(mention, para.bounds(token), "cue_before")
        index -= 1
    return None


def _colon_intro(para: Paragraph, first: Token, lexicon: Lexicon) -> Clue | None:
    """A speaker introduced before a colon: ``X was blunt: "…"``."""
    doc = para.span.doc
    colon = first.i - 1
    if colon < para.span.start or doc[colon].text != ":":
        return None
    return speaker_before_colon(para, doc[para.span.start : colon], lexicon)


def speaker_before_colon(para: Paragraph, lead: Span, lexicon: Lexicon) -> Clue | None:
    """Read the speaker from the text that ends in a colon before a quote."""
    if len(lead) == 0:
        return None
    if lead.text.strip().lower() in _INTERVIEW_LABELS:
        return None  # an interview's "Q:" and "A:" name nobody
    sentence = lead[-1].sent
    start = max(sentence.start, lead.start)
    dashes = [t.i for t in lead.doc[start : lead.end] if t.text in DASHES]
    if dashes and dashes[-1] + 1 < lead.end:
        # "IOWA POLLS NOT WRONG, JUST TOO EARLY - Mark Blumenthal: …": a
        # digest's headline, then who the excerpt is from.
        start = dashes[-1] + 1
    clause = lead.doc[start : lead.end]
    root = clause.root
    subject = None
    # "It would be difficult to overstate …, as the Heritage Foundation
    # website notes:" and "Berg said as the heckler yelled:": the cue nearest
    # the colon introduces what follows, when it has a subject.
    cues = [t for t in clause if is_cue(t, lexicon) and not para.inside_quote(t)]
    nearest = subject_of(para, cues[-1], lexicon) if cues else None
    if nearest is not None:
        root, subject = cues[-1], nearest
    cue = para.bounds(root) if is_cue(root, lexicon) else None
    if subject is None and root.pos_ in ("VERB", "AUX"):
        subject = subject_of(para, root, lexicon)
    if subject is None:
        # "And from Chairwoman Y:" — no verb; the last name before the colon.
        names = [
            t
            for t in clause
            if t.pos_ == "PROPN" and not para.inside_quote(t) and not is_venue(t)
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
    return Clue(make_mention(para, subject, lexicon), cue, "colon_intro")


def _governing_subject(
    para: Paragraph, tokens: list[Token], lexicon: Lexicon
) -> Clue | None:
    """The subject of the clause a quote is woven into, with no cue needed.

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
                    if c.dep_ in SUBJECT_DEPS
                    and first <= c.i < end
                    and not para.inside_quote(c)
                ),
                None,
            )
            if subject is not None:
                mention = make_mention(para, subject, lexicon)
                if mention is None or not can_speak(mention):
                    return None
                return Clue(mention, None, "governing_subject")
            if head.head.i == head.i:
                return None
            head = head.head
        return None
    return None


def _subject_before(para: Paragraph, first: Token, lexicon: Lexicon) -> Clue | None:
    """The person the sentence before a whole-sentence quote is about.

    "Sen. Bernie Sanders … identified young voters' exhaustion with bigotry
    as one reason. "The younger people are …"": with no reporting verb
    anywhere, the quote is most often the previous sentence's subject's.
    """
    sentence = first.sent
    if first.i - sentence.start > 1 or sentence.start <= para.span.start:
        return None
    previous = first.doc[sentence.start - 1].sent
    if any(is_cue(t, lexicon) for t in previous if not para.inside_quote(t)):
        # '"…," she said. "…"': the second half goes on with the first, cue
        # and all, which the quote before gives it.
        return None
    subject = subject_of(para, previous.root, lexicon)
    mention = make_mention(para, subject, lexicon) if subject is not None else None
    if mention is None or not (
        mention.kind == "name" or mention.key in PERSON_PRONOUNS
    ):
        return None
    return Clue(mention, None, "previous_sentence_subject")
