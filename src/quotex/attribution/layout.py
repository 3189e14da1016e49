"""Generators that read the page around a quote: labels, credits and headlines.

Transcript turns ("PENCE: Well, …"), headline labels ("Lewandowski: FBI
director acted as 'judge and jury'"), dash credits under a quote ("— Steve
Quinlan"), a lead paragraph ending in a colon, and the name a headline opens
with. Read from the text's layout, with the parse where there is one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from quotex.attribution.candidates import (
    Candidate,
    DocumentText,
    QuoteSite,
    candidate_from_clue,
)
from quotex.attribution.local import speaker_before_colon
from quotex.attribution.mentions import Clue, Mention
from quotex.attribution.person import CAPITALIZED_RUN_RE
from quotex.lexicon import Lexicon

# A speaker's name in capitals opening a quoted transcript turn.
_TURN_LABEL_RE = re.compile(r"([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}):\s")
_SPEAKER_LABEL_RE = re.compile(r"\s*((?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'.-]*):\s")
# "Obama on Climate Change: The Trends Are 'Terrifying'": who, then the topic.
_ON_TOPIC_LABEL_RE = re.compile(
    r"\s*((?:[A-Z][\w’'.-]*\s){0,3}[A-Z][\w’'.-]*)\s+on\s+[^:]{1,80}:\s"
)
_COLON_AFTER_RE = re.compile(r"\s*:\s*")
_APPOSITION_COMMA_RE = re.compile(r",[^\S\n]+")
# What may follow the name in apposition: the end of the phrase or sentence.
_APPOSITION_END_RE = re.compile(r"\s*(?:[,.;:!?)]|$)", re.MULTILINE)
# Spaces around the dash may be no-break spaces ("” ―\u00a0Jorge Falcon"),
# and a hyphen may touch the name ("-President Obama, tweeting …").
_DASH_RE = re.compile(r"[^\S\n]*(?:[—―–]+|-{1,2}(?=\s)|-(?=[A-Z]))[^\S\n]*")


def layout_candidates(
    document: DocumentText, site: QuoteSite, lexicon: Lexicon
) -> Iterator[Candidate]:
    """Every candidate the page layout around the quote offers."""
    for clue in (
        _transcript_label(document, site),
        _headline_label(document, site, lexicon),
        _dash_credit(document, site),
        _colon_credit(document, site),
        _colon_lead(document, site, lexicon),
        _headline_subject(document, site, lexicon),
    ):
        if clue is not None:
            yield candidate_from_clue(clue, lexicon)


def name_apposition(document: DocumentText, candidate: Candidate) -> Candidate:
    """Name a described speaker by the name in apposition to the description.

    "… says Hart’s co-owner, Malik Osei." and "the chief of staff, Ruth
    Adeyemi, said": the phrase names its speaker right after describing them,
    so the mention runs to the end of the name and is a name.
    """
    mention = candidate.mention
    if mention is None or mention.kind != "description":
        return candidate
    text = document.text
    comma = _APPOSITION_COMMA_RE.match(text, mention.end)
    run = CAPITALIZED_RUN_RE.match(text, comma.end()) if comma else None
    if run is None or not _APPOSITION_END_RE.match(text, run.end()):
        return candidate
    named = Mention(
        mention.start,
        run.end(),
        text[mention.start : run.end()],
        "name",
        run.group(),
        mention.text,
    )
    features = {
        k: v for k, v in candidate.features.items() if not k.startswith("mention")
    }
    features["src:apposition_name"] = 1.0
    features["mention:name"] = 1.0
    features["mention_can_speak"] = 1.0
    return Candidate(named, candidate.cue, features, candidate.carried)


def _name(start: int, end: int, text: str, source: str) -> Clue:
    return Clue(Mention(start, end, text, "name", text), None, source)


def _transcript_label(document: DocumentText, site: QuoteSite) -> Clue | None:
    """A quoted transcript turn: "PENCE: Well, look, …"."""
    span = site.span
    label = _TURN_LABEL_RE.match(document.text, span.start, span.end)
    if label is None:
        return None
    return _name(label.start(1), label.end(1), label.group(1), "transcript_label")


def _headline_label(
    document: DocumentText, site: QuoteSite, lexicon: Lexicon
) -> Clue | None:
    """The speaker label opening the quote's line: "Issa: …", "LOPEZ: …"."""
    start = document.paragraphs[site.paragraph][0]
    lead = _SPEAKER_LABEL_RE.match(document.text, start, site.open_pos)
    if lead is None and site.paragraph == document.headline:
        lead = _ON_TOPIC_LABEL_RE.match(document.text, start, site.open_pos)
    if lead is None:
        return None
    name = lead.group(1)
    if {w.lower() for w in name.split()} <= lexicon.rubrics | {"the", "q", "a"}:
        return None  # "The Latest: …", "Watch: …", an interview's "Q:"
    return _name(lead.start(1), lead.end(1), name, "speaker_label")


def _dash_credit(document: DocumentText, site: QuoteSite) -> Clue | None:
    """``"…" — Name`` after the closing mark, or on the line below the quote."""
    if not site.span.terminated:
        return None
    text = document.text
    end = document.paragraphs[site.paragraph][1]
    found = dash_speaker(text, site.close_end, end)
    following = site.paragraph + 1
    if (
        found is None
        and following < len(document.paragraphs)
        and not text[site.close_end : end].strip()
    ):
        found = dash_speaker(text, *document.paragraphs[following])
    if found is None:
        return None
    return _name(found[0], found[1], text[found[0] : found[1]], "dash_credit")


def _colon_credit(document: DocumentText, site: QuoteSite) -> Clue | None:
    """``"…": Name`` — a digest line naming its source after the quote."""
    if not site.span.terminated:
        return None
    text = document.text
    end = document.paragraphs[site.paragraph][1]
    colon = _COLON_AFTER_RE.match(text, site.close_end, end)
    if colon is None or not text[site.close_end : colon.end()].strip():
        return None
    run = CAPITALIZED_RUN_RE.match(text, colon.end(), end)
    if run is None:
        return None
    return _name(run.start(), run.end(), run.group(), "colon_credit")


def _colon_lead(
    document: DocumentText, site: QuoteSite, lexicon: Lexicon
) -> Clue | None:
    """The paragraph before a quote that opens its own, when it ends in ':'."""
    lead = colon_lead_paragraph(document, site)
    para = document.parsed.get(lead) if lead is not None else None
    if para is None:
        return None
    found = speaker_before_colon(para, para.span, lexicon)
    if found is None:
        return None
    return Clue(found.mention, found.cue, "colon_lead")


def colon_lead_paragraph(document: DocumentText, site: QuoteSite) -> int | None:
    """Index of the paragraph before the quote's, if it ends in ':' and the
    quote opens its own paragraph."""
    start = document.paragraphs[site.paragraph][0]
    if site.paragraph == 0 or document.text[start : site.open_pos].strip():
        return None
    lead = site.paragraph - 1
    if document.paragraph_text(lead).rstrip().endswith(":"):
        return lead
    return None


def _headline_subject(
    document: DocumentText, site: QuoteSite, lexicon: Lexicon
) -> Clue | None:
    """The name a headline opens with: "Cruz 'glad to finish' fight with
    Trump", "DNC issues 'deep and sincere apology'"."""
    if site.paragraph != document.headline:
        return None
    para = document.parsed.get(site.paragraph)
    if para is None:
        return None
    # The proper nouns the line opens with, as tagged, up to a reporting
    # verb: "Glenn Beck" of "Glenn Beck Blasts Drudge", and nothing of
    # "Top aide's leaked memo".
    names = list(
        itertools.takewhile(
            lambda t: t.pos_ == "PROPN" and t.lower_ not in lexicon.reporting_forms,
            para.span,
        )
    )
    if not names or para.inside_quote(names[-1]):
        return None
    last = names[-1]
    if last.dep_ == "compound" and last.head.pos_ == "NOUN":
        # The names qualify a common noun ("Marrowby council backs …"): the
        # subject is the whole phrase, which the parse already proposes.
        return None
    start = para.offset(names[0])
    end = para.offset(names[-1]) + len(names[-1])
    name = document.text[start:end]
    if end > site.open_pos or not name[:1].isupper():
        return None
    return _name(start, end, name, "headline_subject")


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
