"""Maturity measurement: rounds a coach opens, answers participants give, and their reminders.

`services` writes (open a round, save an answer, a coach's advice), `selectors` reads, `stages`
holds the stage texts, `advice` the advice per dimension and stage, `reminders` the round-opened
and round-closing planners. The public names are re-exported here, so callers write
`from proeftuin import measurement`.
"""

from .advice import (
    Advice,
    AdviceAction,
    Carrier,
    advice_for,
    advice_table,
    default_advice,
    text_language,
)
from .selectors import (
    OwnRound,
    first_unanswered,
    initial_answers,
    non_respondents,
    open_round_of,
    own_rounds,
    round_of_pilot_or_none,
    rounds_of,
    step_answers,
)
from .services import (
    AdviceInvalid,
    AnswerInvalid,
    MeasurementError,
    NotAParticipant,
    RoundClosed,
    RoundInvalid,
    close_round,
    open_round,
    reset_stage_advice,
    save_assessment,
    save_stage_advice,
    save_step,
)
from .stages import STAGE_EXPLANATIONS, SUBJECTS, Subject

__all__ = [
    "STAGE_EXPLANATIONS",
    "SUBJECTS",
    "Advice",
    "AdviceAction",
    "AdviceInvalid",
    "AnswerInvalid",
    "Carrier",
    "MeasurementError",
    "NotAParticipant",
    "OwnRound",
    "RoundClosed",
    "RoundInvalid",
    "Subject",
    "advice_for",
    "advice_table",
    "close_round",
    "default_advice",
    "first_unanswered",
    "initial_answers",
    "non_respondents",
    "open_round",
    "open_round_of",
    "own_rounds",
    "reset_stage_advice",
    "round_of_pilot_or_none",
    "rounds_of",
    "save_assessment",
    "save_stage_advice",
    "save_step",
    "step_answers",
    "text_language",
]
