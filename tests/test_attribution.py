"""Who said it: the speaker patterns news is written in, with the real model.

Each pattern is a way newsrooms attribute a quote that a fixed cascade of
rules used to miss; the fitted choosers must get every one right.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import quotex
from quotex.attribution.resolver import choose_person_option
from quotex.attribution.roster import is_title_case
from quotex.attribution.trace import ScoredOption
from quotex.pipeline import get_engine


def speakers(text: str) -> list[str | None]:
    """Return the speaker of each quote of ``text``."""
    return [quote.speaker for quote in quotex.extract(text)]


def people_read(text: str, attribute: str) -> dict[str, Any]:
    """What the roster read of each person named in ``text``, by name."""
    registry = get_engine().analyze(text).registry
    return {person.name: getattr(person, attribute) for person in registry.people}


def person_options(text: str, quote: int = 0) -> dict[str, ScoredOption]:
    """Return the people the mention of quote ``quote`` was weighed against."""
    decision = quotex.explain(text)[quote][1]
    assert decision is not None and decision.person is not None
    return {option.label: option for option in decision.person.options}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Dr. Aiko Morimoto leads the study. “The data,” she said, “tell a "
            "different story.”",
            ["Aiko Morimoto", "Aiko Morimoto"],
            id="she-with-a-given-name-quotex-does-not-know",
        ),
        pytest.param(
            "Prime Minister Lena Sorvik landed in Oslo on Friday. "
            '"We came to listen," the prime minister told reporters.',
            ["Lena Sorvik"],
            id="a-role-that-names-the-person-introduced-with-it",
        ),
        pytest.param(
            "“Nobody buys vinyl for the sound,” says Hart’s co-owner, Malik Osei.",
            ["Malik Osei"],
            id="a-name-in-apposition-to-the-description",
        ),
        pytest.param(
            'Mayor Helena Vosk opened the meeting. "We will build it," Vosk said.'
            "\n\nOrganizer Dale Whitcombe said the convoy would leave at dawn. "
            "“We are not going home,” he said.",
            ["Helena Vosk", "Dale Whitcombe"],
            id="he-after-someone-new-reports-speech",
        ),
        pytest.param(
            'Mayor Helena Vosk opened the meeting. "We will build it," Vosk said.'
            "\n\nThe hospital's chief of staff, Ruth Adeyemi, says the wait "
            'times are improving.\n\n"We hired forty nurses this year."',
            ["Helena Vosk", "Ruth Adeyemi"],
            id="a-quote-paragraph-after-a-new-speaker-is-introduced",
        ),
        pytest.param(
            "Tomas Lindqvist, a firefighter in Umeå, said the blaze spread fast. "
            "“We lost the east wing in minutes,” the firefighter said.",
            ["Tomas Lindqvist"],
            id="a-description-from-an-apposition",
        ),
        pytest.param(
            "“Not this year,” was the reply from Senator Grace Okonkwo.",
            ["Grace Okonkwo"],
            id="the-reply-from",
        ),
        pytest.param(
            'Coach Ivan Petrov praised the team. "I was lucky, because Marta is '
            'the best player in the league," he said.',
            ["Ivan Petrov"],
            id="a-name-inside-the-quote-is-not-its-speaker",
        ),
        pytest.param(
            "Coronation Street star Jane Holt criticised the plan. "
            '"It is a disgrace," she said.',
            ["Jane Holt"],
            id="a-title-made-of-a-programme-name",
        ),
        pytest.param(
            "Robert McMillen runs a barbershop in Toronto.\n\n"
            "Article Continued Below\n\n"
            "“It can be a little degrading,” he explains.",
            ["Robert McMillen"],
            id="a-line-of-page-furniture-is-nobody-he-can-mean",
        ),
        pytest.param(
            "Twitter said on Friday that it had suspended 125,000 accounts.\n\n"
            "“We are stepping up our work,” the company said in a statement.",
            ["Twitter"],
            id="the-company-is-a-body-the-text-never-marked-as-one",
        ),
        pytest.param(
            "Lavrov warns the West\n\n"
            "Russian Foreign Minister Sergey Lavrov met his Turkish counterpart "
            "in Ankara on Friday, where the two men discussed the war.\n\n"
            "Speaking after talks with his Turkish counterpart Mevlut Cavusoglu, "
            'the Russian top diplomat said sanctions "will not change our course."',
            ["Sergey Lavrov"],
            id="a-description-that-runs-into-its-verb-is-the-subject",
        ),
        pytest.param(
            "Intel shares fell on Tuesday.\n\n"
            "“We do not comment on rumours,” an Intel spokeswoman said.",
            ["Intel"],
            id="an-unnamed-spokesperson-speaks-for-the-body",
        ),
        pytest.param(
            "Jody Wilson-Raybould resigned from cabinet on Tuesday. After she "
            "was shuffled, she published a statement on her website.\n\n"
            "“It is a pillar of our democracy,” her statement said.",
            ["Jody Wilson-Raybould"],
            id="her-statement-is-hers",
        ),
        pytest.param(
            "Campaign spokesman Jason Miller said in a statement on Friday that "
            "the speech had been written with help from a staff writer. The "
            "speech was given by Melania Trump in Cleveland.\n\n"
            "“She did not intend any harm,” the statement said.",
            ["Jason Miller"],
            id="the-statement-is-by-whom-it-was-first-told-of-with",
        ),
        pytest.param(
            "New Hampshire Sen. Kelly Ayotte spoke on Monday.\n\n"
            "“This is a false attack,” Kelly Ayotte’s campaign said.",
            ["Kelly Ayotte campaign"],
            id="a-body-named-by-its-owner",
        ),
        pytest.param(
            "The Israeli newspaper Haaretz said the remarks were “unacceptable.”",
            ["Haaretz"],
            id="a-name-in-close-apposition",
        ),
        pytest.param(
            "The mayor thanked everyone. "
            "His wife Melania said it was “a lovely day for the town.”",
            ["Melania"],
            id="a-first-name-in-close-apposition",
        ),
    ],
)
def test_speaker_patterns(text: str, expected: list[str | None]) -> None:
    """Each way of attributing a quote names the person who said it."""
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ('"We are not going back," said Marieke de Vries.', "Marieke de Vries"),
        ('"Europe must act," said Ursula von der Leyen.', "Ursula von der Leyen"),
        ('"We will win," said Virgil van Dijk.', "Virgil van Dijk"),
        ('"The kingdom is changing," said Mohammed bin Salman.', "Mohammed bin Salman"),
        ('"I have a dream," said Martin Luther King Jr.', "Martin Luther King Jr."),
        (
            "Egypt's President Abdel Fattah al-Sisi arrived. "
            '"Our security comes first," Sisi said.',
            "Abdel Fattah al-Sisi",
        ),
        (
            '"Europe must act," said Valéry Giscard d\'Estaing.',
            "Valéry Giscard d'Estaing",
        ),
        (
            'Incumbent Sarah Jones faces two rivals. "I will win," Jones said.',
            "Sarah Jones",
        ),
        (
            "The storm will pass. Meteorologist Jill Tran added that "
            '"conditions will improve by Sunday."',
            "Jill Tran",
        ),
        ('"We will keep marching," said Kristen Day.', "Kristen Day"),
        ('"The road is closed," said Councillor Tomas Brennick.', "Tomas Brennick"),
        ('"The road is closed," said Cllr Tomas Brennick.', "Tomas Brennick"),
        ('"The road is closed," said Tomas Brennick MP.', "Tomas Brennick"),
        ('"My client is innocent," said Sarah Khan KC.', "Sarah Khan"),
        (
            "Former prime minister José Luis Rodríguez Zapatero spoke. "
            '"It is fair," Rodríguez Zapatero said.',
            "José Luis Rodríguez Zapatero",
        ),
        ('"The road is closed," said Sheikh Tamim Al Thani.', "Tamim Al Thani"),
        ('"The school will reopen," said Headteacher Jo Banks.', "Jo Banks"),
        ('"We have arrested two men," said Chief Constable Anna Ruiz.', "Anna Ruiz"),
        (
            'The Bank of England said it was "monitoring" the markets.',
            "Bank of England",
        ),
        ('The Port of Montreal said the strike was "regrettable".', "Port of Montreal"),
        (
            'The University of Toronto said the plan was "under review".',
            "University of Toronto",
        ),
        (
            'The Republican National Committee said it was "ready".',
            "Republican National Committee",
        ),
        ('"No comment," said the Prime Minister\'s Office.', "Prime Minister's Office"),
        (
            '"We need a ceasefire," said U.N. Secretary-General Antonio Guterres.',
            "Antonio Guterres",
        ),
        (
            '"We will strike," said United Auto Workers Secretary-Treasurer '
            "Gary Casteel.",
            "Gary Casteel",
        ),
        (
            "Fellow Republicans David Jolly and Todd Wilcox met. "
            '"We will win," Jolly said.',
            "David Jolly",
        ),
        (
            "Paul Ryan and Donald Trump spoke on Monday. "
            '"We will win," Ryan\'s campaign said in a statement.',
            "Paul Ryan campaign",
        ),
    ],
)
def test_canonical_names(line: str, name: str) -> None:
    """Particles and suffixes belong to a name, titles do not, bodies stay whole."""
    assert speakers(line) == [name]


def test_interview_labels_are_never_speakers_nor_a_headline() -> None:
    """ "Q:" and "A:" open an interview's turns; they name nobody."""
    [question] = quotex.extract('Q: "Will you run for mayor again?"\nA: "No, never."')[
        :1
    ]

    assert (question.speaker, question.type) == (None, "full")


def test_an_answer_label_is_not_read_as_the_article_a() -> None:
    """In a Q&A laid out as paragraphs, "A:" is no speaker mention at all."""
    text = (
        "Marine geologist Dr. Sylvia Okafor has charted the deep sea for 30 "
        "years.\n\n"
        "Q: What surprised you most?\n\n"
        'A: "How little we know. We have better maps of Mars than of our '
        'own ocean floor."'
    )
    [answer] = quotex.extract(text)
    assert answer.mention is None


def test_a_headline_names_the_whole_body_its_subject_heads() -> None:
    """In "Marrowby council backs …" the subject is the council, not the town
    that qualifies it."""
    text = (
        'Marrowby council backs river wall: "We have waited long enough"\n\n'
        "The council voted 7-2 on Tuesday night to build the wall."
    )

    [quote] = quotex.extract(text)

    assert quote.type == "headline"
    assert quote.mention is not None and quote.mention.text == "Marrowby council"


def test_explain_gives_each_quote_its_decision() -> None:
    """quotex.explain() returns the candidates, scores and chosen person."""
    text = 'Mayor Helena Vosk spoke on Monday. "We will build the wall," she said.'

    [(quote, decision)] = quotex.explain(text)

    assert decision is not None
    chosen = decision.options[decision.chosen]
    assert chosen.label.startswith("'she' cue 'said'")
    assert abs(sum(o.probability for o in decision.options) - 1) < 1e-6
    assert decision.person is not None
    assert decision.person.options[decision.person.chosen].label == "Helena Vosk"
    assert quote.speaker == decision.speaker == "Helena Vosk"


def test_a_place_is_never_the_person_a_description_means() -> None:
    """Places the text names on the way do not crowd out the person."""
    text = (
        "Gov. Chris Christie campaigned in Nashua, New Hampshire, on Monday. "
        "He said New Jersey had a budget surplus.\n\n"
        "“We got it done,” the New Jersey governor said."
    )
    assert speakers(text) == ["Chris Christie"]


def test_a_name_opening_a_sentence_after_a_name_is_its_own() -> None:
    """A sentence that ends on a name does not swallow the name after it."""
    text = (
        "Trudeau spent Thursday at events in Toronto. Wilson-Raybould was in "
        "the House but answered no questions. “No comment,” she said.\n\n"
        "The seat went to Art Halvorson. Shuster said “we lost.” "
        "Det. Sgt. Anna Ruiz said “the road is closed.”"
    )
    assert speakers(text) == ["Wilson-Raybould", "Shuster", "Anna Ruiz"]


def test_a_line_of_capitals_on_its_own_is_nobody_he_can_mean() -> None:
    """Page furniture between paragraphs is not a person to refer back to."""
    text = (
        "“We are trying to break down the bravado,” says barber Rob McMillen.\n\n"
        "Article Continued Below\n\n"
        "“It can be a little degrading,” he explains."
    )
    assert "Article Continued Below" not in person_options(text, 1)
    assert speakers(text) == ["Rob McMillen", "Rob McMillen"]


def test_a_word_in_lower_case_is_read_as_a_description_not_a_name() -> None:
    """The tagger may call "mogul" a proper noun; it is a description."""
    text = (
        "Donald Trump listed an NBC show as his guilty pleasure. “My guilty "
        "pleasure is SNL,” the billionaire business mogul told People."
    )
    decision = quotex.explain(text)[0][1]
    assert decision is not None and decision.path[0] == "description"
    assert speakers(text) == ["Donald Trump"]


@pytest.mark.parametrize(
    ("text", "feature", "holder", "other"),
    [
        pytest.param(
            "Student Deja Stewart called him a savage grandpa.\n\n"
            "Come again?\n\n“Savage,” she said.",
            "one_word_opening_sentences",
            "Come",
            "Deja Stewart",
            id="a-capitalised-verb-only-ever-opening-a-sentence",
        ),
        pytest.param(
            "Ted Cruz spoke to CNN on Sunday about the debate. "
            "“We never said that,” the network's statement said.",
            "desc:media&outlet",
            "CNN",
            "Ted Cruz",
            id="an-outlet-for-a-description-of-one",
        ),
        pytest.param(
            "Trump questions the fairness of the moderators.\n\n"
            "Donald Trump said little about his debate preparation. Lester "
            "Holt will moderate.\n\n"
            "“Look, it's a phony system,” the Republican presidential nominee said.",
            "desc:person&named_in_headline",
            "Donald Trump",
            "Lester Holt",
            id="whom-the-headline-names",
        ),
    ],
)
def test_an_option_carries_the_evidence_that_sets_it_apart(
    text: str, feature: str, holder: str, other: str
) -> None:
    """The feature is on the option it describes and not on its rival."""
    options = person_options(text)
    assert feature in options[holder].features
    assert feature not in options[other].features


def test_a_contraction_of_a_pronoun_is_nobody_to_refer_to() -> None:
    """ "I’m" opening a sentence is capitalised, but names no one."""
    text = (
        "I’m talking about Alfonso Espinos, who was born in Mexico. "
        "“We publish local creators,” the founder says."
    )
    assert "I’m" not in person_options(text)
    assert "Alfonso Espinos" in person_options(text)


def test_a_description_may_introduce_the_name_that_follows_it() -> None:
    """The people first named after a description are among its options."""
    text = (
        "A Vancouver hockey coach says he is “amazed and overwhelmed” by the "
        "response to a video his team made.\n\n"
        "Stephen Gillis said the video is the nicest thing anyone has done for him."
    )
    options = person_options(text)
    assert "Stephen Gillis" in options
    assert "Vancouver" in options  # named inside the description, weighed apart
    gillis = options["Stephen Gillis"]
    assert gillis.features["later&next_paragraph"] == 1.0
    assert gillis.features["later&lede"] == 1.0


def test_an_acronym_the_text_defines_names_the_whole_body() -> None:
    """An acronym given after a name ("X (XY)") names X, spelt out in full."""
    text = (
        "The family applied to Immigration, Refugees and Citizenship Canada "
        "(IRCC) in August.\n\n"
        "“Each case is reviewed on its merits,” IRCC said in a statement."
    )
    assert speakers(text) == ["Immigration, Refugees and Citizenship Canada"]


@pytest.mark.parametrize(
    ("line", "title_case"),
    [
        ("Hillary Clinton Goes After Donald Trump on Trade", True),
        ("Jeff Sessions, Rudy Giuliani Wear ‘Make Mexico Great Again Also’ Hats", True),
        (
            "Russian Foreign Minister Sergey Lavrov met Mevlut Cavusoglu on Friday",
            False,
        ),
        ("Lavrov warns the West over new sanctions", False),
    ],
)
def test_title_case_leaves_only_small_words_in_lower_case(
    line: str, title_case: bool
) -> None:
    """A line with a lower-case word other than "of", "the", "on"... is a
    sentence: its capitals are names, to be read as such."""
    assert is_title_case(line) is title_case


def test_names_in_a_sentence_case_headline_are_known() -> None:
    """A headline written as a sentence names people a description can mean."""
    text = (
        "Russian Foreign Minister Sergey Lavrov met Mevlut Cavusoglu on Friday\n\n"
        "“We will respond,” the Russian top diplomat said."
    )
    assert "Sergey Lavrov" in person_options(text)


def test_the_same_unnamed_person_again_is_weighed_as_nobody_named() -> None:
    """After "A spokesperson for the mayor's office", "the spokesperson" is
    that unnamed person again: the option of nobody named, and each person
    never called that, say so."""
    text = (
        "Tom Reyes runs a diner near the site. “People will need to eat,” "
        "Reyes said.\n\n"
        "A spokesperson for the mayor's office said the city held 14 meetings. "
        "“We heard from more than 3,000 people,” the spokesperson said."
    )
    options = person_options(text, quote=1)
    assert options["(nobody)"].features["nobody&introduced_unnamed"] == 1.0
    reyes = options["Tom Reyes"]
    assert reyes.features["role_unseen&introduced_unnamed"] == 1.0


def test_every_attribution_module_stays_small() -> None:
    """Attribution is a package of small modules, each under 400 lines, so a
    rule or a feature is found where its concern lives."""
    package = Path(quotex.__file__).parent / "attribution"
    sizes = {
        module.name: len(module.read_text(encoding="utf-8").splitlines())
        for module in package.glob("*.py")
    }
    assert sizes and max(sizes.values()) <= 400, sizes


def test_a_title_alone_is_no_name_but_a_name_ending_in_one_is() -> None:
    """ "Home Secretary" and "Chancellor" name nobody; "John Major" does, and
    "Major" after him means him."""
    from quotex.attribution.people import PersonRegistry
    from quotex.lexicon import load_lexicon

    registry = PersonRegistry(load_lexicon(None))

    assert registry.add("Home Secretary", 0) is None
    major = registry.add("John Major", 40)
    assert major is not None
    assert registry.add("Major", 80) is major
    assert registry.add("Chancellor", 120) is None
    assert [person.name for person in registry.people] == ["John Major"]


def test_roles_are_read_in_the_names_own_sentence() -> None:
    """ "… the mayor said. Councillor Sonya Sharp disagreed": the mayor is
    someone else; the words before a sentence end are no role of Sharp's."""
    text = (
        "The mayor of Calgary, Jyoti Gondek, defended the budget. "
        "“Every dollar is accounted for,” the mayor said. "
        "Councillor Sonya Sharp disagreed."
    )
    roles = people_read(text, "roles")

    assert "mayor" in roles["Jyoti Gondek"]
    assert "mayor" not in roles["Sonya Sharp"]
    assert "councillor" in roles["Sonya Sharp"]


def test_roles_are_the_words_that_title_or_describe_the_name() -> None:
    """ "CNN host Jake Tapper": host; "told Reuters", "adopted from Iran":
    the words before a verb's or a preposition's object are no roles."""
    text = (
        "“It was very nice,” the gambling tycoon told Reuters. "
        "The woman adopted from Iran spoke to CNN host Jake Tapper."
    )
    roles = people_read(text, "roles")

    assert "host" in roles["Jake Tapper"]
    assert not roles["Reuters"]
    assert not roles["Iran"]


def test_roles_are_read_past_an_age_and_after_is() -> None:
    """ "Tomas Lindqvist, 52, a firefighter,": the age does not hide the
    apposition; "Grimes is the secretary of state" says what Grimes is."""
    text = (
        "Tomas Lindqvist, 52, a firefighter in Umeå, said the blaze spread fast. "
        "Alison Grimes is the secretary of state. “We lost,” she said."
    )
    roles = people_read(text, "roles")

    assert "firefighter" in roles["Tomas Lindqvist"]
    assert "secretary" in roles["Alison Grimes"]


def test_a_role_held_by_one_person_alone_is_flagged() -> None:
    """ "the columnist suggested" after "columnist Ai Jun wrote": of the
    people the description could mean, only Ai Jun was called that."""
    text = (
        "“Many of his ideas are far from heartwarming,” columnist Ai Jun wrote.\n\n"
        "But Trump has one thing in common with Chinese people, the columnist "
        "suggested: “His winning streak is solid proof.”"
    )
    _, decision = quotex.explain(text)[1]

    assert decision is not None and decision.person is not None
    flagged = [
        option.label
        for option in decision.person.options
        if "role_held_alone" in option.features
    ]
    assert flagged == ["Ai Jun"]


def test_an_age_given_with_a_name_is_a_role() -> None:
    """ "Melania Trump, 46," is "the 46-year-old" a later quote names."""
    text = (
        "Melania Trump, 46, spoke on Monday night. Donald Trump watched.\n\n"
        "“Donald is, and always has been, an amazing leader,” the 46-year-old said."
    )
    _, decision = quotex.explain(text)[0]

    assert decision is not None and decision.person is not None
    features = {option.label: option.features for option in decision.person.options}
    assert "role_word_seen" in features["Melania Trump"]
    assert "role_word_seen" not in features["Donald Trump"]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "The company, Northvolt, said it would cut jobs.",
            "Northvolt",
            "organization",
        ),
        (
            "Northvolt, a Swedish company, said it would cut jobs.",
            "Northvolt",
            "organization",
        ),
        ("Rival company Tesla declined to comment.", "Tesla", "organization"),
        ("Luis Osuna, a member of the group, spoke.", "Luis Osuna", "person"),
        ("In his campaign Mr. Sanders spoke of jobs.", "Sanders", "person"),
        ("Trump would campaign in Louisville, Ky., on Monday.", "Ky", "person"),
    ],
)
def test_a_role_phrase_headed_by_a_body_noun_names_a_body(
    text: str, name: str, kind: str
) -> None:
    """ "The company, Northvolt,": a body, which "it said" can mean. The
    phrase's head decides ("a member of the group" is a person), and never
    for a name with a title or a given name, nor after a comma that follows
    no noun phrase."""
    kinds = people_read(f"{text} “We will see,” it said.", "kind")

    assert kinds[name] == kind


def test_the_pronouns_after_a_name_give_its_gender() -> None:
    """ "Kody alone made the choice he did": the text makes Kody a "he" (a
    feature the pronoun chooser weighs). Not from a pronoun after a
    possessive ("Zorba Lee's wife said she"), after someone else is named
    ("praised Kim Park, saying she"), or inside a quote."""
    text = (
        "Kody Cook died in 2015. Kody alone made the choice he did that day. "
        "Zorba Lee's wife said she was proud. Zorba Ash praised Kim Park, "
        "saying she “never gave up.” Zorba Fey said “she was brave.”"
    )
    genders = people_read(text, "text_gender")

    assert genders["Kody Cook"] == "m"
    assert genders["Zorba Lee"] is None
    assert genders["Zorba Ash"] is None
    assert genders["Zorba Fey"] is None


def test_a_body_named_in_the_possessive_keeps_its_plain_name() -> None:
    """ "the Parole Board of Canada's decision" names the Parole Board of
    Canada, the body a later "the Parole Board of Canada" names again."""
    from quotex.attribution.people import PersonRegistry
    from quotex.lexicon import load_lexicon

    registry = PersonRegistry(load_lexicon(None))
    board = registry.add("the Parole Board of Canada's", 0, organization=True)

    assert board is not None and board.name == "Parole Board of Canada"
    assert registry.add("Parole Board of Canada", 50, organization=True) is board


def test_an_acronym_of_a_common_noun_is_no_name() -> None:
    """ "a campaign TV ad", "a super PAC": TV and PAC name no one; CNN does."""
    from quotex.attribution.people import PersonRegistry
    from quotex.lexicon import load_lexicon

    registry = PersonRegistry(load_lexicon(None))

    assert registry.add("TV", 0) is None
    assert registry.add("PAC", 10) is None
    assert registry.add("CNN", 20) is not None


def test_a_name_a_verb_follows_is_flagged_as_a_likely_subject() -> None:
    """Where no parse is, "Hale made it clear" still shows Hale as the one
    acting: the flag a pronoun's chooser reads as "the last subject"."""
    from quotex.attribution.person import BEFORE_VERB

    text = (
        "General speaks out\n\n"
        "In an interview with Tom Reed on Monday, Hale, 63, made it clear he "
        "had doubts. He met Ann Lee in Ottawa.\n\n"
        "“It was demoralizing,” he said."
    )
    flags = people_read(text, "flags")

    assert all(f & BEFORE_VERB for f in flags["Hale"])
    assert not any(f & BEFORE_VERB for f in flags["Tom Reed"] + flags["Ann Lee"])


def test_a_body_described_with_an_adjective_is_resolved_as_a_description() -> None:
    """ "The Israeli newspaper said": no body named "Israeli newspaper"; the
    description chooser weighs the people before it, Haaretz among them."""
    text = (
        "Haaretz ran the story on Monday. "
        "The Israeli newspaper said the remarks were “unacceptable.”"
    )
    quote, decision = quotex.explain(text)[0]

    assert quote.speaker != "Israeli newspaper"
    assert decision is not None and decision.person is not None
    assert decision.person.chooser == "description"
    assert "Haaretz" in [option.label for option in decision.person.options]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "President Joe Biden arrived in Kyiv on Monday. "
            "“We stand with you,” the President said.",
            "Joe Biden",
            id="the-President",
        ),
        pytest.param(
            "Rishi Sunak met EU leaders in Brussels. "
            "“This is a good deal,” the Prime Minister told MPs.",
            "Rishi Sunak",
            id="the-Prime-Minister",
        ),
        pytest.param(
            "Rafael Nadal won his 14th title in Paris. "
            "“It is a dream,” the Spaniard said.",
            "Rafael Nadal",
            id="the-Spaniard",
        ),
        pytest.param(
            "Ferrari's Charles Leclerc took pole. "
            "“The car felt amazing,” said the Monegasque.",
            "Charles Leclerc",
            id="the-Monegasque",
        ),
    ],
)
def test_a_capitalised_role_alone_is_a_description(text: str, expected: str) -> None:
    """Newsrooms that capitalise titles write "the President", "the Prime
    Minister", and name players by nationality: each means someone named
    before it, never a person called "President" or "Spaniard"."""
    quote, decision = quotex.explain(text)[0]

    assert decision is not None and decision.person is not None
    assert decision.person.chooser == "description"
    assert quote.speaker == expected


def test_a_role_with_the_name_after_it_is_the_name() -> None:
    """ "The Transport Secretary, Mark Harper, said": the name, not the role."""
    text = (
        "The Transport Secretary, Mark Harper, said the strike was "
        "‘deeply disappointing’."
    )

    assert speakers(text) == ["Mark Harper"]


def test_a_given_name_in_apposition_to_a_role_has_its_gender() -> None:
    """ "Her husband, David,": a man known by his first name, whom "he"
    means; a surname after an opening phrase ("On Monday, Clinton") is not
    read as a given name."""
    text = (
        "Maria Chen and her husband, David, run the bakery. "
        "“We start at four every morning,” he said. “It is hard,” she added.\n\n"
        "On Monday, Clinton visited the shop."
    )
    quotes = quotex.extract(text)
    genders = people_read(text, "gender")

    assert [quote.speaker for quote in quotes] == ["David", "Maria Chen"]
    assert genders["David"] == "m"
    assert genders["Clinton"] is None


def test_a_title_or_nationality_alone_is_no_name_in_the_roster() -> None:
    """ "Spaniard", like "Chancellor", names no one; "Daily Caller", ending in
    a word for a person that is no title, stays a name."""
    from quotex.attribution.people import PersonRegistry
    from quotex.lexicon import load_lexicon

    registry = PersonRegistry(load_lexicon(None))

    assert registry.add("Spaniard", 0) is None
    assert registry.add("Daily Caller", 20) is not None


def test_explain_numbers_quotes_as_it_lists_them_terms_included() -> None:
    """A term before the quotes keeps its number, and "the speaker of quote
    N" names the quote listed as N."""
    text = (
        'Mayor Helena Vosk pressed the so-called "reset button" on Monday. '
        '"We have waited long enough," Vosk said. "The water does not wait."'
    )
    decisions = [decision for _, decision in quotex.explain(text)]

    assert decisions[0] is not None and decisions[0].path[0].startswith("not speech")
    carried = decisions[2]
    assert carried is not None
    labels = [option.label for option in carried.options]
    assert "the speaker of quote 2" in labels


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Senator Hillary Clinton met the committee on Monday. "
            "“We have more questions,” the committee chairmen said.",
            id="a-plural-the-tagger-reads",
        ),
        pytest.param(
            "Mayor Helena Vosk met Chief Ana Ruiz on Monday. "
            "“We are ready,” the two said.",
            id="a-count",
        ),
    ],
)
def test_a_description_of_more_than_one_is_no_single_person(text: str) -> None:
    """ "The committee chairmen" and "the two" are never one of the people named."""
    assert speakers(text) == [None]


def test_a_middle_initial_is_no_acronym() -> None:
    """ "W." in "George W. Bush" is an initial; "BC" in "BC Hydro" an acronym."""
    text = (
        "George W. Bush toured the dam with BC Hydro on Monday. "
        "“It is a marvel,” the visitor said."
    )
    options = person_options(text)
    assert "has_acronym" not in options["George W. Bush"].features
    assert "has_acronym" in options["BC Hydro"].features


@pytest.mark.parametrize(
    ("probabilities", "chosen"),
    [
        pytest.param([0.32, 0.26, 0.21, 0.21], 1, id="each-person-less-likely"),
        pytest.param([0.5, 0.3, 0.2], 0, id="nobody-as-likely-as-all"),
        pytest.param([0.1, 0.3, 0.6], 2, id="the-likeliest-person"),
        pytest.param([1.0], 0, id="no-one-to-choose"),
    ],
)
def test_nobody_is_chosen_only_when_likelier_than_all_the_people(
    probabilities: list[float], chosen: int
) -> None:
    """Whether a mention names anyone comes before whom it names: nobody
    (option 0) wins at 0.5 or more, else the likeliest person does."""
    assert choose_person_option(probabilities) == chosen


def test_a_surname_ending_in_ly_opening_a_sentence_is_still_the_name() -> None:
    """ "Schlafly had …" after "Phyllis Schlafly" is her again, not an adverb
    like "Clearly" that only opens the sentence."""
    text = (
        "Phyllis Schlafly wrote her final column this week.\n\n"
        "Schlafly had backed Donald Trump. Clearly, Trump welcomed it. "
        "Schlafly also praised Ronald Reagan.\n\n"
        "“He never compromised,” she wrote."
    )
    positions = people_read(text, "positions")
    assert len(positions["Phyllis Schlafly"]) == 3
    assert "Clearly" not in positions
    assert speakers(text) == ["Phyllis Schlafly"]


def test_initials_and_dotted_abbreviations_are_part_of_the_name() -> None:
    """A run of capitals is never cut inside "J.J." or "U.S.": not "J. Goldberg",
    not "S. State Department"."""
    text = (
        "Officials at the U.S. State Department met J.J. Goldberg on Monday. "
        "“We are watching,” Ted Cruz said."
    )
    assert {"U.S. State Department", "J.J. Goldberg"} <= set(people_read(text, "kind"))


def test_a_name_after_a_long_title_stays_whole() -> None:
    """Seven capitalised words, titles and all, are one run: "Ham" later is
    Norman Ham, not a person of his own."""
    text = (
        "Retired U.S. Air Force Gen. Norman Ham is speaking out.\n\n"
        "Ham made it clear he had misgivings. “It was hard,” he said."
    )
    assert list(people_read(text, "kind")) == ["Norman Ham"]


def test_a_person_a_name_owns_is_never_the_owner() -> None:
    """ "Trump's lawyer" and "Trump's campaign manager" are not Trump, and not
    an option for whom they mean."""
    for phrase in ("Trump's lawyer", "Trump's campaign manager"):
        text = (
            "Donald Trump and Corey Lewandowski spoke on Monday. "
            f'"He is wrong," {phrase} said.'
        )
        assert "Donald Trump" not in person_options(text)
        assert speakers(text) != ["Donald Trump"]


def test_an_age_standing_for_a_person_is_a_person_description() -> None:
    """ "The 46-year-old" is tokenised with "old" as its head; it still
    describes a person, for the options and for the option of nobody."""
    text = (
        "Melania Trump, 46, spoke on Monday. Paul Ryan spoke too.\n\n"
        "“Donald is an amazing leader,” said the 46-year-old."
    )
    options = person_options(text)
    assert "desc:person&person_like" in options["Melania Trump"].features
    assert "nobody&not_a_person_noun" not in options["(nobody)"].features


def test_a_body_description_is_never_someone_the_text_shows_is_a_person() -> None:
    """ "The company" may be "Twitter", which the roster takes for a person's
    name, but never Sarah Patel, whose given name says she is one."""
    text = (
        "Sarah Patel of the Brennan Center criticised Twitter on Monday. "
        "“We are reviewing the report,” the company said."
    )
    options = person_options(text)
    assert "Sarah Patel" not in options
    assert "Twitter" in options
