"""The stages of the maturity measurement: what each stage means per dimension, who answers."""

from django.utils.translation import gettext_lazy

from ..models import (
    AssessmentAnswer,
    Dimension,
    Stage,
)

Subject = AssessmentAnswer.Subject

# One line per stage and dimension, shown beside each choice of the form.
STAGE_EXPLANATIONS = {
    Dimension.DATA_ANALYSIS: {
        Stage.LIMITING: gettext_lazy(
            "We gebruiken nauwelijks gegevens; beslissingen gaan op gevoel of gewoonte."
        ),
        Stage.CURIOUS: gettext_lazy(
            "We zijn nieuwsgierig wat gegevens ons vertellen en proberen af en toe iets uit."
        ),
        Stage.AWARE: gettext_lazy(
            "We weten welke gegevens we hebben en bekijken ze bij belangrijke vragen."
        ),
        Stage.DRIVEN: gettext_lazy(
            "We stellen eerst een vraag, verzamelen gericht en bespreken de uitkomsten samen."
        ),
        Stage.SKILLED: gettext_lazy(
            "Analyseren hoort bij het werk; we kennen de grenzen van onze cijfers."
        ),
    },
    Dimension.LEARNING_AND_CHANGE: {
        Stage.LIMITING: gettext_lazy(
            "Nieuwe werkwijzen stuiten op weerstand; we doen het zoals we het altijd deden."
        ),
        Stage.CURIOUS: gettext_lazy(
            "We willen graag leren, maar het blijft bij losse initiatieven."
        ),
        Stage.AWARE: gettext_lazy(
            "We maken tijd om te leren en kijken terug op wat werkt en wat niet."
        ),
        Stage.DRIVEN: gettext_lazy(
            "We proberen bewust nieuwe dingen uit in het werk en delen de lessen met elkaar."
        ),
        Stage.SKILLED: gettext_lazy(
            "Leren en bijsturen gaan vanzelf; een fout is een kans om beter te worden."
        ),
    },
    Dimension.PEOPLE_AND_ORGANISATION: {
        Stage.LIMITING: gettext_lazy(
            "Data is iets voor specialisten; de meeste collega's voelen zich er niet bij betrokken."
        ),
        Stage.CURIOUS: gettext_lazy(
            "Een paar collega's pakken data op; anderen kijken belangstellend mee."
        ),
        Stage.AWARE: gettext_lazy(
            "Het is duidelijk wie wat doet met data en bij wie je terechtkunt met vragen."
        ),
        Stage.DRIVEN: gettext_lazy(
            "Leiding en collega's moedigen werken met data aan en maken er tijd voor vrij."
        ),
        Stage.SKILLED: gettext_lazy(
            "Werken met data zit in de cultuur; iedereen draagt bij naar eigen kunnen."
        ),
    },
    Dimension.PUBLIC_VALUE: {
        Stage.LIMITING: gettext_lazy(
            "We staan er niet bij stil wat ons gebruik van gegevens betekent voor anderen."
        ),
        Stage.CURIOUS: gettext_lazy(
            "We vragen ons af hoe data cliënten en de samenleving kan helpen of schaden."
        ),
        Stage.AWARE: gettext_lazy("We wegen privacy en ethiek af voordat we gegevens gebruiken."),
        Stage.DRIVEN: gettext_lazy(
            "We zetten data in om aantoonbaar meer te betekenen voor cliënten en samenleving."
        ),
        Stage.SKILLED: gettext_lazy(
            "We zijn open over ons gebruik van data en anderen leren van onze aanpak."
        ),
    },
}

SUBJECTS = (Subject.ORGANISATION, Subject.SELF)

# The same stages in the first person, for "Waar sta ik zelf?".
SELF_STATEMENTS = {
    Dimension.DATA_ANALYSIS: {
        Stage.LIMITING: gettext_lazy(
            "Ik kijk zelden naar gegevens; ik ga vooral op mijn gevoel en ervaring af."
        ),
        Stage.CURIOUS: gettext_lazy(
            "Ik ben benieuwd wat gegevens me vertellen en kijk er af en toe naar."
        ),
        Stage.AWARE: gettext_lazy(
            "Ik weet welke gegevens er zijn en zoek ze op als een vraag ertoe doet."
        ),
        Stage.DRIVEN: gettext_lazy(
            "Ik begin met een vraag, zoek de gegevens erbij en bespreek wat ik zie met anderen."
        ),
        Stage.SKILLED: gettext_lazy(
            "Ik analyseer gegevens als vanzelf in mijn werk en ken de grenzen van de cijfers."
        ),
    },
    Dimension.LEARNING_AND_CHANGE: {
        Stage.LIMITING: gettext_lazy(
            "Ik werk het liefst zoals ik gewend ben; nieuwe werkwijzen voelen als gedoe."
        ),
        Stage.CURIOUS: gettext_lazy(
            "Ik wil graag iets nieuws leren, maar het schiet er vaak bij in."
        ),
        Stage.AWARE: gettext_lazy("Ik maak tijd om te leren en kijk terug op wat werkte."),
        Stage.DRIVEN: gettext_lazy(
            "Ik probeer bewust nieuwe dingen uit in mijn werk en vertel anderen wat ik leerde."
        ),
        Stage.SKILLED: gettext_lazy(
            "Leren en bijsturen horen bij mijn werk; van een fout leer ik iets."
        ),
    },
    Dimension.PEOPLE_AND_ORGANISATION: {
        Stage.LIMITING: gettext_lazy(
            "Ik vind data iets voor specialisten; ik voel me er niet bij betrokken."
        ),
        Stage.CURIOUS: gettext_lazy(
            "Ik kijk belangstellend mee met collega's die iets met data doen."
        ),
        Stage.AWARE: gettext_lazy(
            "Ik weet wat mijn rol is bij data en bij wie ik terechtkan met vragen."
        ),
        Stage.DRIVEN: gettext_lazy(
            "Ik maak tijd vrij voor werken met data en moedig collega's aan mee te doen."
        ),
        Stage.SKILLED: gettext_lazy(
            "Werken met data hoort bij hoe ik werk; ik help anderen er ook mee op weg."
        ),
    },
    Dimension.PUBLIC_VALUE: {
        Stage.LIMITING: gettext_lazy(
            "Ik sta er niet bij stil wat mijn gebruik van gegevens voor anderen betekent."
        ),
        Stage.CURIOUS: gettext_lazy(
            "Ik vraag me af hoe data cliënten en de samenleving kan helpen of schaden."
        ),
        Stage.AWARE: gettext_lazy("Ik weeg privacy en ethiek af voordat ik gegevens gebruik."),
        Stage.DRIVEN: gettext_lazy(
            "Ik zet data in om aantoonbaar meer te betekenen voor cliënten en samenleving."
        ),
        Stage.SKILLED: gettext_lazy(
            "Ik ben open over hoe ik data gebruik en anderen leren van mijn aanpak."
        ),
    },
}

STATEMENTS = {Subject.ORGANISATION: STAGE_EXPLANATIONS, Subject.SELF: SELF_STATEMENTS}
