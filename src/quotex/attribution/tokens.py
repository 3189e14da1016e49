"""Word-level tests on parsed tokens: is this a reporting verb, a name, a verb?

The small statistical taggers misread news attribution in a few regular ways
("May said" tagged as a modal, "the email read" as a compound noun); these
predicates read through them. Pure functions over spaCy tokens.
"""

from __future__ import annotations

from spacy.tokens import Token

from quotex.lexicon import Lexicon, word_set

DASHES = frozenset({"-", "--", "—", "–", "―"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Capitalised words that are not names though the tagger may say so.
_COMMON_CAPITALISED = frozenset({"i", "god"})
# Determiners before a capitalised role that make it a description.
_ROLE_DETERMINERS = word_set("the a an this that")


def is_cue(token: Token, lexicon: Lexicon) -> bool:
    """Whether ``token`` is a reporting verb ("said", "warned", "put it")."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.lower_ in ("put", "puts"):  # "as Vulture put it, "…""
        return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "it"
    return token.lower_ in lexicon.reporting_forms


def is_cue_read_as_noun(token: Token, lexicon: Lexicon) -> bool:
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


def is_modal_name(token: Token) -> bool:
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


def is_person_noun(token: Token, lexicon: Lexicon) -> bool:
    """A word for a person, compounds included: "screenwriter", "speechwriter".

    The tagger sometimes reads one as a verb after a closing quote.
    """
    word = token.lower_
    return word in lexicon.person_nouns or any(
        word[start:] in lexicon.person_nouns for start in range(3, len(word) - 4)
    )


def is_verb(token: Token, lexicon: Lexicon) -> bool:
    """A verb, leaving out names and nouns the tagger took for one."""
    return (
        token.pos_ in ("VERB", "AUX")
        and not is_modal_name(token)
        and not is_person_noun(token, lexicon)
    )


def is_proper(token: Token) -> bool:
    """A proper noun, or a name the tagger took for a modal."""
    return token.pos_ == "PROPN" or is_modal_name(token)


def is_nominal(token: Token) -> bool:
    """A word that can head a speaker phrase: "the two" and "May" included."""
    return (
        token.pos_ in ("PROPN", "NOUN", "PRON")
        or is_modal_name(token)
        or (token.pos_ == "NUM" and token.i > 0 and token.nbor(-1).lower_ == "the")
        or token.lower_ == "one"  # "“…,” read one."
    )


def looks_like_name(head: Token, run: list[Token]) -> bool:
    """A capitalised word the tagger took for a common noun ("Trump asked")."""
    return (
        head.text[:1].isupper()
        and not head.is_sent_start
        and head.lower_ not in _COMMON_CAPITALISED
        and not any(t.lower_ in ("the", "a", "an") for t in run)
    )


def is_split_title(token: Token, lexicon: Lexicon) -> bool:
    """A title whose full stop the tokenizer split off: "Capt" of "Capt."."""
    return not token.whitespace_ and token.lower_ in lexicon.titles


def names_only_a_role(run: list[Token], head: Token, lexicon: Lexicon) -> bool:
    """Whether capitals after "the" name a role, not a person.

    Many newsrooms capitalise a title standing alone: "the President", "the
    Transport Secretary", "the Spaniard" are descriptions to resolve, like
    "the president". A name after the role ("the Prime Minister, Rishi
    Sunak"), or a given name in it, makes it a name.
    """
    if run[0].lower_ not in _ROLE_DETERMINERS or run[0] is head:
        return False
    word = head.lower_.rstrip(".")
    if word not in lexicon.titles and word not in lexicon.nationalities:
        return False  # "the Daily Caller": a person noun may end a name
    if any(t.i > head.i and t.text[:1].isupper() for t in run):
        return False
    return not any(t.lower_ in lexicon.first_names for t in run if t is not head)
