"""The questions of the ethics review, each with a plain prompt and an example answer.

A ticked box says little about whether people understand what they give away; these questions
ask the owner to write it out, and a second person (the coach or an appointed reviewer) reads
it. The keys are the answer fields of `learning.models.EthicsReview`.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Question:
    key: str
    label: Promise
    prompt: Promise
    example: Promise


QUESTIONS: tuple[Question, ...] = (
    Question(
        "affected",
        _("Om wie gaat het?"),
        _(
            "Over wie gaan de gegevens, en wie merkt iets van het experiment? Denk aan "
            "collega's, klanten, jongeren en mensen die er niet zelf bij zijn."
        ),
        _("Bezoekers van de balie op maandag- en donderdagochtend; de baliemedewerkers zelf."),
    ),
    Question(
        "understanding_and_consent",
        _("Begrijpen zij wat je vraagt, en hoe vraag je toestemming?"),
        _(
            "Een vinkje is nog geen begrip. Hoe leg je uit wat je doet, in woorden die zij "
            "gebruiken? Hoe kunnen zij nee zeggen, ook later nog?"
        ),
        _(
            "Een kaartje bij de balie in gewone taal; wie niet mee wil doen zegt het, en dan "
            "noteren we die bezoeker niet."
        ),
    ),
    Question(
        "personal_data",
        _("Welke persoonsgegevens gebruik je, en waarom is elk daarvan nodig?"),
        _(
            "Noem elk gegeven apart met de reden. Kun je de vraag ook beantwoorden zonder? "
            "Laat het dan weg."
        ),
        _(
            "Alleen het tijdstip van binnenkomst en van geholpen worden; geen namen, want die "
            "zijn niet nodig om de wachttijd te meten."
        ),
    ),
    Question(
        "not_want_to_know",
        _("Wat willen we bewust níet weten?"),
        _(
            "Wat zou je uit deze gegevens kunnen afleiden, maar wil je juist niet weten of "
            "gebruiken?"
        ),
        _("Welke collega sneller of langzamer helpt."),
    ),
    Question(
        "retention_and_access",
        _("Hoe lang bewaren we het, en wie kan het zien?"),
        _("Waar staan de gegevens, wie kan erbij, en wanneer gooi je ze weg?"),
        _(
            "In een map van het team, alleen voor ons tweeën; we wissen de lijst zes weken na "
            "het einde van het experiment."
        ),
    ),
    Question(
        "automated_decisions",
        _("Beslist een algoritme of score iets over een persoon?"),
        _(
            "Maakt een rekenregel, model of score een keuze over iemand, of helpt die een mens "
            "kiezen? Hoe leg je dat uit aan wie het betreft?"
        ),
        _("Nee: we tellen alleen gemiddelden per dagdeel; niemand krijgt een score."),
    ),
    Question(
        "comfortable_reading",
        _("Zouden de mensen om wie het gaat dit prettig vinden om te lezen?"),
        _(
            "Stel je voor dat zij dit hele plan lezen. Wat zouden ze ervan vinden? Wat zou je "
            "dan anders doen?"
        ),
        _(
            "Ja, denken we: het gaat om hun wachttijd, niet om henzelf. We vragen twee "
            "collega's van de balie om mee te lezen."
        ),
    ),
)

KEYS: tuple[str, ...] = tuple(question.key for question in QUESTIONS)


def question(key: str) -> Question:
    return next(q for q in QUESTIONS if q.key == key)
