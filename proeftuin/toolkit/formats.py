"""The toolkit as files: a self-contained HTML document, Markdown and a paginated PDF."""

from __future__ import annotations

import re

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .contents import Toolkit


def as_html_file(toolkit: Toolkit) -> str:
    """A self-contained HTML document (its CSS inside), for download and printing."""
    return render_to_string("proeftuin/toolkit/file.html", {"toolkit": toolkit})


def pdf_document(toolkit: Toolkit):
    """The laid-out pages (a WeasyPrint Document): A4, a cover, page numbers, the HTML's body."""
    # Imported here: WeasyPrint loads Pango at import, which only the PDF needs.
    from weasyprint import HTML

    html = render_to_string("proeftuin/toolkit/pdf.html", {"toolkit": toolkit})
    return HTML(string=html).render()


def as_pdf(toolkit: Toolkit) -> bytes:
    return pdf_document(toolkit).write_pdf()


def _md(text: str) -> str:
    """Escape what Markdown would read as markup at the start of a line, keep one line."""
    text = " ".join(text.split())
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def _first_step_fallback() -> str:
    return _(
        "Begin met een nulmeting: vraag iedereen waar de organisatie staat. Kies dan per "
        "dimensie één kleine stap en één praktijkexperiment."
    )


def as_markdown(toolkit: Toolkit) -> str:
    """The toolkit as Markdown: headings per dimension, lessons as bullet lists."""
    f = toolkit.figures
    lines = [
        f"# {_('Informatiepakket')}: {_md(toolkit.pilot_name)}",
        "",
        f"{_md(toolkit.organisation_name)} · {date_format(toolkit.starts_on)} – "
        f"{date_format(toolkit.ends_on)}",
        "",
    ]
    lines += [f"## {_('De proeftuin in het kort')}", "", _md(toolkit.summary), ""]
    lines += [f"## {_('De proeftuin in cijfers')}", ""]
    if f.shown:
        lines += [
            f"- {_('Deelnemers')}: {f.participants.display}",
            f"- {_('Uren geleerd')}: {f.hours.display}",
            f"- {_('Bijeenkomsten gehouden')}: {f.sessions_held}",
            f"- {_('Praktijkexperimenten')}: {f.experiments.display}",
        ]
    else:
        lines += [
            f"- {_('Bijeenkomsten gehouden')}: {f.sessions_held}",
            "",
            _("Andere cijfers tonen we pas vanaf %(n)s deelnemers, zodat niemand herkenbaar is.")
            % {"n": f.min_group_size},
        ]
    lines += ["", f"## {_('De cultuurverandering')}", ""]
    if toolkit.culture:
        lines += [
            f"| {_('Dimensie')} | {_('Nulmeting')} | {_('Laatste ronde')} | {_('Verschil')} |",
            "| --- | --- | --- | --- |",
        ]
        for c in toolkit.culture:
            cells = [c.baseline, c.latest, c.change]
            shown = [cell.display if cell else "–" for cell in cells]
            lines.append(f"| {_md(c.label)} | " + " | ".join(shown) + " |")
        lines.append("")
        lines += [
            f"- **{_md(c.label)}**: {_md(c.change_text)}" for c in toolkit.culture if c.change_text
        ]
    else:
        lines.append(_("Nog geen gesloten meetronde."))
    lines += ["", f"## {_('Vaardigheden')}", ""]
    lines += [
        f"- {_md(s.name)} ({_md(s.dimension)}): {_('Mensen met een leerdoel')} "
        f"{s.working_on.display}, {_('Doel behaald')} {s.reached.display}"
        for s in toolkit.skills
    ] or [_("Nog geen leerdoelen.")]
    lines += ["", f"## {_('Bijeenkomsten per thema')}", ""]
    for theme in toolkit.themes:
        lines += [f"### {_md(theme.label)}", ""]
        lines += [f"- {date_format(t.on)}: {_md(t.title)} ({t.kind})" for t in theme.topics]
        lines.append("")
    if not toolkit.themes:
        lines += [_("Nog geen bijeenkomsten."), ""]
    lines += [f"## {_('Praktijkcases')}", ""]
    for case in toolkit.cases:
        lines += [f"### {_md(case.title)}", ""]
        rows = [
            (_("De vraag"), case.question),
            (_("Wiens vraag was het?"), case.origin),
            (_("De gegevens"), case.data_used),
            (_("Veilig en ethisch"), " ".join(case.ethics)),
            (_("Wat we deden"), case.done),
            (_("De uitkomst"), case.outcome),
            (_("De les"), " ".join(case.lessons)),
        ]
        lines += [f"- **{label}**: {_md(text)}" for label, text in rows if text] + [""]
    if not toolkit.cases:
        lines += [_("Nog geen experimenten met een goedgekeurde les."), ""]
    lines += [f"## {_('Lessen')}", ""]
    for dimension in toolkit.dimensions:
        lines += [f"### {dimension.label}", ""]
        if dimension.empty:
            lines += [_("Nog geen goedgekeurde lessen."), ""]
            continue
        for title, items in (
            (_("Goede praktijken"), dimension.good_practices),
            (_("Valkuilen"), dimension.pitfalls),
        ):
            if items:
                lines += [f"#### {title}", ""] + [f"- {_md(item)}" for item in items] + [""]
    if toolkit.stages:
        lines += [f"## {_('Lessen per fase')}", ""]
        for stage in toolkit.stages:
            lines += [f"### {stage.stage}. {_md(stage.label)}", ""]
            for title, items in (
                (_("Goede praktijken"), stage.good_practices),
                (_("Valkuilen"), stage.pitfalls),
            ):
                if items:
                    lines += [f"#### {title}", ""] + [f"- {_md(item)}" for item in items] + [""]
    lines += [f"## {_('Waar begin je?')}", ""]
    for step in toolkit.first_steps:
        lines += [f"### {_md(step.label)}: {_md(step.stage)}", "", _md(step.looks_like), ""]
        lines += [_md(step.next_asks), ""] + [f"- {_md(a)}" for a in step.actions] + [""]
    if not toolkit.first_steps:
        lines += [_first_step_fallback(), ""]
    lines += [
        "",
        _("Gemaakt op %(date)s. Zonder namen van deelnemers.")
        % {"date": date_format(toolkit.made_on)},
    ]
    return "\n".join(lines).strip() + "\n"
