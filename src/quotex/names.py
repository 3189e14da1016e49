"""Tell whether two speaker mentions name the same person.

The scorer needs this for gold speakers of type ``name``: a prediction that
resolved "He" to "Haley Morris" is right when the gold says "Spokeswoman Haley
Morris". Pure string work over Unicode, no spaCy.
"""

from __future__ import annotations

import re
import unicodedata


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that precede a name in a mention without being part of it.
_TITLES = _words("""
    mr mrs ms miss mx messrs dr prof professor sir dame lord lady king queen prince
    princess pope rev reverend father pastor rabbi imam bishop cardinal sen senator
    sens rep reps representative congressman congresswoman assemblyman
    assemblywoman councilman councilwoman delegate del gov governor lt gen general
    col capt captain maj sgt adm admiral cmdr president vice vp secretary sec
    speaker leader chairman chairwoman chair judge justice attorney atty mayor
    sheriff ambassador minister premier chancellor commissioner director
    spokesman spokeswoman spokesperson candidate nominee democrat republican
""")
# Words that open the name of an office: "Former Secretary of State".
_TITLE_WORDS = _words("former acting deputy assistant then")
_SUFFIXES = _words("jr sr ii iii iv")
_PARTICLES = _words("de da di del della der den van von du la le bin ibn al")
# Lowercase words after which a mention goes on to describe the person.
_CONNECTIVES = _words("of from who whose which that at in for with on to as said says")
_HEAD_END = re.compile(r"[,;:()\[\]{}]|\s[-\u2013\u2014]+\s|--")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def names_same_person(predicted: str, gold: str) -> bool:
    """Tell whether a predicted speaker name names the gold speaker.

    Both sides are reduced to a name: the mention is cut at the first comma,
    parenthesis, dash or describing word ("Sen. Marco Rubio of Florida"), the
    last run of capitalized words is kept ("Trump's campaign manager Corey
    Lewandowski" gives "Corey Lewandowski"), and titles before the name ("Sen.",
    "Spokeswoman"), suffixes ("Jr."), possessives, accents, case and punctuation
    are dropped. The names match when they are equal or their last words (the
    surnames) are. By that convention "Bill Clinton" names "Hillary Clinton":
    the gold mention is often a bare surname, and a scorer cannot tell which
    Clinton it means without coreference. A bare first name ("Hillary") names
    only itself.
    """
    mine, theirs = _name_tokens(predicted), _name_tokens(gold)
    return bool(mine and theirs) and (mine == theirs or mine[-1] == theirs[-1])


def _name_tokens(mention: str) -> list[str]:
    head = _HEAD_END.split(unicodedata.normalize("NFKC", mention), maxsplit=1)[0]
    words = re.findall(r"[^\s\-\u2010\u2013\u2014]+", head)
    runs: list[list[str]] = [[]]
    every: list[str] = []
    seen_capital = office_of = False
    for position, word in enumerate(words):
        possessive = _POSSESSIVE.search(word) is not None
        token = _fold(_POSSESSIVE.sub("", word))
        if not token:
            continue
        every.append(token)
        if next((c for c in word if c.isalpha()), "").isupper():
            seen_capital = True
            if office_of:  # "State" of "Secretary of State" names no one
                office_of = False
                continue
            runs[-1].append(token)
            # A possessive belongs to someone else: in "Trump's campaign manager
            # Corey Lewandowski" the speaker's name starts after it.
            if possessive and position < len(words) - 1:
                runs.append([])
        elif token == "of" and runs[-1] and set(runs[-1]) <= _TITLES | _TITLE_WORDS:
            # "Secretary of State John F. Kerry": the office, not a description.
            office_of = True
            runs.append([])
        elif seen_capital and token in _CONNECTIVES:
            break
        elif token in _PARTICLES and runs[-1]:  # "Charles de Gaulle"
            runs[-1].append(token)
        else:
            runs.append([])
    # A mention in lower case ("the minister") has no capitalized run: use it all.
    name = next((run for run in reversed(runs) if run), every)
    while name and name[-1] in _PARTICLES:
        name = name[:-1]
    while len(name) > 1 and name[-1] in _SUFFIXES:
        name = name[:-1]
    # The name starts after the last title, never at one that ends it ("Mr. King").
    titles = [i for i, token in enumerate(name[:-1]) if token in _TITLES]
    return name[titles[-1] + 1 :] if titles else name


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if c.isalnum())
