"""Is this quoted span a quotation? Features of speech and of terms.

Quotation marks wrap what people said, but also scare quotes (the “warming
centre”), words cited as words, titles of works and programmes, nicknames,
and the teaser lines of a web page ("READ MORE: …"). These features tell them
apart; the ``speech`` chooser of ``models/attribution.json`` weighs them, with
what the attribution rules found around the span (a reporting verb and a
speaker make speech likely).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from quotex.attribution.candidates import Candidate, DocumentText, QuoteSite
from quotex.attribution.paragraph import Paragraph
from quotex.attribution.roster import is_title_case
from quotex.attribution.scorer import AttributionModel
from quotex.attribution.works import WORK_SIGNS, work_title_features
from quotex.lexicon import Lexicon, word_set

_WORD_RE = re.compile(r"[\w’'-]+")


# Words that announce a term or a title, not speech.
# ("dubbed", "branded" and "labelled" also report what someone called
# something: "Trump dubbed her “crooked”" is his word, a partial quote.)
_TERM_LEADS = word_set(
    "so-called titled entitled nicknamed hashtag quote-unquote headlined"
)
_TERM_PHRASES = ("known as", "the word", "the words", "the phrase", "the term")
_NAMING_PARTICIPLES = word_set(
    "called named dubbed nicknamed labeled labelled branded titled entitled"
)
_DETERMINERS = word_set("the a an this that these his her their its our my your")
_PREPOSITIONS = word_set("of in on for with about by as from to into at like")
_MINOR_WORDS = word_set("a an the of and or for to in on at by with from as but nor")
# "READ MORE:", "WATCH:", "Related:": a web page's teaser and navigation lines.
_LABEL_RE = re.compile(r"\s*([A-Za-z][A-Za-z ]{1,20}):\s")
_PAGE_WORDS = word_set(
    "read more watch below related click here listen see also photos video "
    "story continues advertisement sign up"
)
# A photo caption ends with its credit: "(Muriel Draaisma/CBC)".
_CREDIT_END_RE = re.compile(
    r"\([^()]{2,60}/[^()]{2,60}\)\s*$|\((?:photo|file)[^()]*\)\s*$", re.I
)
_SENTENCE_END = (".", "!", "?", "…")
_FIRST_PERSON = word_set("i we me us my our i'm we're i've we've i'll we'll")
_SECOND_PERSON = word_set("you your you're you've you'll")
_NOUN_PHRASE_TAGS = word_set("NOUN PROPN ADJ DET NUM PUNCT ADP CCONJ PART SYM")
# Candidates found this close to the quote attribute it for sure.
_ADJACENT_SOURCES = word_set(
    "cue_after cue_before colon_intro colon_lead dash_credit speaker_label "
    "transcript_label"
)


def quotation_features(
    document: DocumentText,
    site: QuoteSite,
    sites: Sequence[QuoteSite],
    index: int,
    lexicon: Lexicon,
) -> dict[str, float]:
    """Describe the quoted span of ``site`` (``sites[index]``) and its setting."""
    text = document.text
    span = site.span
    content = text[span.start : span.end]
    words = _WORD_RE.findall(content)
    features: dict[str, float] = {"bias": 1.0}
    count = len(words)
    features["words_log"] = math.log1p(count)
    bucket = (
        "0"
        if not count
        else "1"
        if count == 1
        else "2-3"
        if count <= 3
        else ("4-7" if count <= 7 else "8+")
    )
    features[f"words:{bucket}"] = 1.0
    if not any(c.isalpha() for c in content):
        features["no_letters"] = 1.0
    # In a line written In Title Case, capitals say nothing of the span.
    title_line = is_title_case(document.paragraph_text(site.paragraph))
    if (
        words
        and not title_line
        and all(w[:1].isupper() or w.lower() in _MINOR_WORDS for w in words)
    ):
        features["title_case"] = 1.0
    letters = [c for c in content if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        features["all_capitals"] = 1.0
    first = content.lstrip("…. -—'‘\"“[(")[:1]
    if not title_line:
        features["starts_upper" if first.isupper() else "starts_lower"] = 1.0
    if content.rstrip("’'\")]").endswith(_SENTENCE_END):
        features["ends_sentence"] = 1.0
    elif content.endswith(","):
        features["ends_comma"] = 1.0
    if span.open_mark in "'‘‚‛‹›":
        features["single_marks"] = 1.0
        if site.paragraph == document.headline:
            # Headlines quote in single marks by convention.
            features["single_marks&in_headline"] = 1.0
    lowered = {w.lower() for w in words}
    if lowered & _FIRST_PERSON:
        features["first_person"] = 1.0  # "we", "I": someone speaking
    if lowered & _SECOND_PERSON:
        features["second_person"] = 1.0
    para = document.parsed.get(site.paragraph)
    if para is not None and count < 8:
        # Short spans are parsed as they stand (long ones are cut short).
        tags = {t.pos_ for t in para.tokens_between(span.start, span.end)}
        features["has_verb" if tags & {"VERB", "AUX"} else "no_verb"] = 1.0
        if tags and tags <= _NOUN_PHRASE_TAGS:
            features["noun_phrase_only"] = 1.0
    if para is not None and _after_naming_participle(text, para, site.open_pos):
        features["before:naming_participle"] = 1.0
    features.update(_before(text, document, site, lexicon))
    features.update(_after(text, document, site, lexicon))
    features.update(_setting(document, site, sites, index, lexicon))
    features.update(work_title_features(document, site, lexicon))
    return features


def _before(
    text: str, document: DocumentText, site: QuoteSite, lexicon: Lexicon
) -> dict[str, float]:
    """What stands right before the opening mark."""
    start = document.paragraphs[site.paragraph][0]
    lead = text[max(start, site.open_pos - 40) : site.open_pos]
    stripped = lead.rstrip()
    if not stripped:
        return {"before:nothing": 1.0}
    if stripped.endswith(":"):
        return {"before:colon": 1.0}
    if stripped.endswith(","):
        return {"before:comma": 1.0}
    if stripped[-1] in "—–-(":
        return {"before:dash": 1.0}
    if stripped.endswith(_SENTENCE_END) or stripped[-1] in "”\"’'":
        return {"before:sentence_end": 1.0}
    lowered = stripped.lower()
    words = _WORD_RE.findall(lowered)
    word = words[-1] if words else ""
    if word in _TERM_LEADS or lowered.endswith(_TERM_PHRASES):
        return {"before:term_word": 1.0}
    if word.endswith(("'s", "’s")):
        return {"before:possessive": 1.0}
    if word in _DETERMINERS:
        return {"before:determiner": 1.0}
    if word in _PREPOSITIONS:
        return {"before:preposition": 1.0}
    if word in lexicon.reporting_forms:
        return {"before:reporting_verb": 1.0}
    if word and word[:1].isupper():
        return {"before:capitalised": 1.0}
    return {"before:word": 1.0}


def _after_naming_participle(text: str, para: Paragraph, open_pos: int) -> bool:
    """Whether a participle naming the noun before it leads the span in.

    "an app called “Night Owl”", "a plan dubbed “Project Fear”" name a
    thing; "She called the ruling “a gift”" reports words, and its verb is
    finite.
    """
    before = open_pos - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    token = para.token_at(before) if before >= 0 else None
    return (
        token is not None
        and token.lower_ in _NAMING_PARTICIPLES
        and token.tag_ == "VBN"
        and token.dep_ == "acl"
    )


def _after(
    text: str, document: DocumentText, site: QuoteSite, lexicon: Lexicon
) -> dict[str, float]:
    """What follows the closing mark."""
    end = document.paragraphs[site.paragraph][1]
    tail = text[site.close_end : min(end, site.close_end + 40)]
    if not site.span.terminated or not tail.strip():
        return {"after:nothing": 1.0}
    stripped = tail.lstrip()
    if stripped[:1] in ",;":
        tail = stripped[1:]
        stripped = tail.lstrip()
    if stripped[:1] in ".!?":
        return {"after:sentence_end": 1.0}
    words = _WORD_RE.findall(stripped.lower())[:3]
    if any(w in lexicon.reporting_forms for w in words):
        return {"after:reporting_verb": 1.0}
    if stripped[:1] in "—–-―":
        return {"after:dash": 1.0}
    if stripped[:1] in "“\"‘'":
        return {"after:another_quote": 1.0}
    return {"after:words": 1.0}


def _setting(
    document: DocumentText,
    site: QuoteSite,
    sites: Sequence[QuoteSite],
    index: int,
    lexicon: Lexicon,
) -> dict[str, float]:
    """Where the span stands: a whole paragraph, a list, a teaser line."""
    text = document.text
    start, end = document.paragraphs[site.paragraph]
    paragraph = text[start:end]
    features: dict[str, float] = {}
    if site.paragraph == document.headline:
        features["in_headline"] = 1.0
    if not text[start : site.open_pos].strip():
        features["opens_paragraph"] = 1.0
        if not text[site.close_end : end].strip():
            features["whole_paragraph"] = 1.0
    label = _LABEL_RE.match(paragraph)
    if label is not None:
        words = set(label.group(1).lower().split())
        if words <= _PAGE_WORDS | lexicon.rubrics:
            features["page_label_line"] = 1.0  # "READ MORE: …", "WATCH: …"
    if _CREDIT_END_RE.search(paragraph):
        features["caption_line"] = 1.0
    paragraph_words = paragraph.split()
    if (
        site.paragraph != document.headline
        and len(paragraph_words) <= 14
        and not paragraph.rstrip("”\"’' ").endswith(_SENTENCE_END)
    ):
        features["heading_line"] = 1.0  # a subheading or a caption
    # "a," "b," and "c": a list of words in marks, within one paragraph.
    neighbours = [sites[k] for k in (index - 1, index + 1) if 0 <= k < len(sites)]
    for other in neighbours:
        if other.paragraph != site.paragraph:
            continue
        gap = (
            text[other.close_end : site.open_pos]
            if other.open_pos < site.open_pos
            else text[site.close_end : other.open_pos]
        )
        if len(gap) <= 6 and len(gap.split()) <= 1:
            features["in_a_list"] = 1.0
    return features


def repeated_quotes(text: str, sites: Sequence[QuoteSite]) -> list[dict[str, float]]:
    """Mark each span whose words another span repeats: a pull quote, a caption.

    Linear in the number of spans: each one's words are looked up once.
    """
    seen: dict[str, list[int]] = {}
    for index, site in enumerate(sites):
        content = text[site.span.start : site.span.end].lower()
        words = " ".join(_WORD_RE.findall(content))
        if len(words) > 12:
            seen.setdefault(words, []).append(index)
    marks: list[dict[str, float]] = [{} for _ in sites]
    for indices in seen.values():
        for order, index in enumerate(indices):
            if order > 0:
                marks[index]["repeats_earlier"] = 1.0
            if order + 1 < len(indices):
                marks[index]["repeated_later"] = 1.0
    return marks


def attribution_features(candidates: Sequence[Candidate]) -> dict[str, float]:
    """What the attribution rules found around the span, for the speech chooser."""
    features: dict[str, float] = {}
    for candidate in candidates:
        sources = set(candidate.sources)
        speaker = "mention_can_speak" in candidate.features
        if candidate.cue is not None:
            features["found_cue"] = 1.0
            if speaker:
                features["found_cue_and_speaker"] = 1.0
        if sources & _ADJACENT_SOURCES and candidate.mention is not None:
            features["found_adjacent_attribution"] = 1.0
        if speaker:
            features["found_speaker"] = 1.0
        if "cue_governs_quote" in candidate.features:
            # The span hangs from a reporting verb: part of a report of speech.
            features["reporting_verb_governs"] = 1.0
            if candidate.features.get("cue_governor_depth", 0.0) <= 1:
                features["reporting_verb_governs_closely"] = 1.0
        if "src:cue_in_sentence" in sources and speaker:
            features["reported_in_its_sentence"] = 1.0
    return features


def is_term_by_form(features: dict[str, float]) -> bool:
    """Whether a span's form alone makes it a term, whatever else is found.

    A span introduced as a term ("the so-called “reset button”", "an app
    known as “Night Owl”"), a span in Title Case that the words around it
    call a work (:mod:`quotex.attribution.works`), and a single lower-case
    word in single marks after a preposition or determiner ("the practice
    of ‘doxxing’") cite words rather than report speech.
    """
    if "before:term_word" in features:
        return True
    if "title_case" in features and any(sign in features for sign in WORK_SIGNS):
        return True  # "his book “The Art of the Deal”"
    return (
        "words:1" in features
        and "single_marks" in features
        and "starts_lower" in features
        and ("before:preposition" in features or "before:determiner" in features)
    )


# A short span is a term or a quote by what surrounds it: these features are
# crossed with its length, so that "a “warming centre”" and "called it
# “reprehensible”" can weigh differently from a sentence in marks.
_SHORT = ("words:1", "words:2-3")
_CROSSED_WITH_SHORT = (
    "found_cue",
    "found_speaker",
    "reporting_verb_governs",
    "noun_phrase_only",
    "title_case",
    "starts_upper",
    "single_marks",
)
_CONTEXT_PREFIXES = ("before:", "after:")


def speech_features(
    quotation: dict[str, float], candidates: Sequence[Candidate]
) -> dict[str, float]:
    """All the features the speech chooser weighs for one quoted span."""
    features = {**quotation, **attribution_features(candidates)}
    short = next((name for name in _SHORT if name in features), None)
    if short is not None:
        crossed = [
            name
            for name in features
            if name in _CROSSED_WITH_SHORT or name.startswith(_CONTEXT_PREFIXES)
        ]
        for name in crossed:
            features[f"{short}&{name}"] = 1.0
    return features


def quotation_starts(
    document: DocumentText,
    sites: Sequence[QuoteSite],
    candidates: Sequence[Sequence[Candidate]],
) -> list[int]:
    """For each span, the index of the first paragraph of its quotation.

    A quotation running over paragraphs (each opening with a mark, only the
    last one closed) is one quotation: a span continues the one before when
    that one was left open and nothing stands between them. A transcript's
    next turn ("WALLACE: …") is another voice.
    """
    starts = list(range(len(sites)))
    for index in range(1, len(sites)):
        previous, current = sites[index - 1], sites[index]
        between = document.text[previous.span.end : current.open_pos]
        if (
            not previous.span.terminated
            and not between.strip()
            and not any("src:transcript_label" in c.features for c in candidates[index])
        ):
            starts[index] = starts[index - 1]
    return starts


def speech_chances(
    described: Sequence[dict[str, float]],
    starts: Sequence[int],
    model: AttributionModel,
) -> list[float]:
    """How likely each span is speech: its quotation's, as one decision.

    ``described`` holds each span's :func:`speech_features`. The paragraphs
    of one quotation are all speech or all not; the likeliest of them
    decides (its first holds the colon lead, its last "she said"). A span
    whose form makes it a term has no chance of its own.
    """
    own = [
        0.0 if is_term_by_form(features) else model.speech_probability(features)
        for features in described
    ]
    best: dict[int, float] = {}
    for start, chance in zip(starts, own, strict=True):
        best[start] = max(best.get(start, 0.0), chance)
    return [best[start] for start in starts]
