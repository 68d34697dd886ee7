"""Five small organisations beside Diversion, so the library and the benchmark show real content.

Each has a pilot with a coach, a director and six participants, a closed baseline and a closed
follow-up, two experiments with an approved ethics review and approved lessons (the cases of its
informatiepakket), its package shared in the library, its contact form on, and its results in
the benchmark. Diversion joins the benchmark too, so its director sees all four dimensions.
Their people cannot log in (no password) and have addresses under demo.example that no page
shows. Idempotent: an organisation that already has its pilot is left as it is.
"""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from learning.demo import demo_themes

from ..accounts.demo import DemoPilot
from ..models import (
    AssessmentAnswer,
    Dimension,
    MaturityAssessment,
    MeasurementRound,
    Membership,
    Organisation,
    Proeftuin,
    Role,
    User,
)
from ..months import add_months
from . import services

DA, LC, PO, PV = (
    Dimension.DATA_ANALYSIS,
    Dimension.LEARNING_AND_CHANGE,
    Dimension.PEOPLE_AND_ORGANISATION,
    Dimension.PUBLIC_VALUE,
)
GOOD, PITFALL = "good_practice", "pitfall"


@dataclass(frozen=True)
class Case:
    title: str
    question: str
    data_used: str
    affected: str
    not_want_to_know: str
    outcome: str
    lessons: tuple  # (kind, dimension, text)


@dataclass(frozen=True)
class Peer:
    slug: str
    name: str
    pilot: str
    purpose: str
    baseline: dict  # dimension -> the stage the group starts around
    moved: dict  # dimension -> how far it moved by the follow-up
    cases: tuple


# How the library describes each peer: two chose to be named, three are known by sector and size.
LIBRARY_DESCRIPTION = {
    "jongerenwerk-de-brug": ("youth", "10-50", False),
    "werkpad-reintegratie": ("social_enterprise", "50-250", True),
    "schoon-en-sociaal": ("social_enterprise", "10-50", False),
    "fietswerkplaats-het-wiel": ("social_enterprise", "1-10", True),
    "zorgcooperatie-samen": ("care_and_welfare", "10-50", False),
}


PEERS = (
    Peer(
        "jongerenwerk-de-brug",
        "Stichting Jongerenwerk De Brug",
        "Proeftuin zorgvuldig met gegevens",
        "Jongerenwerkers leren wat ze wel en niet willen weten over de jongeren in hun "
        "programma's, en hoe ze cijfers gebruiken zonder iemand te schaden.",
        {DA: 1, LC: 2, PO: 2, PV: 2},
        {DA: 1, LC: 1, PO: 0, PV: 1},
        (
            Case(
                "Privacy in het jongerenprogramma",
                "Welke gegevens over deelnemers aan ons jongerenprogramma hebben we echt nodig "
                "om te weten of het programma werkt?",
                "Aanwezigheid per bijeenkomst en een korte vragenlijst aan het eind, zonder namen.",
                "Jongeren van 14 tot 21 jaar in het programma en hun ouders.",
                "Thuissituatie, schoolcijfers en contacten met politie of jeugdzorg.",
                "We schrapten drie van de acht velden uit het inschrijfformulier. De vragenlijst "
                "zonder namen gaf genoeg om het programma bij te sturen.",
                (
                    (GOOD, PV, "Vraag bij elk veld: wat doen we ermee als we het weten?"),
                    (
                        PITFALL,
                        PV,
                        "Een gedeelde lijst met namen blijft langer bestaan dan je denkt.",
                    ),
                ),
            ),
            Case(
                "Opkomst per avond",
                "Op welke avonden komen de meeste jongeren naar het buurthuis?",
                "Turven bij de deur, per avond, zonder namen.",
                "Bezoekers van het buurthuis.",
                "Wie er precies kwam.",
                "Dinsdag en vrijdag zijn het drukst; de woensdag verschuift naar de middag.",
                ((GOOD, DA, "Turven zonder namen is genoeg om een rooster te kiezen."),),
            ),
        ),
    ),
    Peer(
        "werkpad-reintegratie",
        "Werkpad Re-integratie",
        "Proeftuin slimmer begeleiden",
        "Jobcoaches onderzoeken met eigen gegevens welke begeleiding mensen sneller en "
        "duurzamer aan werk helpt.",
        {DA: 2, LC: 2, PO: 1, PV: 3},
        {DA: 1, LC: 0, PO: 1, PV: 0},
        (
            Case(
                "Wat helpt bij een duurzame plaatsing?",
                "Blijven mensen langer in hun baan als de jobcoach de eerste maand wekelijks "
                "langskomt?",
                "Start- en einddatum van plaatsingen en het aantal bezoeken, zonder namen.",
                "Kandidaten die we de afgelopen twee jaar plaatsten.",
                "Redenen van uitval die iets over iemands gezondheid zeggen.",
                "Wekelijks langskomen hing samen met langer blijven, maar de groep is klein: "
                "we blijven het een half jaar volgen.",
                (
                    (GOOD, DA, "Spreek vooraf af wanneer je iets een verschil noemt."),
                    (PITFALL, LC, "Een klein verschil in een kleine groep is nog geen bewijs."),
                ),
            ),
            Case(
                "Wachttijd voor het eerste gesprek",
                "Hoe lang wachten nieuwe kandidaten op hun eerste gesprek?",
                "Aanmelddatum en datum van het eerste gesprek.",
                "Nieuwe kandidaten.",
                "Wie er lang moest wachten.",
                "Gemiddeld elf dagen; met een vaste intakedag werd het zes.",
                ((GOOD, PO, "Laat de cijfers zien aan wie het werk doet, voordat je besluit."),),
            ),
        ),
    ),
    Peer(
        "schoon-en-sociaal",
        "Schoon & Sociaal",
        "Proeftuin data op de werkvloer",
        "Een schoonmaakbedrijf waar iedereen een kans krijgt, leert roosters en routes met "
        "gegevens te verbeteren samen met de medewerkers.",
        {DA: 1, LC: 1, PO: 2, PV: 2},
        {DA: 1, LC: 1, PO: 1, PV: 0},
        (
            Case(
                "Routes langs de kantoren",
                "Kunnen we de routes tussen de kantoren zo plannen dat ploegen minder reistijd "
                "hebben?",
                "Adressen van de opdrachtgevers en de geplande tijden per ploeg.",
                "De schoonmaakploegen.",
                "Waar medewerkers wonen en hoe snel ieder werkt.",
                "Twee routes omgelegd: een half uur minder reistijd per ploeg per dag.",
                (
                    (GOOD, PO, "Teken de route samen met de ploeg; zij kennen de omwegen."),
                    (PITFALL, DA, "Een planning op papier vergeet de sleutel die je moet halen."),
                ),
            ),
            Case(
                "Klachten per locatie",
                "Bij welke locaties komen de meeste klachten binnen, en waarover?",
                "Klachten uit de mailbox, per locatie en onderwerp.",
                "Opdrachtgevers en ploegen.",
                "Welke medewerker er op dat moment was.",
                "Eén locatie gaf de helft van de klachten: de afspraken waren onduidelijk.",
                ((GOOD, PV, "Kijk naar de afspraak voordat je naar de mensen kijkt."),),
            ),
        ),
    ),
    Peer(
        "fietswerkplaats-het-wiel",
        "Fietswerkplaats Het Wiel",
        "Proeftuin meten is weten",
        "Een fietsenwerkplaats voor mensen met afstand tot werk leert met eenvoudige cijfers "
        "zien waar de tijd en de onderdelen blijven.",
        {DA: 2, LC: 1, PO: 1, PV: 2},
        {DA: 1, LC: 1, PO: 1, PV: 1},
        (
            Case(
                "Waar blijven de onderdelen?",
                "Welke onderdelen raken het snelst op, en kunnen we die op tijd bestellen?",
                "Uitgiftelijst van onderdelen per week.",
                "De monteurs en de inkoper.",
                "Wie welke onderdelen pakte.",
                "Met een wekelijkse turflijst zijn we geen binnenbanden meer tekort gekomen.",
                (
                    (GOOD, DA, "Begin met één lijst op papier; een spreadsheet komt later."),
                    (PITFALL, LC, "Een lijst die niemand terugziet, wordt niet meer ingevuld."),
                ),
            ),
            Case(
                "Reparatietijd per soort klus",
                "Hoe lang duurt een reparatie echt, per soort klus?",
                "Begin- en eindtijd per klus op de werkbon.",
                "Monteurs en klanten.",
                "Hoe snel een bepaalde monteur werkt.",
                "De schattingen aan de balie kloppen nu beter; klanten wachten minder lang.",
                ((PITFALL, PO, "Tijden per persoon voelen als controle; meet per soort klus."),),
            ),
        ),
    ),
    Peer(
        "zorgcooperatie-samen",
        "Zorgcoöperatie Samen",
        "Proeftuin samen leren van gegevens",
        "Zelfstandige zorgverleners in een coöperatie leren samen wat hun gegevens zeggen over "
        "de zorg die ze geven, zonder cliënten in beeld te brengen.",
        {DA: 2, LC: 3, PO: 2, PV: 3},
        {DA: 0, LC: 1, PO: 1, PV: 1},
        (
            Case(
                "Reistijd tussen cliënten",
                "Hoeveel van de dag gaat op aan reizen, en helpt een andere indeling van de wijk?",
                "Geplande bezoeken per dag en de reistijd ertussen, zonder cliëntgegevens.",
                "Zorgverleners van de coöperatie.",
                "Welke zorg een cliënt krijgt.",
                "Een nieuwe wijkindeling scheelt ieder ruim drie uur reistijd per week.",
                (
                    (GOOD, LC, "Bespreek elke maand één cijfer samen, niet tien tegelijk."),
                    (PITFALL, PV, "Ook zonder namen kan een adres een cliënt verraden."),
                ),
            ),
            Case(
                "Tevredenheid na de eerste maand",
                "Hoe tevreden zijn nieuwe cliënten na de eerste maand?",
                "Een korte vragenlijst zonder namen na vier weken.",
                "Nieuwe cliënten en hun mantelzorgers.",
                "Wie welk antwoord gaf.",
                "Tevreden over de zorg, minder over de bereikbaarheid: we maakten een vast "
                "belmoment.",
                ((GOOD, PV, "Vraag ook wat mensen níet willen dat je met hun antwoord doet."),),
            ),
        ),
    ),
)
PARTICIPANTS = 6


def seed(pilot: DemoPilot) -> None:
    """The five peers, and Diversion in the benchmark; a second run changes nothing."""
    for peer in PEERS:
        _seed_peer(peer, pilot.today)
    services.join_benchmark(proeftuin=pilot.proeftuin, actor=pilot.director.user)


def _user(email: str, full_name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, full_name=full_name)
        user.set_unusable_password()  # their data needs a person, not a login
        user.save()
    return user


def _member(proeftuin, role, email, name) -> Membership:
    membership, _created = Membership.objects.get_or_create(
        user=_user(email, name),
        proeftuin=proeftuin,
        defaults={
            "role": role,
            "joined_at": timezone.make_aware(datetime.combine(proeftuin.starts_on, time(9))),
        },
    )
    return membership


@transaction.atomic
def _seed_peer(peer: Peer, today) -> None:
    from ..toolkit import library

    organisation, _created = Organisation.objects.get_or_create(
        slug=peer.slug, defaults={"name": peer.name}
    )
    if Proeftuin.objects.filter(organisation=organisation).exists():
        return
    starts_on = add_months(today, -7)
    proeftuin = Proeftuin.objects.create(
        organisation=organisation,
        name=peer.pilot,
        purpose=peer.purpose,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=365),
    )
    rng = random.Random(peer.slug)
    coach = _member(proeftuin, Role.COACH, f"coach.{peer.slug}@demo.example", "Coach")
    director = _member(proeftuin, Role.DIRECTOR, f"directeur.{peer.slug}@demo.example", "Directeur")
    participants = [
        _member(
            proeftuin,
            Role.PARTICIPANT,
            f"deelnemer{n}.{peer.slug}@demo.example",
            f"Deelnemer {n}",
        )
        for n in range(1, PARTICIPANTS + 1)
    ]
    baseline = MeasurementRound.objects.create(
        proeftuin=proeftuin,
        kind=MeasurementRound.Kind.BASELINE,
        title="Nulmeting",
        opens_on=starts_on + timedelta(days=7),
        closes_on=starts_on + timedelta(days=21),
    )
    follow_up = MeasurementRound.objects.create(
        proeftuin=proeftuin,
        kind=MeasurementRound.Kind.FOLLOW_UP,
        title="Vervolgmeting",
        opens_on=today - timedelta(days=40),
        closes_on=today - timedelta(days=26),
    )
    for measurement_round, shift in ((baseline, False), (follow_up, True)):
        _answers(measurement_round, participants, peer, rng, shift)
    for number, case in enumerate(peer.cases):
        _case(case, participants[number], coach, starts_on, today, peer)
    sector, size_band, named = LIBRARY_DESCRIPTION[peer.slug]
    library.describe_organisation(
        proeftuin=proeftuin, actor=director.user, named=named, sector=sector, size_band=size_band
    )
    library.share(proeftuin=proeftuin, actor=director.user)
    services.join_benchmark(proeftuin=proeftuin, actor=director.user)
    services.set_contact_point(proeftuin=proeftuin, actor=director.user, role="coach", is_open=True)


def _answers(measurement_round, participants, peer: Peer, rng, shift: bool) -> None:
    answers = []
    for membership in participants:
        assessment = MaturityAssessment.objects.create(
            membership=membership, round=measurement_round
        )
        for dimension in Dimension:
            centre = peer.baseline[dimension] + (peer.moved[dimension] if shift else 0)
            for subject in ("organisation", "self"):
                stage = min(5, max(1, centre + rng.choice([-1, 0, 0, 0, 1])))
                answers.append(
                    AssessmentAnswer(
                        assessment=assessment, dimension=dimension, subject=subject, stage=stage
                    )
                )
    AssessmentAnswer.objects.bulk_create(answers)


def _case(case: Case, owner: Membership, coach: Membership, starts_on, today, peer: Peer) -> None:
    from learning import services as learning
    from learning.models import Experiment

    from ..toolkit import review

    planned_start = starts_on + timedelta(days=45)
    experiment = learning.save_experiment(
        owner=owner,
        title=case.title,
        question=case.question,
        data_used=case.data_used,
        planned_start=planned_start,
        planned_end=min(today, planned_start + timedelta(days=60)),
        status=Experiment.Status.PLANNED,
    )
    learning.save_ethics_answers(
        owner=owner,
        experiment=experiment,
        affected=case.affected,
        understanding_and_consent="We leggen vooraf in gewone taal uit wat we doen; "
        "meedoen is vrijwillig.",
        personal_data=case.data_used,
        not_want_to_know=case.not_want_to_know,
        retention_and_access="Alleen het team kan erbij; we wissen de gegevens na afloop.",
        automated_decisions="Nee, we kijken alleen naar totalen.",
        comfortable_reading="Ja, we lieten het lezen aan mensen om wie het gaat.",
    )
    learning.submit_ethics_review(owner=owner, experiment=experiment)
    learning.decide_ethics_review(
        reviewer=coach, experiment=experiment, decision="approved", note="Zorgvuldig opgezet."
    )
    experiment = learning.save_experiment(
        owner=owner, experiment=experiment, status=Experiment.Status.DONE, outcome=case.outcome
    )
    for kind, dimension, text in case.lessons:
        lesson = learning.add_lesson(
            experiment=experiment, author=owner, kind=kind, dimension=dimension, text=text
        )
        # The stage the group reached on the lesson's dimension, as the coach would file it.
        stage = peer.baseline[dimension] + peer.moved[dimension]
        review.approve_lesson(
            lesson=lesson,
            toolkit_text=text,
            kind=kind,
            dimension=dimension,
            stage=stage,
            themes=demo_themes(dimension),
        )
