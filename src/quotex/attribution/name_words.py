"""Capitalised words that are not names, or not all of one.

A sentence's first word is capitalised whatever it is ("But", "Asked"), a
weekday or "Day" ends a run of capitals ("Mail Thursday", "Christmas Day"),
and a reporting verb ends a name ("Lavrov Says"). The registry of people
reads these lists when it cuts a run of capitals down to a name.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from quotex.lexicon import name_key, word_set

# Words that end a run of capitalised words as a name when they follow it.
NAME_BREAKING_WORDS = word_set(
    "the a an and or of to in on at for with by is are was were has have had "
    "will would can could just not says said tells told"
)
# Capitalised only because they start a sentence: never a name on their own.
FUNCTION_WORDS = word_set(
    "but and or so then yet as when while if after before because meanwhile "
    "also still now here there the a an this that these those his her their "
    "its our my your he she it they we you i in on at for with from by to of "
    "what who why how where which no yes not all some many most both each "
    "every one two three"
)
# Words that end a run of capitals without being part of a name.
_WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
CALENDAR_WORDS = _WEEKDAYS | {"day", "eve"}
# Capitals that abbreviate a common noun, not a name: "a campaign TV ad",
# "a super PAC", "the GDP figures".
_COMMON_ACRONYMS = word_set(
    "tv pac gdp dna hiv id iq ok am pm pr hr vip diy faq gps atm suv pc ai "
    "ipo etf lgbt lgbtq covid"
)
# "I'm", "We're", "Don't": a contraction of a function word is never a name.
# ("It's" has already lost its "'s" as a possessive would.)
_CONTRACTION_RE = re.compile(r"(?:n't|'(?:m|re|ve|ll|d))$")


def is_function_word(word: str) -> bool:
    """Whether a lone capitalised word is a function word, a day, a common
    noun's acronym or a contraction."""
    key = name_key(word)
    if key in FUNCTION_WORDS or key in _WEEKDAYS or key in _COMMON_ACRONYMS:
        return True
    base = _CONTRACTION_RE.sub("", key)
    return base != key and (base in FUNCTION_WORDS or base in STOP_WORDS)
