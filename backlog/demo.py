"""Demo questions: where the demo's first experiment came from, and what the pilot asks next."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from learning.models import Experiment

from . import services
from .models import Question, QuestionComment, Support

# (proposer number, text, asked by, why, theme, priority, supporter numbers, comment)
QUESTIONS = [
    (
        4,
        "Is het op maandagochtend echt drukker aan de balie?",
        "het baliteam",
        "We zetten op maandag een extra collega in, maar niemand weet of dat nodig is. "
        "Met een antwoord plannen we eerlijker.",
        "Drukte en planning",
        1,
        [1, 2, 6, 9],
        "Ook de telefoon is op maandag druk; neem die mee?",
    ),
    (
        9,
        "Wanneer willen mensen eigenlijk komen?",
        "team planning",
        "Onze openingstijden zijn twintig jaar oud. Als we weten wanneer mensen willen komen, "
        "kunnen we de tijden daarop afstemmen.",
        "Drukte en planning",
        2,
        [3, 4, 8],
        "Vraag het ook aan mensen die nu niet komen.",
    ),
    (
        8,
        "Lezen klanten onze brieven tot het einde?",
        "de afdeling communicatie",
        "We krijgen veel vragen over dingen die al in de brief staan.",
        "Klantcontact",
        3,
        [10],
        "",
    ),
    (
        10,
        "Hoeveel tijd kost het maandelijkse rapport ons echt?",
        "de teamleiders",
        "Iedereen klaagt erover, maar niemand weet hoeveel uur het is.",
        "",
        None,
        [],
        "",
    ),
]


def _at(day, hour=11):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@transaction.atomic
def seed(pilot) -> None:
    proeftuin, members = pilot.proeftuin, pilot.participants
    if Question.objects.filter(proeftuin=proeftuin).exists():
        return
    first = (
        Experiment.objects.filter(owner__proeftuin=proeftuin, origin__isnull=True)
        .order_by("created_at", "pk")
        .first()
    )
    for index, (number, text, asked_by, why, theme, priority, supporters, comment) in enumerate(
        QUESTIONS
    ):
        question = services.propose_question(
            member=members[number - 1], text=text, asked_by=asked_by, why=why
        )
        asked_on = (
            first.planned_start - timedelta(days=21)
            if index == 0 and first
            else pilot.today - timedelta(days=30 - 7 * index)
        )
        Question.objects.filter(pk=question.pk).update(created_at=_at(asked_on))
        for supporter in supporters:
            services.support_question(member=members[supporter - 1], question=question)
        Support.objects.filter(question=question).update(created_at=_at(asked_on, 14))
        if comment:
            note = services.comment_on_question(
                member=members[(number % len(members))], question=question, text=comment
            )
            QuestionComment.objects.filter(pk=note.pk).update(created_at=_at(asked_on, 15))
        if theme or priority:
            services.arrange_question(
                coach=pilot.coach, question=question, theme=theme, priority=priority
            )
        if index == 0 and first is not None:
            # The demo's first experiment (its review asked for changes, then approved it, and
            # it runs) answers the baliteam's question: its case tells whose question it was.
            first.origin = question
            first.save(update_fields=["origin"])
