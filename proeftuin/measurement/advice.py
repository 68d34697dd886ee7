# ruff: noqa: E501  (one readable line per text)
"""Advice per dimension and stage: what the stage looks like, what the next one asks, actions.

The defaults are source texts (Dutch, English in the catalogue), so every organisation starts
with the same advice; a coach may rewrite a cell for their organisation (`StageAdvice`), in Dutch, English or
both, and a field they leave empty, or a language they did not write in, falls back to the
default. Each default action names the catalogue
skills it builds (by `Skill.key`) and the kind of session or experiment that practises it.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..accounts import language
from ..models import Dimension, Organisation, Stage, StageAdvice


class Carrier(models.TextChoices):
    """What carries an action out: a kind of session, or an on-the-job experiment."""

    WORKSHOP = "workshop", _("workshop")
    LUNCH_LECTURE = "lunch_lecture", _("lunchlezing")
    EXPERIMENT = "experiment", _("praktijkexperiment")


@dataclass(frozen=True)
class AdviceAction:
    text: str
    skills: tuple[str, ...] = ()
    carrier: str = ""

    @property
    def carrier_label(self) -> str:
        return Carrier(self.carrier).label if self.carrier else ""

    def skill_names(self, skills_by_key: dict) -> list[str]:
        """The names of the organisation's skills this action builds (those it still has)."""
        return [skills_by_key[key].display_name for key in self.skills if key in skills_by_key]


@dataclass(frozen=True)
class Advice:
    dimension: str
    stage: int
    looks_like: str
    next_asks: str
    actions: tuple[AdviceAction, ...]
    customised: bool = False

    @property
    def dimension_label(self) -> str:
        return Dimension(self.dimension).label

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label


MAX_ACTIONS = 5

# (dimension, stage) -> (what the stage looks like, what the next stage asks, actions).
_DEFAULTS = {
    (Dimension.DATA_ANALYSIS, Stage.LIMITING): (
        _(
            "Gegevens liggen verspreid in mappen en mailboxen. Niemand weet precies wat er is, en een beslissing rust op ervaring en gevoel."
        ),
        _(
            "De volgende fase vraagt nieuwsgierigheid: één vraag uit het werk kiezen en kijken of gegevens daar iets over zeggen."
        ),
        (
            (
                _("Maak samen een lijst van de gegevens die je al bijhoudt, en waar ze staan."),
                ("verzamelen-en-bewaren",),
                Carrier.WORKSHOP,
            ),
            (
                _("Kies één vraag uit het werkoverleg die je met cijfers zou willen beantwoorden."),
                ("onderzoeksvraag",),
                Carrier.WORKSHOP,
            ),
            (
                _("Organiseer een lunchlezing over wat een tabel wel en niet vertelt."),
                ("zorgvuldig-interpreteren",),
                Carrier.LUNCH_LECTURE,
            ),
        ),
    ),
    (Dimension.DATA_ANALYSIS, Stage.CURIOUS): (
        _(
            "Er is belangstelling: hier en daar telt iemand iets na of maakt een lijstje. Het blijft bij losse pogingen, zonder vaste vraag of plek."
        ),
        _(
            "De volgende fase vraagt overzicht: weten welke gegevens er zijn en ze bij belangrijke vragen ook echt bekijken."
        ),
        (
            (
                _("Spreek af dat het team elke maand één vraag met gegevens onderzoekt."),
                ("onderzoeksvraag",),
                Carrier.EXPERIMENT,
            ),
            (
                _("Houd één gedeeld register bij van waar welke gegevens bewaard worden."),
                ("verzamelen-en-bewaren",),
                Carrier.WORKSHOP,
            ),
            (
                _(
                    "Een lunchlezing over het eerlijk lezen van een tabel: kleine aantallen, toeval, gemiddelden."
                ),
                ("zorgvuldig-interpreteren",),
                Carrier.LUNCH_LECTURE,
            ),
            (
                _("Oefen samen met filteren en draaitabellen op een eigen bestand."),
                ("spreadsheet-analyse",),
                Carrier.WORKSHOP,
            ),
        ),
    ),
    (Dimension.DATA_ANALYSIS, Stage.AWARE): (
        _(
            "Het team weet welke gegevens er zijn en kijkt ernaar bij belangrijke vragen. De vraag komt soms pas achteraf, en uitkomsten blijven bij één persoon."
        ),
        _(
            "De volgende fase vraagt richting: eerst de vraag, dan gericht verzamelen, en de uitkomst samen bespreken."
        ),
        (
            (
                _(
                    "Schrijf bij elke analyse vooraf op welke vraag ze beantwoordt en wat je ermee gaat doen."
                ),
                (
                    "onderzoeksvraag",
                    "beslissen-met-data",
                ),
                Carrier.EXPERIMENT,
            ),
            (
                _(
                    "Maak afspraken over velden en schrijfwijzen, zodat gegevens van verschillende collega's te vergelijken zijn."
                ),
                ("verzamelen-en-bewaren",),
                Carrier.WORKSHOP,
            ),
            (
                _(
                    "Bespreek één grafiek per maand in het werkoverleg: wat zien we, wat zien we niet?"
                ),
                (
                    "visualiseren",
                    "zorgvuldig-interpreteren",
                ),
                Carrier.LUNCH_LECTURE,
            ),
        ),
    ),
    (Dimension.DATA_ANALYSIS, Stage.DRIVEN): (
        _(
            "Een analyse begint met een vraag, gegevens worden gericht verzameld en het team bespreekt de uitkomsten samen."
        ),
        _(
            "De volgende fase vraagt vanzelfsprekendheid: analyseren hoort bij het gewone werk, en iedereen kent de grenzen van de cijfers."
        ),
        (
            (
                _("Zet bij elke uitkomst erbij hoe zeker ze is en wat ze niet zegt."),
                ("zorgvuldig-interpreteren",),
                Carrier.WORKSHOP,
            ),
            (
                _("Laat een collega een analyse nadoen voordat er een besluit op volgt."),
                (
                    "spreadsheet-analyse",
                    "samenwerken-rond-data",
                ),
                Carrier.EXPERIMENT,
            ),
            (
                _(
                    "Verzamel de vragen en analyses van het jaar op één plek, zodat anderen erop verder kunnen."
                ),
                ("kennis-delen",),
                Carrier.LUNCH_LECTURE,
            ),
        ),
    ),
    (Dimension.DATA_ANALYSIS, Stage.SKILLED): (
        _(
            "Analyseren hoort bij het werk. Het team kent de grenzen van zijn cijfers en zegt het ook als een vraag met gegevens niet te beantwoorden is."
        ),
        _(
            "Er is geen fase hierna. Wat nu telt: bijhouden wat werkt, nieuwe collega's meenemen en anderen laten leren van jullie aanpak."
        ),
        (
            (
                _(
                    "Leer nieuwe collega's in hun eerste maand jullie manier van vragen stellen en analyseren."
                ),
                (
                    "kennis-delen",
                    "onderzoeksvraag",
                ),
                Carrier.WORKSHOP,
            ),
            (
                _(
                    "Kijk eens per jaar kritisch naar de cijfers die jullie altijd gebruiken: kloppen ze nog?"
                ),
                ("zorgvuldig-interpreteren",),
                Carrier.EXPERIMENT,
            ),
            (
                _("Geef een lunchlezing voor een andere organisatie over wat jullie leerden."),
                (
                    "verhaal-met-data",
                    "kennis-delen",
                ),
                Carrier.LUNCH_LECTURE,
            ),
        ),
    ),
    (Dimension.LEARNING_AND_CHANGE, Stage.LIMITING): (
        _(
            "Nieuwe werkwijzen roepen weerstand op. Er is geen tijd om iets uit te proberen, en een fout voelt als falen."
        ),
        _(
            "De volgende fase vraagt een opening: laten zien dat leren mag, met een eerste kleine stap die weinig kost."
        ),
        (
            (
                _(
                    "Vraag de directeur om in het werkoverleg te zeggen dat er tijd is om te leren, en hoeveel."
                ),
                ("kennis-delen",),
                Carrier.WORKSHOP,
            ),
            (
                _(
                    "Begin met één klein experiment van twee weken waarbij mislukken geen probleem is."
                ),
                ("experimenteren",),
                Carrier.EXPERIMENT,
            ),
            (
                _(
                    "Een lunchlezing waarin een collega vertelt over iets dat eerst misging en later lukte."
                ),
                ("kennis-delen",),
                Carrier.LUNCH_LECTURE,
            ),
        ),
    ),
    (Dimension.LEARNING_AND_CHANGE, Stage.CURIOUS): (
        _(
            "Mensen willen graag leren, maar het blijft bij losse initiatieven van enthousiaste collega's. Wat iemand leert, hoort de rest niet."
        ),
        _(
            "De volgende fase vraagt ritme: vaste tijd om te leren en een moment om terug te kijken op wat werkte."
        ),
        (
            (
                _("Zet een vaste maandelijkse leerbijeenkomst in de agenda."),
                ("kennis-delen",),
                Carrier.WORKSHOP,
            ),
            (
                _(
                    "Sluit elk experiment af met een kwartier terugkijken: wat werkte, wat niet, wat nu?"
                ),
                ("experimenteren",),
                Carrier.EXPERIMENT,
            ),
            (
                _("Laat iedereen één leerdoel kiezen en bespreek het eens per maand kort."),
                ("kennis-delen",),
                Carrier.WORKSHOP,
            ),
        ),
    ),
    (Dimension.LEARNING_AND_CHANGE, Stage.AWARE): (
        _(
            "Er is tijd om te leren en het team kijkt terug op wat werkt. Experimenten staan nog los van het dagelijkse werk."
        ),
        _(
            "De volgende fase vraagt durf: bewust nieuwe dingen uitproberen in het echte werk en de lessen met elkaar delen."
        ),
        (
            (
                _("Kies elk kwartaal één werkproces om met een experiment te verbeteren."),
                (
                    "experimenteren",
                    "beslissen-met-data",
                ),
                Carrier.EXPERIMENT,
            ),
            (
                _(
                    "Schrijf lessen op als goede praktijk of valkuil, zodat ze in het informatiepakket komen."
                ),
                ("kennis-delen",),
                Carrier.WORKSHOP,
            ),
            (
                _("Nodig een andere afdeling uit bij de presentatie van een experiment."),
                (
                    "samenwerken-rond-data",
                    "verhaal-met-data",
                ),
                Carrier.LUNCH_LECTURE,
            ),
        ),
    ),
    (Dimension.LEARNING_AND_CHANGE, Stage.DRIVEN): (
        _(
            "Het team probeert bewust nieuwe dingen uit in het werk en deelt de lessen. Het hangt nog af van een paar trekkers."
        ),
        _(
            "De volgende fase vraagt dat leren vanzelf gaat: iedereen stuurt bij, en een fout is een kans om beter te worden."
        ),
        (
            (
                _(
                    "Laat steeds een andere collega een experiment trekken, met een ervaren collega ernaast."
                ),
                (
                    "experimenteren",
                    "samenwerken-rond-data",
                ),
                Carrier.EXPERIMENT,
            ),
            (
                _(
                    "Bespreek eens per kwartaal samen een valkuil, zonder te zoeken wie het fout deed."
                ),
                ("kennis-delen",),
                Carrier.WORKSHOP,
            ),
            (
                _("Maak van de beste lessen een korte handleiding voor nieuwe collega's."),
                (
                    "kennis-delen",
                    "verhaal-met-data",
                ),
                Carrier.LUNCH_LECTURE,
            ),
        ),
    ),
    (Dimension.LEARNING_AND_CHANGE, Stage.SKILLED): (
        _("Leren en bijsturen gaan vanzelf. Fouten worden gedeeld en gebruikt om beter te worden."),
        _(
            "Er is geen fase hierna. Wat nu telt: het ritme vasthouden als het druk wordt, en anderen laten meekijken."
        ),
        (
            (
                _("Houd de leertijd ook in drukke maanden vast en spreek dat uit."),
                ("kennis-delen",),
                Carrier.WORKSHOP,
            ),
            (
                _("Doe een experiment samen met een ketenpartner of een andere organisatie."),
                (
                    "experimenteren",
                    "samenwerken-rond-data",
                ),
                Carrier.EXPERIMENT,
            ),
            (
                _("Publiceer het informatiepakket zodat andere organisaties ervan leren."),
                ("kennis-delen",),
                Carrier.LUNCH_LECTURE,
            ),
        ),
    ),
    (Dimension.PEOPLE_AND_ORGANISATION, Stage.LIMITING): (
        _(
            "Data is iets voor specialisten of de ICT-afdeling. De meeste collega's voelen zich er niet bij betrokken en weten niet bij wie ze terechtkunnen."
        ),
        _(
            "De volgende fase vraagt een paar mensen die het oppakken, en leiding die laat zien dat het ertoe doet."
        ),
        (
            (
                _("Vraag de directeur om aanjager te zijn: in woorden en met tijd en geld."),
                ("beslissen-met-data",),
                Carrier.WORKSHOP,
            ),
            (
                _(
                    "Zoek twee of drie collega's die nieuwsgierig zijn en geef ze tijd om te beginnen."
                ),
                ("samenwerken-rond-data",),
                Carrier.EXPERIMENT,
            ),
            (
                _(
                    "Een lunchlezing met een voorbeeld uit het eigen werk, verteld door een collega van de werkvloer."
                ),
                ("verhaal-met-data",),
                Carrier.LUNCH_LECTURE,
            ),
        ),
    ),
    (Dimension.PEOPLE_AND_ORGANISATION, Stage.CURIOUS): (
        _(
            "Een paar collega's pakken data op, anderen kijken belangstellend mee. Wie wat doet is nog niet afgesproken."
        ),
        _(
            "De volgende fase vraagt duidelijkheid: wie doet wat met data, en bij wie kun je terecht met een vraag?"
        ),
        (
            (
                _(
                    "Spreek af wie het aanspreekpunt voor datavragen is, en laat dat iedereen weten."
                ),
                ("samenwerken-rond-data",),
                Carrier.WORKSHOP,
            ),
            (
                _("Laat collega's in tweetallen een vraag uit hun eigen werk uitzoeken."),
                (
                    "samenwerken-rond-data",
                    "onderzoeksvraag",
                ),
                Carrier.EXPERIMENT,
            ),
            (
                _("Vertel in het werkoverleg wat er met de uitkomst van een analyse gebeurde."),
                ("verhaal-met-data",),
                Carrier.LUNCH_LECTURE,
            ),
        ),
    ),
    (Dimension.PEOPLE_AND_ORGANISATION, Stage.AWARE): (
        _(
            "Het is duidelijk wie wat doet met data en bij wie je terechtkunt. Het werk leunt nog op die paar mensen."
        ),
        _(
            "De volgende fase vraagt aanmoediging: leiding en collega's die werken met data stimuleren en er tijd voor vrijmaken."
        ),
        (
            (
                _(
                    "Maak de uren voor leren zichtbaar in de planning, zodat ze niet weggedrukt worden."
                ),
                ("beslissen-met-data",),
                Carrier.WORKSHOP,
            ),
            (
                _("Laat de directeur bij een besluit vertellen welke gegevens meewogen."),
                (
                    "beslissen-met-data",
                    "verhaal-met-data",
                ),
                Carrier.LUNCH_LECTURE,
            ),
            (
                _("Koppel elke nieuwe deelnemer aan een collega die al verder is."),
                (
                    "samenwerken-rond-data",
                    "kennis-delen",
                ),
                Carrier.EXPERIMENT,
            ),
        ),
    ),
    (Dimension.PEOPLE_AND_ORGANISATION, Stage.DRIVEN): (
        _(
            "Leiding en collega's moedigen werken met data aan en maken er tijd voor vrij. Niet iedereen doet al mee."
        ),
        _(
            "De volgende fase vraagt dat het in de cultuur zit: iedereen draagt bij naar eigen kunnen, ook wie het minder ligt."
        ),
        (
            (
                _(
                    "Vraag juist de collega's die minder meedoen wat hen zou helpen, en doe daar iets mee."
                ),
                ("samenwerken-rond-data",),
                Carrier.WORKSHOP,
            ),
            (
                _("Neem datavaardigheden op in het gesprek over ieders ontwikkeling."),
                ("kennis-delen",),
                Carrier.WORKSHOP,
            ),
            (
                _("Laat een team een besluit voorbereiden met gegevens en het zelf presenteren."),
                (
                    "beslissen-met-data",
                    "verhaal-met-data",
                ),
                Carrier.EXPERIMENT,
            ),
        ),
    ),
    (Dimension.PEOPLE_AND_ORGANISATION, Stage.SKILLED): (
        _(
            "Werken met data zit in de cultuur. Iedereen draagt bij naar eigen kunnen, en het is veilig om te zeggen dat een eerder besluit beter had gekund."
        ),
        _(
            "Er is geen fase hierna. Wat nu telt: ook nieuwe collega's en wisselingen in de leiding opvangen."
        ),
        (
            (
                _(
                    "Leg vast wat jullie werkwijze is, zodat die een wisseling van leiding overleeft."
                ),
                ("kennis-delen",),
                Carrier.WORKSHOP,
            ),
            (
                _("Word ambassadeur voor een andere organisatie die net begint."),
                (
                    "samenwerken-rond-data",
                    "verhaal-met-data",
                ),
                Carrier.LUNCH_LECTURE,
            ),
            (
                _(
                    "Vraag eens per jaar aan iedereen wat werken met data hun oplevert, en wat het kost."
                ),
                ("beslissen-met-data",),
                Carrier.EXPERIMENT,
            ),
        ),
    ),
    (Dimension.PUBLIC_VALUE, Stage.LIMITING): (
        _(
            "Niemand staat erbij stil wat het gebruik van gegevens betekent voor cliënten, inwoners of de samenleving. Privacy is een formulier."
        ),
        _(
            "De volgende fase vraagt de vraag te stellen: wie heeft er baat bij wat we met gegevens doen, en wie zou er last van kunnen hebben?"
        ),
        (
            (
                _("Een lunchlezing over de AVG in gewone taal: wat mag, wat niet, en waarom."),
                ("privacy-avg",),
                Carrier.LUNCH_LECTURE,
            ),
            (
                _("Bespreek bij één bestaand bestand voor wie het er eigenlijk is."),
                ("ethisch-afwegen",),
                Carrier.WORKSHOP,
            ),
            (
                _("Schrijf op welk maatschappelijk doel de proeftuin dient, in één zin."),
                ("beslissen-met-data",),
                Carrier.WORKSHOP,
            ),
        ),
    ),
    (Dimension.PUBLIC_VALUE, Stage.CURIOUS): (
        _(
            "Het team vraagt zich af hoe gegevens cliënten en de samenleving kunnen helpen of schaden, maar weegt het nog niet vast af."
        ),
        _(
            "De volgende fase vraagt een vaste afweging: privacy en ethiek bekijken voordat gegevens gebruikt worden."
        ),
        (
            (
                _(
                    "Voeg aan elk experiment drie vragen toe: raakt het persoonsgegevens, is er toestemming, wat willen we niet weten?"
                ),
                (
                    "ethisch-afwegen",
                    "privacy-avg",
                ),
                Carrier.EXPERIMENT,
            ),
            (
                _("Oefen in een workshop met een ethische casus uit het eigen werk."),
                ("ethisch-afwegen",),
                Carrier.WORKSHOP,
            ),
            (
                _("Vraag een cliënt of inwoner wat die van jullie gegevensgebruik vindt."),
                (
                    "ethisch-afwegen",
                    "samenwerken-rond-data",
                ),
                Carrier.EXPERIMENT,
            ),
        ),
    ),
    (Dimension.PUBLIC_VALUE, Stage.AWARE): (
        _(
            "Privacy en ethiek worden afgewogen voordat gegevens gebruikt worden. Wat het oplevert voor cliënten en samenleving is nog niet zichtbaar."
        ),
        _(
            "De volgende fase vraagt bewijs van waarde: laten zien dat gegevens het werk voor cliënten en samenleving beter maken."
        ),
        (
            (
                _(
                    "Kies één doel voor cliënten of inwoners en meet of een experiment daaraan bijdraagt."
                ),
                (
                    "beslissen-met-data",
                    "onderzoeksvraag",
                ),
                Carrier.EXPERIMENT,
            ),
            (
                _("Vertel het verhaal van één verbetering voor cliënten, met de cijfers erbij."),
                ("verhaal-met-data",),
                Carrier.LUNCH_LECTURE,
            ),
            (
                _("Laat iemand buiten het team de ethische afweging van een experiment meelezen."),
                ("ethisch-afwegen",),
                Carrier.WORKSHOP,
            ),
        ),
    ),
    (Dimension.PUBLIC_VALUE, Stage.DRIVEN): (
        _(
            "Gegevens worden ingezet om aantoonbaar meer te betekenen voor cliënten en samenleving. Naar buiten toe is dat nog weinig bekend."
        ),
        _(
            "De volgende fase vraagt openheid: vertellen hoe jullie gegevens gebruiken, zodat anderen ervan leren en jullie erop kunnen aanspreken."
        ),
        (
            (
                _(
                    "Schrijf in gewone taal op welke gegevens jullie gebruiken en waarvoor, en maak dat openbaar."
                ),
                (
                    "privacy-avg",
                    "verhaal-met-data",
                ),
                Carrier.WORKSHOP,
            ),
            (
                _("Werk een vraag uit samen met een ketenpartner."),
                ("samenwerken-rond-data",),
                Carrier.EXPERIMENT,
            ),
            (
                _("Deel een valkuil uit het informatiepakket met een andere organisatie."),
                (
                    "ethisch-afwegen",
                    "kennis-delen",
                ),
                Carrier.LUNCH_LECTURE,
            ),
        ),
    ),
    (Dimension.PUBLIC_VALUE, Stage.SKILLED): (
        _(
            "Jullie zijn open over het gebruik van gegevens en anderen leren van de aanpak. Cliënten en inwoners weten wat er met hun gegevens gebeurt."
        ),
        _(
            "Er is geen fase hierna. Wat nu telt: kritisch blijven op nieuwe toepassingen, ook als ze veel beloven."
        ),
        (
            (
                _("Toets elke nieuwe toepassing opnieuw aan de basisprincipes, ook een bekende."),
                ("ethisch-afwegen",),
                Carrier.WORKSHOP,
            ),
            (
                _("Nodig cliënten of inwoners uit om mee te denken over een volgende stap."),
                ("samenwerken-rond-data",),
                Carrier.EXPERIMENT,
            ),
            (
                _("Geef een lunchlezing over jullie afwegingen voor een andere organisatie."),
                (
                    "verhaal-met-data",
                    "ethisch-afwegen",
                ),
                Carrier.LUNCH_LECTURE,
            ),
        ),
    ),
}


def default_advice(dimension: str, stage: int) -> Advice:
    looks_like, next_asks, actions = _DEFAULTS[(Dimension(dimension), Stage(stage))]
    return Advice(
        dimension=Dimension(dimension).value,
        stage=Stage(stage).value,
        looks_like=looks_like,
        next_asks=next_asks,
        actions=tuple(AdviceAction(text, skills, carrier) for text, skills, carrier in actions),
    )


def _merged(default: Advice, own: StageAdvice | None) -> Advice:
    if own is None:
        return default
    lines = [line.strip() for line in own.actions.splitlines() if line.strip()]
    return Advice(
        dimension=default.dimension,
        stage=default.stage,
        looks_like=own.looks_like.strip() or default.looks_like,
        next_asks=own.next_asks.strip() or default.next_asks,
        # The organisation's own actions are plain text: which skills they build is theirs.
        actions=tuple(AdviceAction(line) for line in lines) or default.actions,
        customised=True,
    )


def text_language() -> str:
    """The language advice is read in now: the page's, the e-mail's or the download's."""
    return language.active()


def advice_for(organisation: Organisation, dimension: str, stage: int) -> Advice:
    """The organisation's advice for one cell: its own text where a coach wrote one in the
    reader's language, else the default in that language."""
    own = StageAdvice.objects.filter(
        organisation=organisation, dimension=dimension, stage=stage, language=text_language()
    ).first()
    return _merged(default_advice(dimension, stage), own)


def advice_table(organisation: Organisation) -> dict[tuple[str, int], Advice]:
    """All 4 x 5 cells of the organisation's advice in the reader's language, in one query."""
    own = {
        (row.dimension, row.stage): row
        for row in StageAdvice.objects.filter(organisation=organisation, language=text_language())
    }
    return {
        (d.value, s.value): _merged(default_advice(d.value, s.value), own.get((d.value, s.value)))
        for d in Dimension
        for s in Stage
    }


def skills_by_key(organisation: Organisation) -> dict:
    """The organisation's catalogue by key, to name the skills an action builds."""
    from learning.models import Skill  # learning depends on proeftuin, not the other way round

    return {skill.key: skill for skill in Skill.objects.filter(organisation=organisation)}


def linked(advice: Advice, skills: dict) -> dict:
    """An advice cell with each action's carrier and skill names, for a page."""
    return {
        "advice": advice,
        "actions": [
            {
                "action": action,
                "text": action.text,
                "carrier": action.carrier_label,
                "skills": action.skill_names(skills),
            }
            for action in advice.actions
        ],
    }
