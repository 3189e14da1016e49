"""Load quotex's English resources: the reviewable word lists under ``models/``.

The lists define attribution behaviour (which verbs report speech, which nouns
are roles, which words are titles), so they live as data, not code. They ship
inside the wheel as ``quotex/models``; a user can point quotex at a copy of the
folder to change them without touching the code.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from quotex.errors import ResourceError

DEFAULT_LEXICON = "en"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word lists that drive cue detection, speaker typing and name handling."""

    reporting_verbs: frozenset[str]
    #: every inflected form of the reporting verbs: said, says, saying, ...
    reporting_forms: frozenset[str]
    reporting_nouns: frozenset[str]
    organization_nouns: frozenset[str]
    #: role head noun -> related titles ("diplomat" -> {"foreign minister", ...})
    roles: dict[str, frozenset[str]]
    #: every one-word noun in the roles file, heads and related words alike,
    #: and the nationality nouns: what a person can be called ("the
    #: heckler", "a columnist", "the Spaniard")
    person_nouns: frozenset[str]
    titles: frozenset[str]
    #: gender ("m"/"f") that a title, role or given name signals
    title_genders: dict[str, str]
    first_names: dict[str, str]
    #: words of headline labels that name no speaker ("The Latest:")
    rubrics: frozenset[str]
    #: names of places, lower case, dots dropped ("new jersey", "u.s")
    places: frozenset[str] = frozenset()
    #: words that make a description an outlet's ("the network")
    media_nouns: frozenset[str] = frozenset()
    #: words that make a name an outlet's ("Journal", "CNN")
    media_names: frozenset[str] = frozenset()
    #: nouns for works with titles ("book", "show"): a span after one names one
    work_nouns: frozenset[str] = frozenset()
    #: nouns for a person of a nation, lower case ("spaniard", "canadian")
    nationalities: frozenset[str] = frozenset()
    #: the folder the lists were read from, where the fitted weights live too
    directory: str = ""

    def noun_key(self, word: str) -> str:
        """Return the singular of a person or organisation noun: aides -> aide."""
        known = (self.person_nouns, self.organization_nouns)
        if any(word in words for words in known):
            return word
        for suffix, replacement in (("ies", "y"), ("es", ""), ("s", "")):
            stem = word[: -len(suffix)] + replacement
            if word.endswith(suffix) and any(stem in words for words in known):
                return stem
        return word

    def is_role(self, word: str) -> bool:
        """Whether a word as written ("husband,", "lawyers") names a role."""
        return self.noun_key(word.strip(",;:")) in self.roles

    def is_title(self, word: str) -> bool:
        """Whether a word is a title or a word for a role ("Sen.", "Coach").

        Plurals ("Fellow Republicans Jolly and Wilcox") and compounds
        ("Secretary-Treasurer Gary Casteel") count as well.
        """
        key = name_key(word)
        if key.strip("-").count("-"):
            return all(self.is_title(part) for part in key.split("-") if part)
        one = key[:-1] if key.endswith("s") and len(key) > 3 else key
        return (
            key in self.titles
            or one in self.titles
            or self.noun_key(key) in self.person_nouns
        )


def word_set(words: str) -> frozenset[str]:
    """Return the words of a list written as one string, the way word lists
    in the code read best: ``word_set("but and so")``."""
    return frozenset(words.split())


def name_key(word: str) -> str:
    """Return a word as names are compared: lower case, no dot, plain apostrophe."""
    return word.lower().rstrip(".").replace("’", "'")


def place_key(words: list[str]) -> str:
    """Return a name as places are looked up: its words' name keys."""
    return " ".join(name_key(word) for word in words)


def _models_dir() -> Path:
    """Find the packaged resources, or the source tree's ``models/`` in a checkout."""
    packaged = resources.files("quotex") / "models"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "models"
    if checkout.is_dir():
        return checkout
    raise ResourceError("quotex's models/ folder is missing; reinstall quotex")


def _read_lines(path: Path) -> list[str]:
    """Return the non-comment, non-blank lines of a resource file."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ResourceError(f"{path}: cannot read ({error.strerror})") from None
    lines = (line.split("#", 1)[0].strip() for line in raw.splitlines())
    return [line for line in lines if line]


def _read_pairs(path: Path) -> dict[str, str]:
    """Read ``word<TAB>value`` lines; a word with no value maps to ''."""
    pairs: dict[str, str] = {}
    for line in _read_lines(path):
        word, _, value = line.partition("\t")
        pairs[word.strip().lower()] = value.strip()
    return pairs


# American spellings the word lists are written in, and their British forms:
# "organizer" is also "organiser", "neighbor" "neighbour".
_BRITISH_SPELLINGS = (
    (re.compile(r"iz(?=e|ing|ation|er)"), "is"),
    (re.compile(r"(?<=[bv])or(?=$|s$|ing$|er$|ed$)"), "our"),
)


def spelling_variants(word: str) -> set[str]:
    """Return ``word`` with its British spelling, if it has another."""
    variants = {word}
    for pattern, replacement in _BRITISH_SPELLINGS:
        variants |= {pattern.sub(replacement, w) for w in variants}
    return variants


def _with_variants(words: Iterable[str]) -> frozenset[str]:
    return frozenset(v for word in words for v in spelling_variants(word))


def _read_roles(path: Path) -> dict[str, frozenset[str]]:
    """Read ``head: related, related`` lines into a role table."""
    roles: dict[str, frozenset[str]] = {}
    for number, line in enumerate(_read_lines(path), start=1):
        head, colon, related = line.partition(":")
        if not colon or not head.strip():
            raise ResourceError(f"{path}:{number}: expected 'role: related, ...'")
        words = {word.strip().lower() for word in related.split(",") if word.strip()}
        head = head.strip().lower()
        for variant in spelling_variants(head):
            roles[variant] = _with_variants(words | {head})
    return roles


def verb_forms(lemma: str) -> set[str]:
    """Return the regular inflections of a verb (say -> says, sayed, saying).

    Forms that are not words ("sayed", "notted") do no harm: they never occur.
    Irregular forms are listed beside the lemma in the resource file.
    """
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(lemma + "es")
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma[-1:] not in "aeiouwxy" and lemma[-2:-1] in "aeiou":
        # admit -> admitted, quip -> quipped: double the last consonant.
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _read_verbs(path: Path) -> tuple[frozenset[str], frozenset[str]]:
    """Read ``lemma [irregular forms]`` lines into lemmas and all their forms."""
    lemmas: set[str] = set()
    forms: set[str] = set()
    for line in _read_lines(path):
        lemma, *irregular = line.lower().split()
        for variant in spelling_variants(lemma):
            lemmas.add(variant)
            forms |= verb_forms(variant)
        forms |= _with_variants(irregular)
    return frozenset(lemmas), frozenset(forms)


@functools.cache
def load_lexicon(directory: str | None = None) -> Lexicon:
    """Load the resources from ``directory``, or the ones shipped with quotex.

    Raises:
        ResourceError: a file is missing or malformed.
    """
    folder = Path(directory) if directory else _models_dir()
    titles = _read_pairs(folder / "titles.txt")
    first_names = _read_pairs(folder / "first_names.tsv")
    genders = {word: gender for word, gender in titles.items() if gender}
    verbs, verb_forms_ = _read_verbs(folder / "reporting_verbs.txt")
    roles = _read_roles(folder / "roles.txt")
    person_nouns = {
        word for related in roles.values() for word in related if word.isalpha()
    }
    nationalities = frozenset(
        word.lower() for word in _read_lines(folder / "nationalities.txt")
    )
    return Lexicon(
        reporting_verbs=verbs,
        reporting_forms=verb_forms_,
        reporting_nouns=_with_variants(_read_lines(folder / "reporting_nouns.txt")),
        organization_nouns=_with_variants(
            _read_lines(folder / "organization_nouns.txt")
        ),
        roles=roles,
        person_nouns=frozenset(person_nouns) | nationalities,
        titles=frozenset(titles),
        title_genders=genders,
        first_names=first_names,
        rubrics=frozenset(_read_lines(folder / "rubrics.txt")),
        places=frozenset(
            place_key(line.split()) for line in _read_lines(folder / "places.txt")
        ),
        media_nouns=_with_variants(_read_lines(folder / "media_nouns.txt")),
        media_names=frozenset(_read_lines(folder / "media_names.txt")),
        work_nouns=frozenset(_read_lines(folder / "work_nouns.txt")),
        nationalities=nationalities,
        directory=str(folder),
    )
