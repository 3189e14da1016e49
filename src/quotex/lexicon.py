"""Load quotex's English resources: the reviewable word lists under ``models/``.

The lists define attribution behaviour (which verbs report speech, which nouns
are roles, which words are titles), so they live as data, not code. They ship
inside the wheel as ``quotex/models``; a user can point quotex at a copy of the
folder to change them without touching the code.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from quotex.errors import ResourceError

DEFAULT_LEXICON = "en"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word lists that drive cue detection, speaker typing and name handling."""

    reporting_verbs: frozenset[str]
    reporting_nouns: frozenset[str]
    organization_nouns: frozenset[str]
    #: role head noun -> related titles ("diplomat" -> {"foreign minister", ...})
    roles: dict[str, frozenset[str]]
    titles: frozenset[str]
    #: gender ("m"/"f") that a title, role or given name signals
    title_genders: dict[str, str]
    first_names: dict[str, str]


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


def _read_roles(path: Path) -> dict[str, frozenset[str]]:
    """Read ``head: related, related`` lines into a role table."""
    roles: dict[str, frozenset[str]] = {}
    for number, line in enumerate(_read_lines(path), start=1):
        head, colon, related = line.partition(":")
        if not colon or not head.strip():
            raise ResourceError(f"{path}:{number}: expected 'role: related, ...'")
        words = {word.strip().lower() for word in related.split(",") if word.strip()}
        roles[head.strip().lower()] = frozenset(words | {head.strip().lower()})
    return roles


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
    return Lexicon(
        reporting_verbs=frozenset(_read_lines(folder / "reporting_verbs.txt")),
        reporting_nouns=frozenset(_read_lines(folder / "reporting_nouns.txt")),
        organization_nouns=frozenset(_read_lines(folder / "organization_nouns.txt")),
        roles=_read_roles(folder / "roles.txt"),
        titles=frozenset(titles),
        title_genders=genders,
        first_names=first_names,
    )
