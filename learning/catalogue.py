# ruff: noqa: E501  (one readable line per text)
"""The default catalogue of data-literacy skills that every new organisation starts with."""

from dataclasses import dataclass

from proeftuin.models import Dimension


@dataclass(frozen=True)
class DefaultSkill:
    key: str
    dimension: str
    name: str
    description: str
    name_en: str
    description_en: str


# Stored as data, not through gettext: the coach edits the Dutch and English texts per
# organisation, so they live in the Skill rows (name/name_en), not in the translation catalogue.
DEFAULT_SKILLS: tuple[DefaultSkill, ...] = (
    DefaultSkill(
        key="onderzoeksvraag",
        dimension=Dimension.DATA_ANALYSIS,
        name="Een onderzoeksvraag formuleren",
        description="Van een vaag idee een scherpe vraag maken die je met gegevens kunt beantwoorden.",
        name_en="Formulating a research question",
        description_en="Turning a vague idea into a sharp question that data can answer.",
    ),
    DefaultSkill(
        key="verzamelen-en-bewaren",
        dimension=Dimension.DATA_ANALYSIS,
        name="Gegevens consistent verzamelen en bewaren",
        description="Steeds op dezelfde manier vastleggen, met duidelijke afspraken over velden en opslag.",
        name_en="Collecting and storing data consistently",
        description_en="Recording data the same way every time, with clear agreements on fields and storage.",
    ),
    DefaultSkill(
        key="spreadsheet-analyse",
        dimension=Dimension.DATA_ANALYSIS,
        name="Analyseren met een spreadsheet",
        description="Filteren, sorteren, draaitabellen en eenvoudige formules gebruiken om patronen te zien.",
        name_en="Spreadsheet analysis",
        description_en="Filtering, sorting, pivot tables and simple formulas to see patterns.",
    ),
    DefaultSkill(
        key="visualiseren",
        dimension=Dimension.DATA_ANALYSIS,
        name="Gegevens visualiseren",
        description="Een grafiek kiezen en maken die het punt helder en eerlijk laat zien.",
        name_en="Visualising data",
        description_en="Choosing and making a chart that shows the point clearly and honestly.",
    ),
    DefaultSkill(
        key="zorgvuldig-interpreteren",
        dimension=Dimension.DATA_ANALYSIS,
        name="Zorgvuldig interpreteren",
        description="Weten wat cijfers wel en niet zeggen: toeval, kleine aantallen, oorzaak en verband.",
        name_en="Interpreting with care",
        description_en="Knowing what numbers do and do not say: chance, small numbers, cause and correlation.",
    ),
    DefaultSkill(
        key="experimenteren",
        dimension=Dimension.LEARNING_AND_CHANGE,
        name="Klein experimenteren in het werk",
        description="Een praktijkexperiment opzetten, uitvoeren en samen evalueren.",
        name_en="Small experiments at work",
        description_en="Setting up, running and jointly evaluating an on-the-job experiment.",
    ),
    DefaultSkill(
        key="kennis-delen",
        dimension=Dimension.LEARNING_AND_CHANGE,
        name="Kennis over data delen",
        description="Wat je leert doorgeven aan collega's, bijvoorbeeld in een lunchlezing of werkoverleg.",
        name_en="Sharing knowledge about data",
        description_en="Passing on what you learn to colleagues, for instance in a lunch lecture or team meeting.",
    ),
    DefaultSkill(
        key="verhaal-met-data",
        dimension=Dimension.PEOPLE_AND_ORGANISATION,
        name="Een verhaal vertellen met data",
        description="Cijfers omzetten in een verhaal dat collega's en klanten begrijpen.",
        name_en="Telling a story with data",
        description_en="Turning numbers into a story that colleagues and clients understand.",
    ),
    DefaultSkill(
        key="beslissen-met-data",
        dimension=Dimension.PEOPLE_AND_ORGANISATION,
        name="Beslissen met data",
        description="Gegevens naast ervaring leggen bij een besluit, en achteraf nagaan of het klopte.",
        name_en="Deciding with data",
        description_en="Weighing data alongside experience in a decision, and checking afterwards.",
    ),
    DefaultSkill(
        key="samenwerken-rond-data",
        dimension=Dimension.PEOPLE_AND_ORGANISATION,
        name="Samenwerken rond gegevens",
        description="Afspraken maken over wie welke gegevens beheert, deelt en gebruikt.",
        name_en="Working together on data",
        description_en="Agreeing who manages, shares and uses which data.",
    ),
    DefaultSkill(
        key="privacy-avg",
        dimension=Dimension.PUBLIC_VALUE,
        name="Privacy en de AVG",
        description="Persoonsgegevens herkennen, zo min mogelijk gebruiken en goed beschermen.",
        name_en="Privacy and the GDPR",
        description_en="Recognising personal data, using as little as possible and protecting it well.",
    ),
    DefaultSkill(
        key="ethisch-afwegen",
        dimension=Dimension.PUBLIC_VALUE,
        name="Ethisch afwegen",
        description="Nagaan wie geraakt wordt door het gebruik van gegevens en wat je bewust niet wilt weten.",
        name_en="Ethical judgement",
        description_en="Asking who is affected by the use of data and what you deliberately do not want to know.",
    ),
)
