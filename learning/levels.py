# ruff: noqa: E501  (one readable line per text)
"""What levels 1 to 5 of a skill mean in behaviour, in words a participant recognises.

The same pattern as the stage advice (proeftuin/measurement/advice.py): the defaults are source
texts (Dutch, English in the catalogue), so every pilot starts with the same descriptions; a
coach may rewrite a level for their pilot (`LevelDescriptor`), and a level they leave empty
falls back to the default. A skill the coach added to the catalogue has no default of its own
and gets the general description of each level.

Personal levels have their own names: the stage names (beperkend .. bedreven) describe an
organisation's culture in the measurement, not what one person can do.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import LevelDescriptor, Skill

LEVELS = (1, 2, 3, 4, 5)

LEVEL_NAMES = {
    1: _("nieuw voor mij"),
    2: _("met hulp"),
    3: _("zelfstandig"),
    4: _("met gemak"),
    5: _("kan het anderen leren"),
}

# For skills without a default of their own (added by the coach).
GENERAL = {
    1: _("Ik heb er wel eens van gehoord, maar heb het zelf nog niet gedaan."),
    2: _("Ik doe het met hulp van een collega of een stappenplan."),
    3: _("Ik doe het zelf, in mijn eigen werk, zonder hulp."),
    4: _("Ik doe het vlot, ook in een nieuwe situatie, en zie wanneer het niet goed gaat."),
    5: _("Ik leg het anderen uit en help collega's het zelf te doen."),
}

# Skill.key -> what levels 1..5 look like for that skill of the default catalogue.
_DEFAULTS = {
    "onderzoeksvraag": (
        _(
            "Ik heb een vraag uit mijn werk, maar weet niet hoe ik die met gegevens kan beantwoorden."
        ),
        _("Met hulp maak ik van een vaag idee een vraag waarop een antwoord mogelijk is."),
        _(
            "Ik schrijf zelf een scherpe vraag op en zeg welke gegevens ik nodig heb om hem te beantwoorden."
        ),
        _(
            "Ik zie meteen of een vraag met gegevens te beantwoorden is, en maak een te grote vraag kleiner."
        ),
        _("Ik help collega's hun vraag scherp te krijgen voordat ze gaan tellen of zoeken."),
    ),
    "verzamelen-en-bewaren": (
        _("Ik houd gegevens bij zoals het uitkomt, op verschillende plekken."),
        _("Met een voorbeeld of afspraak leg ik gegevens steeds op dezelfde manier vast."),
        _("Ik bedenk zelf welke velden nodig zijn en bewaar alles op één afgesproken plek."),
        _("Ik zie fouten en dubbelingen in een bestand en los ze op zonder iets kwijt te raken."),
        _(
            "Ik maak met het team afspraken over vastleggen en bewaren, en leg ze uit aan nieuwe collega's."
        ),
    ),
    "spreadsheet-analyse": (
        _("Ik open een spreadsheet en lees hem, maar reken er nog niet mee."),
        _("Met hulp filter en sorteer ik een lijst, en tel ik iets op."),
        _("Ik maak zelf een draaitabel of een eenvoudige formule om een vraag te beantwoorden."),
        _(
            "Ik combineer tabellen, controleer mijn uitkomst en zie wanneer een formule iets anders telt dan ik dacht."
        ),
        _("Ik leer collega's hoe ze zelf hun spreadsheet kunnen analyseren."),
    ),
    "visualiseren": (
        _("Ik kijk naar grafieken van anderen, maar maak er zelf geen."),
        _("Met hulp maak ik een eenvoudige grafiek van een tabel."),
        _("Ik kies zelf een grafiek die past bij wat ik wil laten zien, met duidelijke titels."),
        _(
            "Ik maak een grafiek die eerlijk is: een as die bij nul begint waar dat moet, geen overbodige versiering."
        ),
        _("Ik geef collega's feedback op hun grafieken, zodat die helder en eerlijk worden."),
    ),
    "zorgvuldig-interpreteren": (
        _("Ik neem een cijfer aan zoals het gegeven wordt."),
        _(
            "Met hulp vraag ik me af waar een cijfer vandaan komt en hoeveel mensen erachter zitten."
        ),
        _("Ik kan een tabel lezen en zeggen wat die niet laat zien."),
        _("Ik herken toeval, kleine aantallen en verbanden die geen oorzaak zijn, en zeg dat ook."),
        _(
            "Ik help anderen in het overleg om cijfers niet zwaarder te laten wegen dan ze kunnen dragen."
        ),
    ),
    "experimenteren": (
        _("Ik probeer iets nieuws uit, maar kijk achteraf niet na of het werkte."),
        _("Met hulp zet ik een klein experiment op met een vraag en een plan."),
        _("Ik voer zelf een experiment uit, houd bij wat er gebeurt en bespreek de uitkomst."),
        _(
            "Ik pas mijn aanpak aan op wat een experiment laat zien, ook als het anders uitvalt dan ik hoopte."
        ),
        _("Ik begeleid collega's bij hun eigen experiment, van vraag tot les."),
    ),
    "kennis-delen": (
        _("Wat ik leer, houd ik vooral voor mezelf."),
        _("Als iemand het vraagt, vertel ik wat ik geleerd heb."),
        _("Ik deel uit mezelf wat ik leer, bijvoorbeeld in het werkoverleg."),
        _("Ik schrijf op wat werkte en wat niet, zodat anderen er later op verder kunnen."),
        _("Ik organiseer momenten waarop collega's van elkaar leren, zoals een lunchlezing."),
    ),
    "verhaal-met-data": (
        _("Ik noem cijfers, maar vertel er geen verhaal bij."),
        _("Met hulp vertel ik in een paar zinnen wat een cijfer betekent voor ons werk."),
        _(
            "Ik vertel zelf een kort verhaal met één duidelijke boodschap en de cijfers die erbij horen."
        ),
        _("Ik pas mijn verhaal aan op wie luistert, en zeg eerlijk wat de cijfers niet vertellen."),
        _("Ik help collega's hun cijfers om te zetten in een verhaal dat anderen begrijpen."),
    ),
    "beslissen-met-data": (
        _("Ik beslis op ervaring en gevoel."),
        _("Met hulp zoek ik bij een besluit een paar gegevens op."),
        _(
            "Ik leg bij een besluit zelf gegevens naast mijn ervaring, en zeg welke de doorslag gaven."
        ),
        _("Ik ga achteraf na of een besluit goed uitpakte, en leer daarvan voor het volgende."),
        _(
            "Ik help het team om bij belangrijke besluiten vooraf te zeggen welke gegevens meetellen."
        ),
    ),
    "samenwerken-rond-data": (
        _("Ik weet niet goed wie welke gegevens beheert."),
        _("Met hulp vind ik wie over welke gegevens gaat en vraag ik ze netjes op."),
        _("Ik maak zelf afspraken met collega's over het delen en gebruiken van gegevens."),
        _("Ik los onduidelijkheid over gegevens op tussen teams, zonder dat het werk stilvalt."),
        _("Ik zorg dat afspraken over gegevens voor iedereen helder zijn en bijgehouden worden."),
    ),
    "privacy-avg": (
        _("Ik weet niet precies wat persoonsgegevens zijn."),
        _("Met hulp herken ik persoonsgegevens in een bestand."),
        _("Ik gebruik zelf zo min mogelijk persoonsgegevens en bewaar ze veilig."),
        _("Ik zie vooraf waar een plan persoonsgegevens raakt, en stel een veiliger aanpak voor."),
        _(
            "Collega's vragen mij om mee te kijken naar privacy, en ik leg de regels in gewone taal uit."
        ),
    ),
    "ethisch-afwegen": (
        _("Ik denk er niet aan wie er geraakt wordt als we gegevens gebruiken."),
        _("Met hulp vraag ik me af wie er geraakt wordt en of zij het goed zouden vinden."),
        _("Ik stel zelf de vraag wat we bewust níet willen weten, en neem dat mee in een plan."),
        _(
            "Ik weeg af wat gegevens opleveren tegen wat ze mensen kunnen kosten, en zeg het als iets niet kan."
        ),
        _("Ik help het team bij lastige afwegingen, en zorg dat ze worden opgeschreven."),
    ),
}


@dataclass(frozen=True)
class Level:
    level: int
    name: str
    text: str
    customised: bool = False

    @property
    def label(self) -> str:
        """What a level choice says: number, name and the behaviour, in one line."""
        return f"{self.level} · {self.name}: {self.text}"


def default_text(skill_key: str, level: int) -> str:
    texts = _DEFAULTS.get(skill_key)
    return str(texts[level - 1] if texts else GENERAL[level])


def _merged(skill: Skill, level: int, own: LevelDescriptor | None) -> Level:
    text = own.text.strip() if own else ""
    return Level(
        level=level,
        name=str(LEVEL_NAMES[level]),
        text=text or default_text(skill.key, level),
        customised=bool(text),
    )


def levels_for(proeftuin, skill: Skill) -> list[Level]:
    """The five levels of one skill in this pilot: its own text where the coach wrote one."""
    own = {
        row.level: row for row in LevelDescriptor.objects.filter(proeftuin=proeftuin, skill=skill)
    }
    return [_merged(skill, level, own.get(level)) for level in LEVELS]


def level_table(proeftuin, skills) -> dict[int, list[Level]]:
    """skill id -> its five levels, for several skills in one query."""
    skills = list(skills)
    own = {
        (row.skill_id, row.level): row
        for row in LevelDescriptor.objects.filter(proeftuin=proeftuin, skill__in=skills)
    }
    return {
        skill.pk: [_merged(skill, level, own.get((skill.pk, level))) for level in LEVELS]
        for skill in skills
    }


def general_choices() -> list[tuple[int, str]]:
    """Level choices before a skill is chosen: number and name."""
    return [(level, f"{level} · {LEVEL_NAMES[level]}") for level in LEVELS]


def choices_for(proeftuin, skill: Skill) -> list[tuple[int, str]]:
    """Level choices for one skill: number, name and what it looks like in behaviour."""
    return [(level.level, level.label) for level in levels_for(proeftuin, skill)]
