"""Form controls as every form of the site renders them."""

from django.urls import reverse


def test_a_list_to_choose_from_starts_with_kies_not_dashes(client_for, pilot):
    page = client_for(pilot.participant).get(
        reverse("learning:activity-create", args=[pilot.proeftuin.pk])
    )
    text = page.content.decode()
    assert '<option value="" selected>Kies …</option>' in text
    assert "---------" not in text


def test_short_dates_are_written_the_dutch_way(client_for, pilot):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import ActivityFactory

    day = timezone.localdate() - timedelta(days=2)
    ActivityFactory(membership=pilot.participant, on=day, title="Tabel gelezen")
    page = client_for(pilot.participant).get(
        reverse("learning:dashboard", args=[pilot.proeftuin.pk])
    )
    text = page.content.decode()
    month = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"][
        day.month - 1
    ]
    assert f"{day.day} {month} ·" in text
    assert f"{day.day} {month.capitalize()} ·" not in text


def test_a_list_renders_as_djangos_own_but_for_the_empty_choice():
    import re

    from django import forms
    from django.forms.renderers import DjangoTemplates

    class Choose(forms.Form):
        one = forms.ChoiceField(
            choices=[
                ("", "---------"),
                ("a", "Tabel & grafiek"),
                ("Meer", [("b", "B"), ("c", "C")]),
            ]
        )
        many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y"), ("z", "Z")])

    def squeezed(html: str) -> str:
        return re.sub(r">\s+<", "><", html.strip())

    for data in ({"one": "b", "many": ["x", "z"]}, None):
        ours, djangos = Choose(data), Choose(data, renderer=DjangoTemplates())
        for name in ("one", "many"):
            stock = squeezed(str(djangos[name])).replace(">---------<", ">Kies …<")
            assert squeezed(str(ours[name])) == stock
    chosen = str(Choose({"one": "b", "many": ["x", "z"]})["one"])
    assert '<option value="b" selected>B</option>' in chosen
    assert "Tabel &amp; grafiek" in chosen
