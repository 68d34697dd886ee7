"""The toolkit as files: a self-contained HTML document and Markdown."""

from __future__ import annotations

import re

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .contents import Toolkit


def as_html_file(toolkit: Toolkit) -> str:
    """A self-contained HTML document (its CSS inside), for download and printing."""
    return render_to_string("proeftuin/toolkit/file.html", {"toolkit": toolkit})


def _md(text: str) -> str:
    """Escape what Markdown would read as markup at the start of a line, keep one line."""
    text = " ".join(text.split())
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


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
    if toolkit.purpose:
        lines += [_md(toolkit.purpose), ""]
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
    lines += ["", f"## {_('Lessen')}", ""]
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
    lines += [f"## {_('Onderwerpen van de bijeenkomsten')}", ""]
    lines += [f"- {date_format(t.on)}: {_md(t.title)} ({t.kind})" for t in toolkit.topics] or [
        _("Nog geen bijeenkomsten.")
    ]
    lines += [
        "",
        _("Gemaakt op %(date)s. Zonder namen van deelnemers.")
        % {"date": date_format(toolkit.made_on)},
    ]
    return "\n".join(lines).strip() + "\n"
