"""Maturity measurement: rounds a coach opens, answers participants give, and their reminders.

`services` writes (open a round, save an answer), `selectors` reads, `stages` holds the stage
texts, `reminders` the round-opened and round-closing planners. The public names are re-exported
here, so callers write `from proeftuin import measurement`.
"""

from .selectors import (
    OwnRound,
    initial_answers,
    non_respondents,
    open_round_of,
    own_rounds,
    round_of_pilot_or_none,
    rounds_of,
)
from .services import (
    AnswerInvalid,
    MeasurementError,
    NotAParticipant,
    RoundClosed,
    RoundInvalid,
    open_round,
    save_assessment,
)
from .stages import STAGE_EXPLANATIONS, SUBJECTS, Subject

__all__ = [
    "STAGE_EXPLANATIONS",
    "SUBJECTS",
    "AnswerInvalid",
    "MeasurementError",
    "NotAParticipant",
    "OwnRound",
    "RoundClosed",
    "RoundInvalid",
    "Subject",
    "initial_answers",
    "non_respondents",
    "open_round",
    "open_round_of",
    "own_rounds",
    "round_of_pilot_or_none",
    "rounds_of",
    "save_assessment",
]
