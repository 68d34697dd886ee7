"""Demo: the steering group's principles, the sponsor's message, and who holds which task."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from learning import services as learning_services
from learning.models import EthicsReview, Experiment
from proeftuin.accounts import services as account_services
from proeftuin.models import Membership, Role, User

from . import services
from .models import CharterVersion, Principle, SponsorMessage

STEERING_EMAIL = "steering@demo.example"
# participant6 reviews ethics (no experiment of their own or shared), participant3 carries
# successes (their stock-count experiment has an approved lesson to propose).
REVIEWER_NUMBER, AMBASSADOR_NUMBER = 6, 3

FIRST = """We vragen alleen gegevens die we echt nodig hebben, en zeggen waarom.
Niemand wordt op een score of een ranglijst beoordeeld.
Wie het aangaat, mag meelezen voordat we beginnen."""

SECOND = (
    FIRST
    + """
Wat we bewust niet willen weten, schrijven we op, en daar houden we ons aan.
Gegevens over klanten en jongeren blijven binnen het team en gaan weg na het experiment."""
)

# The owner's answers to the review that waits for the reviewer, where the demo left them open.
WAITING_ANSWERS = {
    "affected": "De collega's van alle teams; over hen gaat het verzuim.",
    "understanding_and_consent": "We leggen het uit in het teamoverleg; we gebruiken alleen "
    "totalen per team, dus toestemming per persoon is niet nodig.",
    "personal_data": "Het aantal verzuimdagen per team per maand, zonder namen.",
    "not_want_to_know": "Wie er ziek was, en waarom.",
    "retention_and_access": "Alleen de teamleiders en wij; we wissen het na het experiment.",
    "automated_decisions": "Nee, niemand krijgt een score; we kijken naar teams, niet naar mensen.",
    "comfortable_reading": "We denken het wel, maar een klein team is snel herkenbaar; "
    "daarom vragen we een tweede blik.",
}


def _steering_member(pilot) -> Membership:
    user, created = User.objects.get_or_create(
        email=STEERING_EMAIL, defaults={"full_name": "Ilse de Boer"}
    )
    if created:
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    membership = Membership.objects.filter(user=user, proeftuin=pilot.proeftuin).first()
    if membership is None:
        membership = account_services.grant_membership(
            user=user, proeftuin=pilot.proeftuin, role=Role.STEERING
        )
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(
            user=user, name="Demo", key=settings.DEMO_TOTP_KEY, confirmed=True
        )
    return membership


@transaction.atomic
def seed(pilot) -> None:
    proeftuin, members = pilot.proeftuin, pilot.participants
    steering = _steering_member(pilot)
    if CharterVersion.objects.filter(proeftuin=proeftuin).exists():
        return
    services.appoint(
        coach=pilot.coach, member=members[REVIEWER_NUMBER - 1], is_ethics_reviewer=True
    )
    services.appoint(coach=pilot.coach, member=members[AMBASSADOR_NUMBER - 1], is_ambassador=True)
    services.agree_version(
        editor=steering, principles=FIRST, agreed_on=proeftuin.starts_on + timedelta(days=7)
    )
    second = services.agree_version(
        editor=steering, principles=SECOND, agreed_on=proeftuin.starts_on + timedelta(days=60)
    )
    reviews = EthicsReview.objects.filter(
        experiment__owner__proeftuin=proeftuin, state=EthicsReview.State.APPROVED
    ).order_by("decided_at", "pk")
    for review in reviews:
        # Each approved review touches the first principle; the first one also the fifth.
        numbers = [1, 5] if review == reviews.first() else [1]
        for principle in Principle.objects.filter(charter=second, number__in=numbers):
            principle.reviews.add(review)
    services.post_sponsor_message(
        director=pilot.director,
        text="Leren werken met data is gewoon werk: neem er de tijd voor, ook als het druk is. "
        "Ik lees jullie succesverhalen graag.",
    )
    SponsorMessage.objects.filter(proeftuin=proeftuin).update(
        written_on=proeftuin.starts_on + timedelta(days=3)
    )
    # One review waits, so the appointed reviewer has something to read (the journey's start).
    planned = (
        Experiment.objects.filter(
            owner__proeftuin=proeftuin,
            status=Experiment.Status.PLANNED,
            ethics_review__state=EthicsReview.State.DRAFT,
        )
        .exclude(owner=members[REVIEWER_NUMBER - 1])
        .exclude(co_members=members[REVIEWER_NUMBER - 1])
        .select_related("ethics_review", "owner")
        .order_by("pk")
    )
    waiting = planned.first()
    if waiting is not None:
        missing = {
            key: text
            for key, text in WAITING_ANSWERS.items()
            if not getattr(waiting.ethics_review, key).strip()
        }
        learning_services.save_ethics_answers(owner=waiting.owner, experiment=waiting, **missing)
        learning_services.submit_ethics_review(owner=waiting.owner, experiment=waiting)
