"""What counts as a quotation, whatever the layout of the file.

Speech against terms (scare quotes, words cited as words, titles), teaser
lines of web pages, quotations whose paragraphs were joined on one line, and
text hard-wrapped at a fixed width.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quotex
from quotex.attribution.quotation import speech_features
from quotex.marks import find_quoted_spans
from quotex.paragraphs import find_layout


@pytest.mark.parametrize(
    ("text", "term"),
    [
        (
            'The council pressed the so-called "reset button" on Monday.',
            "reset button",
        ),
        (
            'She has just published the novel "Salt and Iron" with a small press.',
            "Salt and Iron",
        ),
        (
            'He built an app known as "Night Owl" for night-shift workers.',
            "Night Owl",
        ),
        (
            "Schools warn about the practice of 'doxxing' among teenagers.",
            "doxxing",
        ),
        (
            'The firm withdrew a market-research app called "Screenwise Meter".',
            "Screenwise Meter",
        ),
    ],
)
def test_terms_are_not_speech(text: str, term: str) -> None:
    """Scare quotes, titles and words cited as words give no speech record;
    asked for, they come as type ``term`` with nobody as speaker."""
    assert quotex.extract(text) == []

    [quoted] = quotex.extract(text, all_quoted=True)

    assert (quoted.text, quoted.type, quoted.speaker) == (term, "term", None)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            '"We will win," Pence said on CNN\'s "State of the Union" on Sunday.',
            "State of the Union",
        ),
        ('"It is bad," Shelby said on CBS\' "Face the Nation."', "Face the Nation."),
        ('"It was hard," said Ramos, author of "Sin Miedo," on Monday.', "Sin Miedo,"),
        (
            '"I was lucky," wrote Rubio in his 2012 book, "An American Son."',
            "An American Son.",
        ),
        (
            '"I grew up here," said Leyva, the "Orange Is the New Black" star.',
            "Orange Is the New Black",
        ),
    ],
)
def test_a_title_beside_a_reporting_verb_is_not_speech(text: str, title: str) -> None:
    """The title of a show, a book or a film is a term even where someone is
    reported speaking in the same sentence; the quotation keeps its speaker."""
    [quote] = quotex.extract(text)
    quoted = quotex.extract(text, all_quoted=True)

    assert quote.speaker and quote.text != title
    assert [(q.text, q.type) for q in quoted if q.text == title] == [(title, "term")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('He wrote a book. "Yes," Rubio said.', "Rubio"),
        ('"Thanks," host Jimmy Fallon said.', "Jimmy Fallon"),
    ],
)
def test_a_short_reply_beside_a_word_for_a_work_is_speech(
    text: str, speaker: str
) -> None:
    """A word for a work in the sentence before, or a host's name after the
    comma that ends the words, does not make one capitalised word a title."""
    [quote] = quotex.extract(text)

    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("text", "quote", "mention", "cue"),
    [
        (
            'Senator Ada Moss called the ruling "a gift to polluters" on Tuesday.',
            "a gift to polluters",
            "Senator Ada Moss",
            "called",
        ),
        (
            'The minister warned that "the reserves will not last the winter."',
            "the reserves will not last the winter.",
            "The minister",
            "warned",
        ),
        (
            "The Greens’ Ada Moss called it ‘a tax on the young’.",
            "a tax on the young",
            "Ada Moss",
            "called",
        ),
    ],
)
def test_partial_quotes_keep_their_speakers(
    text: str, quote: str, mention: str, cue: str
) -> None:
    """Words woven into the reporter's sentence are speech, with their source."""
    [found] = quotex.extract(text)

    assert found.type == "partial"
    assert found.text == quote
    assert found.mention is not None and found.mention.text.endswith(mention)
    assert found.cue is not None and found.cue.text == cue


def test_a_group_can_speak() -> None:
    """ "Fans chanted "Sack the board!"": a quotation said by a group, which
    names no person."""
    [chant] = quotex.extract('Fans chanted "Sack the board!" as the players left.')

    assert chant.text == "Sack the board!"
    assert chant.mention is not None and chant.mention.text == "Fans"
    assert chant.speaker is None


def test_a_group_chanting_after_a_speaker_is_not_that_speaker() -> None:
    """ "chanted" reports speech: protesters chanting after an official's
    quote are the voice of their own quotation, not the official's."""
    text = (
        "Kremlin spokesman Dmitry Peskov told reporters that the talks were "
        '"not productive." Protesters chanted "No more war!" outside.'
    )

    official, chant = quotex.extract(text)

    assert official.speaker == "Dmitry Peskov"
    assert chant.mention is not None and chant.mention.text == "Protesters"
    assert chant.cue is not None and chant.cue.text == "chanted"
    assert chant.speaker is None


@pytest.mark.parametrize("crowd", ["The crowd", "The audience"])
def test_a_crowd_is_nobody_named(crowd: str) -> None:
    """ "The crowd chanted …" after a speaker's quote: a crowd is never one
    person, so not the speaker just quoted either."""
    text = (
        'Mayor Helena Vosk spoke at the rally. "We will rebuild," she said.\n\n'
        f'{crowd} chanted "Four more years!" as she left the stage.'
    )

    mayor, chant = quotex.extract(text)

    assert mayor.speaker == "Helena Vosk"
    assert chant.mention is not None and chant.mention.text == crowd
    assert chant.speaker is None


def test_a_web_page_teaser_line_is_not_a_quotation() -> None:
    """ "READ MORE: …" lines advertise other stories; their quotes are theirs."""
    text = (
        "Harbour council delays vote\n\n"
        "The council will vote next week on the ferry plan.\n\n"
        "READ MORE: Mayor says ferry plan is ‘dead in the water’\n\n"
        "“We need more time,” councillor Ada Moss said on Monday."
    )

    assert [q.text for q in quotex.extract(text)] == ["We need more time,"]


def test_paragraphs_of_a_quotation_joined_on_one_line() -> None:
    """'"It hurts. It was my mistake. "It won't happen again," she said.':
    two paragraphs of one quotation, each its own record, both attributed,
    and the narrative after them left out."""
    text = (
        'Coach Mia Berg spoke after the match. "It hurts. It was my mistake. '
        '"It won\'t happen again," she said. The team left the stadium at ten.'
    )

    quotes = quotex.extract(text)

    assert [q.text for q in quotes] == [
        "It hurts. It was my mistake.",
        "It won't happen again,",
    ]
    assert [q.speaker for q in quotes] == ["Mia Berg", "Mia Berg"]


def test_a_speaker_after_a_question_keeps_it_in_a_joined_text() -> None:
    """'“Are there prizes?” Lincicome asked': run together on one line with
    the rest of the article, the question still has its speaker after it."""
    narrative = " ".join(
        f"The long drive went on for hole {n} of the round." for n in range(30)
    )
    text = (
        f"{narrative}  “Are there prizes?” Brittany Lincicome asked before her "
        "turn. “If I throw my back out, are there prizes?”  The crowd laughed."
    )

    quotes = quotex.extract(text)

    assert (quotes[0].text, quotes[0].speaker) == (
        "Are there prizes?",
        "Brittany Lincicome",
    )
    assert quotes[0].cue is not None and quotes[0].cue.text == "asked"


def test_a_hard_wrapped_quotation_is_found_whole() -> None:
    """Lines broken at 72 columns inside paragraphs: the quotation runs over
    the break, its offsets stay exact, ``quote`` shows the break as a space,
    and ``line`` is where it opens."""
    text = (
        "Harbour council delays vote on ferry plan until the spring, citing\n"
        "costs\n"
        "\n"
        "The council of the small port town met on Monday evening to discuss\n"
        "the future of the ferry service that links it with the islands.\n"
        "\n"
        '"We need more time to read the report before we spend a single krona\n'
        "of the town's money on boats,\" councillor Ada Moss told the meeting,\n"
        "which ran until midnight.\n"
        "\n"
        "The vote will now take place in April, after the audit is finished\n"
        "and the new budget has been agreed by the regional government.\n"
    )

    [quote] = quotex.extract(text)

    assert quote.line == 7
    assert quote.text == (
        "We need more time to read the report before we spend a single krona "
        "of the town's money on boats,"
    )
    raw = text[quote.content.start : quote.content.end]
    assert raw.replace("\n", " ") == quote.text
    assert quote.speaker == "Ada Moss"


def test_an_indented_wrapped_text_keeps_its_paragraphs_whole() -> None:
    """Every line indented (text quoted in an e-mail, pasted from a column):
    the indent is a margin, not a new paragraph on each line, and ``quote``
    reads the break and the next line's indent as one space."""
    text = (
        "\tHarbour council delays vote on ferry plan until the spring, citing\n"
        "\tcosts\n"
        "\n"
        "\tThe council of the small port town met on Monday evening to discuss\n"
        "\tthe future of the ferry service that links it with the islands.\n"
        "\n"
        '\t"We need more time to read the report before we spend a single krona\n'
        "\tof the town's money on boats,\" councillor Ada Moss told the meeting,\n"
        "\twhich ran until midnight.\n"
    )

    [quote] = quotex.extract(text)

    assert quote.text == (
        "We need more time to read the report before we spend a single krona "
        "of the town's money on boats,"
    )
    assert quote.speaker == "Ada Moss"


def test_a_quotation_broken_onto_an_indented_line_goes_on() -> None:
    """Two lines too few to tell wrapping: an indented line in lower case
    still continues the sentence, and the quotation over the break."""
    text = (
        'Storm news\n\n\tMary Hill, a farmer, lost her barn. "We lost\n'
        '\teverything," she said.\n'
    )

    assert [(q.text, q.speaker) for q in quotex.extract(text)] == [
        ("We lost everything,", "Mary Hill")
    ]


def test_a_hard_wrapped_mention_and_cue_are_on_one_line() -> None:
    """A speaker mention or cue broken over two lines reads as one line, as
    ``quote`` does; its offsets still point at the text as it stands."""
    text = (
        "City council approves budget\n"
        "\n"
        "Mayor Olivia Chow said the budget protects transit and housing. Councillor\n"
        "Brad Bradford, who voted against it, called the property tax increase\n"
        '"unaffordable for working families."\n'
        "\n"
        '"We heard from thousands of residents," Chow said. "They told us transit\n'
        'matters and they told us housing matters. This budget delivers on both."\n'
        "\n"
        "The budget passed 17-8 after a debate that lasted most of the day and\n"
        "well into the evening, with a dozen amendments put to a vote.\n"
    )

    quotes = quotex.extract(text)

    first = quotes[0].mention
    assert first is not None and first.text == "Councillor Brad Bradford"
    assert text[first.start : first.end] == "Councillor\nBrad Bradford"
    assert quotes[0].speaker == "Brad Bradford"


def test_a_short_text_broken_by_hand_keeps_its_quotation_whole() -> None:
    """Three lines are too few to tell wrapping from their widths, but a line
    that goes on in lower case from one that ends no sentence is the same
    paragraph."""
    text = (
        "Mayor Helena Vosk spoke on Monday.\n"
        '"We will build the bridge this year,\n'
        'whatever it costs," she said.\n'
    )

    [quote] = quotex.extract(text)

    assert quote.text == "We will build the bridge this year, whatever it costs,"
    assert (quote.line, quote.speaker) == (2, "Helena Vosk")


def test_a_line_after_a_finished_sentence_is_its_own_paragraph() -> None:
    """A lower-case opening after a sentence's end is not a continuation."""
    text = "The vote was close.\niPhone sales fell, the report said.\nThe end"

    assert len(find_layout(text).paragraphs) == 3


_SENTENCES = st.sampled_from(
    [
        "The council met on Monday.",
        "It was a long night.",
        "The vote was close.",
        "Nobody expected that.",
    ]
)
_QUOTED = st.sampled_from(
    [
        '"We will build it," Vosk said.',
        '"It is the right idea at the wrong price," he said.',
        'She called it "a promise kept."',
        '"No," said Ada Moss.',
    ]
)


@st.composite
def _paragraphs(draw: st.DrawFn) -> list[str]:
    """News paragraphs: narrative, quotes, and quotations over paragraphs."""
    paragraphs = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["narrative", "quote", "run"]))
        if kind == "narrative":
            paragraphs.append(
                " ".join(draw(st.lists(_SENTENCES, min_size=1, max_size=3)))
            )
        elif kind == "quote":
            paragraphs.append(draw(_QUOTED))
        else:
            # One quotation over two paragraphs: the first left open.
            paragraphs.append('"We waited. We asked again.')
            paragraphs.append('"Nobody answered," the residents said.')
    return paragraphs


@settings(max_examples=200, deadline=None)
@given(_paragraphs())
def test_joining_paragraphs_finds_the_same_quotations(paragraphs: list[str]) -> None:
    """Joining the paragraphs of a text with spaces changes which quotations
    are found only in their line numbers: the same offsets, the same words."""
    text = "\n".join(paragraphs)
    joined = text.replace("\n", " ")

    original = [(s.start, s.end) for s in find_quoted_spans(text)]
    again = [(s.start, s.end) for s in find_quoted_spans(joined)]

    assert original == again


def test_a_short_span_weighs_its_setting_apart_from_a_sentence() -> None:
    """What stands around one to three quoted words is crossed with their
    length; a long span keeps the plain features only."""
    short = speech_features({"words:2-3": 1.0, "before:determiner": 1.0}, [])
    long = speech_features({"words:8+": 1.0, "before:determiner": 1.0}, [])

    assert short["words:2-3&before:determiner"] == 1.0
    assert not any("&" in name for name in long)
