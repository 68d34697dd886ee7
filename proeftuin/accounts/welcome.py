"""The first-run welcome: per role, three sentences and the first thing to do.

Shown on the role's home page until the person dismisses it (`Membership.welcome_dismissed_at`,
set by `services.dismiss_welcome`) or has taken the first step it names (a participant's first
goal, the pilot's first session); a person with two pilots sees it once in each, since their role
and their first step differ.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from learning.models import SkillGoal
from workshops.models import Session

from ..models import Membership, Role


@dataclass(frozen=True)
class Welcome:
    heading: str
    sentences: list[str]
    action: str
    action_url: str


def welcome_for(membership: Membership) -> Welcome | None:
    """The welcome this member sees on their home page, or None once dismissed."""
    if membership.welcome_dismissed_at is not None:
        return None
    pilot = membership.proeftuin_id
    if membership.role == Role.PARTICIPANT:
        if SkillGoal.objects.filter(membership=membership).exists():
            return None
        return Welcome(
            heading=_("Welkom in de proeftuin"),
            sentences=[
                _("Hier houd je bij wat je leert over werken met gegevens."),
                _(
                    "Je kiest zelf een leerdoel, legt vast wat je doet (een workshop, een "
                    "artikel, een gesprek met een collega) en ziet hoe je groeit."
                ),
                _(
                    "De directeur ziet alleen cijfers over de hele groep, nooit jouw naam, "
                    "tenzij je dat zelf kiest."
                ),
            ],
            action=_("Stel je eerste leerdoel"),
            action_url=reverse("learning:goal-create", args=[pilot]),
        )
    if membership.role == Role.COACH:
        if Session.objects.filter(proeftuin_id=pilot).exists():
            return None
        return Welcome(
            heading=_("Welkom, coach"),
            sentences=[
                _("Als coach plan je de bijeenkomsten en volg je iedere deelnemer."),
                _(
                    "Plan je eerste bijeenkomst: deelnemers krijgen dan een uitnodiging en op "
                    "tijd een herinnering."
                ),
                _("Wie stil valt of achterloopt met een leerdoel, zie je op deze pagina."),
            ],
            action=_("Plan je eerste bijeenkomst"),
            action_url=reverse("workshops:session-create", args=[pilot]),
        )
    if membership.role in (Role.DIRECTOR, Role.STEERING):
        return Welcome(
            heading=_("Welkom bij het overzicht"),
            sentences=[
                _("Dit overzicht laat in één oogopslag zien hoe de proeftuin loopt."),
                _(
                    "U ziet cijfers over de groep; een cijfer over te weinig mensen tonen we "
                    "niet, zodat niemand herkenbaar is."
                ),
                _("Deelnemers kunnen zelf kiezen hun voortgang op naam met u te delen."),
            ],
            action=_("Bekijk het overzicht"),
            action_url=reverse("proeftuin:overview", args=[pilot]) + "#h-participation",
        )
    if membership.role == Role.EXPERT:
        return Welcome(
            heading=_("Welkom als deskundige van buiten"),
            sentences=[
                _("De proeftuin vraagt u mee te kijken naar een praktijkexperiment."),
                _("U ziet alleen de ethische toetsen waarvoor u bent uitgenodigd."),
                _("Uw vragen en opmerkingen helpen de deelnemers zorgvuldig te werken."),
            ],
            action=_("Bekijk wat op u wacht"),
            action_url=reverse("learning:ethics-inbox", args=[pilot]),
        )
    return None
