"""Features of a person as the one a mention (or a quote) refers to.

Small named tests, each a number: how recently the person was named, whether
they were the last one quoted, whether their gender agrees with the pronoun,
whether they were introduced with the role a description names. No I/O and
no decisions: the weights in ``models/attribution.json`` weigh them.
"""

from __future__ import annotations

import functools
import math
import re

from quotex.attribution.history import SpeakerHistory
from quotex.attribution.mentions import PERSON_PRONOUNS, Mention
from quotex.attribution.person import (
    AFTER_PLACE_WORD,
    AFTER_THE,
    ALONE,
    BEFORE_VERB,
    IN_HEADLINE,
    OPENS_SENTENCE,
    REPORTS,
    SUBJECT,
    Person,
    capitalised_as_a_name,
    has_role,
)
from quotex.attribution.referents import POSSESSIVE_PRONOUNS, describe, is_body
from quotex.lexicon import Lexicon, name_key

_AGE_RE = re.compile(r"\b\d{1,3}-year-old\b")
#: The features that say a description's role fits a person.
ROLE_EVIDENCE = ("role_word_seen", "role_related", "title_is_the_role")
_ROLE_MATCHES = frozenset({*ROLE_EVIDENCE, "described_here"})
# A sentence ends between two offsets: ". The", "? “We".
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’']?\s+[\"“‘']?[A-Z]")
# Beyond this many characters a mention is certainly in another sentence.
_SENTENCE_REACH = 300
# How far back, and how many of its last mentions, a text ("the statement")
# is looked for where it was first told of.
_TEXT_REACH = 5000
_TEXT_ECHOES = 3
_LAST_FLAGS = (
    (OPENS_SENTENCE, "last_mention_opens_sentence"),
    (REPORTS, "last_mention_reports"),
    (SUBJECT, "last_mention_subject"),
    (ALONE, "last_mention_alone"),
    (BEFORE_VERB, "last_mention_before_verb"),
)
_EVER_FLAGS = (
    (REPORTS, "ever_reports"),
    (SUBJECT, "ever_subject"),
    (AFTER_THE, "ever_after_the"),
    (AFTER_PLACE_WORD, "ever_after_place_word"),
)
# What says most who a quote with no attribution continues, told apart by
# where the quote stands.
_CONTEXT_CROSSED = (
    "new_voice",
    "reports_since_last_quote",
    "named_since_last_quote",
    "last_speaker",
    "quote_speaker_rank:1",
    "person_rank:1",
    "previous_paragraph",
    "same_paragraph",
    "last_mention_reports&previous_paragraph",
    "reported_nearby",
)
# Pairs of features whose conjunction says more than the two apart: the last
# speaker named in this paragraph, the subject of the same sentence.
_CROSSES = (
    ("last_speaker", "same_paragraph"),
    ("last_speaker", "previous_paragraph"),
    ("last_speaker", "gender_same"),
    ("last_mention_subject", "same_sentence"),
    ("last_mention_subject", "same_paragraph"),
    ("last_mention_subject", "previous_paragraph"),
    ("last_mention_reports", "previous_paragraph"),
    ("person_rank:1", "last_mention_subject"),
    ("person_rank:1", "same_paragraph"),
    ("person_rank:1", "gender_same"),
    ("quoted_nearby", "same_paragraph"),
    # "her statement", "his office": whose, as a pronoun would be resolved.
    ("owner_pronoun", "person_rank:1"),
    ("owner_pronoun", "last_mention_subject"),
    ("owner_pronoun", "quote_speaker_rank:1"),
    # "the company" may be a body the text never marked as one ("Twitter"):
    # what sets a person's name apart then decides.
    ("desc:body&person_like", "several_words"),
    ("desc:body&person_like", "known_given_name"),
    ("desc:body&person_like", "has_title"),
    ("desc:body&person_like", "last_speaker"),
)


def person_features(
    text: str,
    person: Person,
    rank: int,
    position: int,
    paragraph: int,
    mention: Mention | None,
    history: SpeakerHistory,
    lexicon: Lexicon,
    person_rank: int | None = None,
    context: tuple[str, ...] = (),
    since: int | None = None,
    introduced: bool = False,
) -> dict[str, float]:
    """Describe ``person`` as the referent of ``mention`` at ``position``.

    ``rank`` is 1 for the person named most recently before the mention;
    ``person_rank`` the same among names that look like people's (None for
    one that does not). ``mention`` is None for a quote with no attribution
    of its own; ``context`` then says where the quote stands
    ("opens_paragraph"), crossed with what most tells who goes on speaking.
    ``since`` is where the quote before ended: someone brought in after it
    ("Ruth Adeyemi, the chief of staff, says …") is likely the new voice.
    ``introduced`` is :func:`introduced_unnamed` for the mention.
    """
    features: dict[str, float] = {f"rank:{min(rank, 4)}": 1.0}
    if person_rank is not None:
        features[f"person_rank:{min(person_rank, 4)}"] = 1.0
    last = person.last_before(position)
    if last is None:
        last = position
    features["distance_log"] = math.log1p(max(position - last, 0) / 50)
    last_paragraph = person.paragraph_before(position)
    if last_paragraph is None:
        last_paragraph = paragraph
    back = paragraph - last_paragraph
    features["paragraphs_back_log"] = math.log1p(max(back, 0))
    if back == 0:
        features["same_paragraph"] = 1.0
        if not _crosses_sentence(text, last, position):
            features["same_sentence"] = 1.0
    elif back == 1:
        features["previous_paragraph"] = 1.0
    flags = person.flags_before(position)
    for flag, name in _LAST_FLAGS:
        if flags & flag:
            features[name] = 1.0
    every = person.all_flags_before(position)
    for flag, name in _EVER_FLAGS:
        if every & flag:
            features[name] = 1.0
    if person.flags_before(position) & ALONE and person.every_mention_before(
        position, ALONE
    ):
        # Named only on lines of their own, never in a sentence of the story.
        features["only_alone"] = 1.0
    features["mentions_log"] = math.log1p(person.mentions_before(position))
    if since is not None:
        between = person.flags_between(since, position)
        if between is not None:
            features["named_since_last_quote"] = 1.0
            if between & REPORTS:
                features["reports_since_last_quote"] = 1.0
                if history.speaker_rank(person) != 1:
                    # Someone new brought in with a reporting verb after the
                    # last quote: the voice a quote paragraph goes on with.
                    features["new_voice"] = 1.0
    features.update(_identity_features(person))
    features.update(_history_features(person, paragraph, history))
    if mention is not None:
        features.update(_agreement_features(person, mention, history, lexicon))
        if _named_with_the_text(text, person, mention, lexicon):
            features["named_with_the_text"] = 1.0
        if introduced and not features.keys() & _ROLE_MATCHES:
            # "the spokesperson" after "a spokesperson …": someone never
            # called that is not who it means.
            features["role_unseen&introduced_unnamed"] = 1.0
    for first, second in _CROSSES:
        if first in features and second in features:
            features[f"{first}&{second}"] = 1.0
    for where in context:
        for name in _CONTEXT_CROSSED:
            if name in features:
                features[f"{where}&{name}"] = 1.0
    return features


def later_person_features(
    person: Person,
    order: int,
    mention: Mention,
    paragraphs_ahead: int,
    named_before: bool,
    lede: bool,
    history: SpeakerHistory,
    lexicon: Lexicon,
) -> dict[str, float]:
    """Describe someone first named after a description as the one it means.

    News often describes a person before naming them: "A Vancouver hockey
    coach says he is amazed …" then "Stephen Gillis said …". ``order`` is 1
    for the first person named after the mention, ``paragraphs_ahead`` how
    many paragraphs later; ``named_before`` whether the mention had anyone
    named before it to refer back to; ``lede`` whether it stands in the
    story's first paragraph.
    """
    head_class, determiner = describe(mention, lexicon)
    features = {
        f"later:{order}": 1.0,
        f"later&{determiner}": 1.0,
        f"later&{head_class}": 1.0,
        "later&same_paragraph" if not paragraphs_ahead else "later&next_paragraph": 1.0,
    }
    if not named_before:
        features["later&nobody_before"] = 1.0
    if lede:
        # The first paragraph of a story describes; the next one names.
        features["later&lede"] = 1.0
    flags = person.flags[0] if person.flags else 0
    if flags & (SUBJECT | REPORTS):
        features["later&subject_or_reports"] = 1.0
    features.update(
        (f"later&{name}", value) for name, value in _identity_features(person).items()
    )
    agreement = _agreement_features(person, mention, history, lexicon)
    for name in ROLE_EVIDENCE:
        if name in agreement:
            features[f"later&{name}"] = 1.0
    return features


def looks_like_a_person(person: Person, position: int) -> bool:
    """Whether a name reads as a person's: not "the …", not "in …", not a body."""
    if person.kind != "person":
        return False
    return not person.all_flags_before(position) & (AFTER_THE | AFTER_PLACE_WORD)


def _crosses_sentence(text: str, start: int, end: int) -> bool:
    """Whether a sentence ends between the words at ``start`` and ``end``."""
    if end - start > _SENTENCE_REACH:
        return True
    # The capital at ``end`` opens the next sentence: "Jones left. He said".
    return _SENTENCE_END_RE.search(text, start, end + 1) is not None


def _identity_features(person: Person) -> dict[str, float]:
    """What kind of thing the name names: a person, an organisation."""
    features = {f"entity:{person.kind}": 1.0}
    if any(sum(c.isalpha() for c in t) > 1 and t.isupper() for t in person.tokens):
        # "BC Hydro", "RCMP"; not a middle initial ("George W. Bush").
        features["has_acronym"] = 1.0
    if person.common_word:
        features["name_word_in_lower_case"] = 1.0  # "Christmas Day", "Article"
    if person.known_given_name:
        features["known_given_name"] = 1.0
    if person.has_title:
        features["has_title"] = 1.0
    if len(person.tokens) > 1:
        features["several_words"] = 1.0
    elif not any(capitalised_as_a_name(flags) for flags in person.flags):
        # One capitalised word, and only ever where a sentence starts: as
        # likely a verb or an adverb ("Come again?") as a name.
        features["one_word_opening_sentences"] = 1.0
    return features


def _history_features(
    person: Person, paragraph: int, history: SpeakerHistory
) -> dict[str, float]:
    """Whether the person has been speaking: the thread a reader follows."""
    features: dict[str, float] = {}
    if history.last is person:
        features["last_speaker"] = 1.0
    rank = history.speaker_rank(person)
    if rank is not None:
        features[f"quote_speaker_rank:{min(rank, 3)}"] = 1.0
        quoted = history.last_quoted_paragraph(person)
        if quoted is not None and paragraph - quoted <= 1:
            features["quoted_nearby"] = 1.0
    reported = history.reported.get(id(person))
    if reported is not None and 0 <= paragraph - reported <= 1:
        features["reported_nearby"] = 1.0
    return features


def _agreement_features(
    person: Person, mention: Mention, history: SpeakerHistory, lexicon: Lexicon
) -> dict[str, float]:
    """Whether the mention fits the person: gender, number, role, name."""
    features: dict[str, float] = {}
    gender = PERSON_PRONOUNS.get(mention.key) if mention.kind == "pronoun" else None
    if gender is not None:
        if person.gender == gender:
            features["gender_same"] = 1.0
        elif person.gender is not None:
            features["gender_other"] = 1.0
        elif person.text_gender is not None:
            # Weaker than a title or a given name: "he" after "Kody alone made
            # the choice" may be someone else's.
            same = person.text_gender == gender
            features["text_gender_same" if same else "text_gender_other"] = 1.0
        learned = history.pronoun_gender.get(id(person))
        if learned == gender:
            features["pronoun_gender_same"] = 1.0
        elif learned is not None:
            features["pronoun_gender_other"] = 1.0
    if mention.kind == "description":
        words = {w.lower().strip(",.’'s") for w in mention.text.split()}
        head = mention.key
        owner = mention.text.split()[0].lower()
        if owner in POSSESSIVE_PRONOUNS:
            # "His office", "her campaign": whose, as a pronoun says it.
            features["owner_pronoun"] = 1.0
            owner_gender = POSSESSIVE_PRONOUNS[owner]
            if owner_gender and person.gender == owner_gender:
                features["owner_pronoun&gender_same"] = 1.0
            if history.last is person:
                features["owner_pronoun&last_speaker"] = 1.0
        age = _AGE_RE.search(mention.text)
        if head in person.roles or (age and age.group() in person.roles):
            # "the mayor" after "Mayor Vosk"; "the 46-year-old" after "Melania
            # Trump, 46," or "46-year-old Melania Trump".
            features["role_word_seen"] = 1.0
        related = lexicon.roles.get(head, frozenset())
        if any(has_role(person, phrase) for phrase in related):
            features["role_related"] = 1.0
        if any(_has_phrase(person.titles, phrase) for phrase in related | {head}):
            # "Mayor Helena Vosk" is "the mayor": a title is a sure role.
            features["title_is_the_role"] = 1.0
        if mention.start in person.positions:
            # The text's roles already tie this description to the person.
            features["described_here"] = 1.0
        if words & lexicon.media_nouns and not any(
            w[:1].isupper() for w in mention.text.split()[1:]
        ):
            # "the network", "the newspaper's editorial": an outlet's name
            # (where the phrase names none itself: "the Heritage Foundation
            # website").
            outlet = any(name_key(t) in lexicon.media_names for t in person.tokens)
            features["desc:media&outlet" if outlet else "desc:media&no_outlet"] = 1.0
        head_class, determiner = describe(mention, lexicon)
        if person.all_flags_before(mention.start) & IN_HEADLINE:
            # "The Republican presidential nominee": whom the article is about.
            features[f"desc:{head_class}&named_in_headline"] = 1.0
        like = "body_like" if is_body(person, mention.start) else "person_like"
        features[f"desc:{head_class}&{like}"] = 1.0
        features[f"desc:{determiner}&{like}"] = 1.0
        if history.last is person:
            features[f"desc:{head_class}&last_speaker"] = 1.0
        if history.speaker_rank(person) == 1:
            features[f"desc:{head_class}&last_quoted"] = 1.0
        if person.surname in words or any(
            token.lower() in words for token in person.tokens
        ):
            features["named_in_mention"] = 1.0
            if head in lexicon.organization_nouns or head in lexicon.reporting_nouns:
                # "Ryan’s campaign", "the IMF report": the owner speaks.
                features["named_in_mention&body_or_text"] = 1.0
            elif head_class == "person":
                # "the Democratic frontrunner", "Trump’s campaign manager":
                # the name qualifies someone else.
                features["named_in_mention&person_head"] = 1.0
    return features


def _named_with_the_text(
    text: str, person: Person, mention: Mention, lexicon: Lexicon
) -> bool:
    """Whether a text someone wrote ("the statement") was first told of with them.

    "Miller said in a statement …" then "“…,” the statement said": the author
    is named in a sentence that spoke of the same kind of text before.
    """
    if mention.kind != "description" or describe(mention, lexicon)[0] != "text":
        return False
    earlier = _head_word_re(mention.key).finditer(
        text, max(0, mention.start - _TEXT_REACH), mention.start
    )
    told = [found.start() for found in earlier][-_TEXT_ECHOES:]
    before = person.positions[: person.mentions_before(mention.start)]
    return any(
        abs(named - at) <= _SENTENCE_REACH
        and not _crosses_sentence(text, min(named, at), max(named, at))
        for at in told
        for named in before
    )


@functools.lru_cache(maxsize=256)
def _head_word_re(head: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(head)}\b", re.IGNORECASE)


def _has_phrase(text: str, phrase: str) -> bool:
    return f" {phrase.rstrip('.')} " in f" {text} "
