"""The toolkit (informatiepakket), one module per question: what may leave the pilot (anonymity),
what the coach approved (review), what it contains (contents), as which files (formats) and who can
open it without an account (public_link).

The public names are re-exported here, so callers write `from proeftuin import toolkit`.
"""

from .anonymity import EMAIL, identifying_words, member_identifiers, redactor_for
from .contents import DimensionLessons, Figures, Toolkit, Topic, build, headline_figures
from .formats import as_html_file, as_markdown, as_pdf
from .public_link import public_pilot_or_404, publish, revoke
from .review import (
    LessonNotAnonymous,
    approve_lesson,
    lesson_for_review_or_404,
    lessons_for_review,
    send_back_to_draft,
)

__all__ = [
    "EMAIL",
    "DimensionLessons",
    "Figures",
    "LessonNotAnonymous",
    "Toolkit",
    "Topic",
    "approve_lesson",
    "as_html_file",
    "as_markdown",
    "as_pdf",
    "build",
    "headline_figures",
    "identifying_words",
    "lesson_for_review_or_404",
    "lessons_for_review",
    "member_identifiers",
    "public_pilot_or_404",
    "publish",
    "redactor_for",
    "revoke",
    "send_back_to_draft",
]
