"""Starting weights: what the first round of training decodes with.

Training fits the choosers in rounds, because who has been speaking (a
feature of "he") depends on earlier decisions. The first round needs some
weights to make those decisions with; these say what a careful reader would
guess before seeing any data. They are never shipped.
"""

from __future__ import annotations

from quotex.attribution.scorer import AttributionModel, Chooser

PRIOR_WEIGHTS: dict[str, dict[str, float]] = {
    "quote": {
        "src:transcript_label": 6.0,
        "src:speaker_label": 5.0,
        "src:cue_after": 4.0,
        "src:cue_before": 3.5,
        "src:dash_credit": 4.0,
        "src:colon_credit": 3.0,
        "src:colon_intro": 3.0,
        "src:colon_lead": 3.0,
        "src:cue_in_sentence": 2.0,
        "cue_governs_quote": 1.0,
        "src:outer_report": 0.5,
        "src:headline_subject": 2.0,
        "src:governing_subject": 1.5,
        "src:previous_sentence_subject": 1.0,
        "src:cue_next_sentence": 1.0,
        "src:cue_previous_sentence": 0.8,
        "mention_can_speak": 1.0,
        "mention:none": -2.0,
        "src:previous_quote": 1.5,
        "previous_same_paragraph": 1.0,
        "previous_runs_on": 2.0,
        "previous_far": -3.0,
        "src:run_end": 2.5,
    },
    "person_pronoun": {
        "rank:1": 1.0,
        "rank:2": 0.3,
        "last_speaker": 2.0,
        "gender_same": 1.5,
        "gender_other": -5.0,
        "pronoun_gender_other": -3.0,
        "same_paragraph": 0.5,
        "entity:organization": -3.0,
    },
    "group_pronoun": {
        "entity:organization": 2.0,
        "last_speaker": 1.0,
        "nobody": 0.5,
    },
    "description": {
        "role_related": 3.0,
        "role_word_seen": 2.0,
        "named_in_mention": 4.0,
        "last_speaker": 1.0,
        "nobody": 1.0,
        "nobody&indefinite": 3.0,
        "nobody&plural": 3.0,
    },
    "no_mention": {
        "last_speaker": 2.0,
        "quote_speaker_rank:1": 1.0,
        "rank:1": 0.5,
        "nobody": 0.5,
    },
}


def prior_model() -> AttributionModel:
    """Return the starting weights as a model, with no calibration."""
    return AttributionModel(
        {name: Chooser(weights) for name, weights in PRIOR_WEIGHTS.items()}
    )
