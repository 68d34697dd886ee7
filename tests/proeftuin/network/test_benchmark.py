"""The peer benchmark: k-anonymity over organisations, each organisation's own group size over
people, no organisation named, and only the director decides whether to contribute."""

from datetime import timedelta

import pytest
from django.utils import timezone

from proeftuin.models import AuditEvent, BenchmarkContribution, Dimension, MeasurementRound
from proeftuin.network import benchmark, services
from tests import factories
from tests.conftest import make_pilot

pytestmark = pytest.mark.django_db

ALL = dict.fromkeys(Dimension.values, 2)


def _round(proeftuin, kind, days_ago):
    today = timezone.localdate()
    return factories.MeasurementRoundFactory(
        proeftuin=proeftuin,
        kind=kind,
        opens_on=today - timedelta(days=days_ago + 14),
        closes_on=today - timedelta(days=days_ago),
    )


def contributing_pilot(*, name=None, baseline=2, now=3, people=3, now_people=None, join=True):
    """A pilot with a closed baseline and follow-up answered by `people` participants (the
    default group size is 3), its organisation contributing."""
    organisation = factories.OrganisationFactory(**({"name": name} if name else {}))
    pilot = make_pilot(organisation=organisation)
    first = _round(pilot.proeftuin, MeasurementRound.Kind.BASELINE, 60)
    second = _round(pilot.proeftuin, MeasurementRound.Kind.FOLLOW_UP, 10)
    members = [factories.ParticipantFactory(proeftuin=pilot.proeftuin) for _ in range(people)]
    for member in members:
        factories.MaturityAssessmentFactory(
            membership=member, round=first, stages=dict.fromkeys(Dimension.values, baseline)
        )
    for member in members[: now_people if now_people is not None else people]:
        factories.MaturityAssessmentFactory(
            membership=member, round=second, stages=dict.fromkeys(Dimension.values, now)
        )
    if join:
        services.join_benchmark(proeftuin=pilot.proeftuin, actor=pilot.director.user)
    return pilot


def _row(pilot, dimension="data_analysis"):
    data = benchmark.benchmark_for(pilot.proeftuin.organisation)
    return next(r for r in data.rows if r.dimension == dimension)


def test_a_cell_of_four_organisations_is_hidden():
    ours = contributing_pilot()
    for _ in range(3):
        contributing_pilot()
    row = _row(ours)
    assert row.peers_now.suppressed
    assert row.peers_now.reason == "te weinig organisaties"
    assert row.peers_baseline.shown_value is None


def test_a_cell_of_five_organisations_shows_their_median():
    ours = contributing_pilot(now=4)
    for now in (2, 3, 3, 5):
        contributing_pilot(now=now)
    row = _row(ours)
    assert row.peers_now.value == 3.0
    assert row.peers_now.people == 5
    assert row.peers_baseline.value == 2.0
    assert row.own_now.value == 4.0
    assert "hoger dan het midden" in row.position


def test_an_organisation_whose_round_had_too_few_people_stays_out_of_the_cell():
    ours = contributing_pilot()
    for _ in range(3):
        contributing_pilot()
    # Its follow-up had two respondents, under its group size of three: no figure to bring.
    contributing_pilot(now=5, now_people=2)
    row = _row(ours)
    assert row.peers_now.suppressed  # four organisations count, not five
    assert not row.peers_baseline.suppressed  # its baseline had three people: it counts there
    assert row.peers_baseline.people == 5


def test_an_organisation_that_did_not_join_is_not_counted_and_sees_nothing():
    ours = contributing_pilot()
    for _ in range(3):
        contributing_pilot()
    outsider = contributing_pilot(join=False)
    assert _row(ours).peers_now.suppressed
    assert benchmark.benchmark_for(outsider.proeftuin.organisation).rows == []


def test_the_benchmark_page_never_names_another_organisation(client_for):
    ours = contributing_pilot(name="Buurtwerk Oost")
    others = [contributing_pilot(name=f"Geheime Stichting {n}") for n in range(5)]
    page = client_for(ours.director).get(f"/p/{ours.proeftuin.pk}/vergelijking/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Nu tellen 6 organisaties mee" in text
    for other in others:
        assert other.proeftuin.organisation.name not in text
        assert other.proeftuin.name not in text
        assert other.director.user.full_name not in text


def test_the_api_gives_the_same_cells_without_names(client_for):
    ours = contributing_pilot()
    others = [contributing_pilot() for _ in range(4)]
    response = client_for(ours.director).get(f"/api/v1/pilots/{ours.proeftuin.pk}/benchmark/")
    body = response.json()
    assert body["contributing"] is True
    first = body["dimensions"][0]
    assert first["peers_now"] == {"value": 3.0, "organisations": 5, "hidden": None, "reason": ""}
    for other in others:
        assert other.proeftuin.organisation.name not in response.content.decode()


def test_the_director_joins_and_leaves_and_each_change_is_audited(client_for):
    pilot = contributing_pilot(join=False)
    client = client_for(pilot.director)
    url = f"/p/{pilot.proeftuin.pk}/vergelijking/meedoen/"
    client.post(url, {"action": "join"})
    assert BenchmarkContribution.objects.filter(organisation=pilot.proeftuin.organisation).exists()
    client.post(url, {"action": "leave"})
    assert not BenchmarkContribution.objects.exists()
    codes = list(
        AuditEvent.objects.filter(actor=pilot.director.user)
        .order_by("at", "pk")
        .values_list("code", flat=True)
    )
    assert codes == ["network.benchmark_joined", "network.benchmark_left"]


@pytest.mark.parametrize("action", ["", "JOIN", "x" * 10_000], ids=["empty", "capitals", "long"])
def test_an_answer_that_is_neither_join_nor_leave_changes_nothing(client_for, action):
    pilot = contributing_pilot(join=False)
    url = f"/p/{pilot.proeftuin.pk}/vergelijking/meedoen/"
    response = client_for(pilot.director).post(url, {"action": action})
    assert response.status_code == 400
    assert "Kies meedoen of stoppen met meedoen." in response.content.decode()
    assert not BenchmarkContribution.objects.exists()


def test_leaving_takes_the_organisation_out_of_every_cell_at_once():
    ours = contributing_pilot()
    others = [contributing_pilot() for _ in range(4)]
    assert not _row(ours).peers_now.suppressed
    services.leave_benchmark(proeftuin=others[0].proeftuin, actor=others[0].director.user)
    assert _row(ours).peers_now.suppressed


@pytest.mark.parametrize("role", ["coach", "participant", "steering"])
def test_nobody_but_the_director_may_join(client_for, role):
    pilot = contributing_pilot(join=False)
    person = (
        factories.MembershipFactory(proeftuin=pilot.proeftuin, role="steering")
        if role == "steering"
        else getattr(pilot, role)
    )
    url = f"/p/{pilot.proeftuin.pk}/vergelijking/meedoen/"
    assert client_for(person).post(url, {"action": "join"}).status_code == 404
    assert not BenchmarkContribution.objects.exists()


def test_a_director_cannot_join_for_another_organisation(client_for):
    pilot = contributing_pilot(join=False)
    stranger = make_pilot()
    url = f"/p/{pilot.proeftuin.pk}/vergelijking/meedoen/"
    assert client_for(stranger.director).post(url, {"action": "join"}).status_code == 404
    assert not BenchmarkContribution.objects.exists()


def test_the_directors_overview_links_to_the_benchmark(client_for):
    pilot = contributing_pilot()
    page = client_for(pilot.director).get(f"/p/{pilot.proeftuin.pk}/overzicht/")
    assert f"/p/{pilot.proeftuin.pk}/vergelijking/" in page.content.decode()


def test_the_benchmark_reads_as_many_queries_for_six_organisations_as_for_two(
    django_assert_num_queries,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ours = contributing_pilot()
    contributing_pilot()
    with CaptureQueriesContext(connection) as two:
        benchmark.benchmark_for(ours.proeftuin.organisation)
    for _ in range(4):
        contributing_pilot(now=4)

    with django_assert_num_queries(len(two)):
        row = _row(ours)

    assert row.peers_now.shown_value is not None  # six organisations: the cell is shown


# ---- the cells are cached under a version that every change of their inputs replaces --------


def _cell_now(pilot):
    return _row(pilot).peers_now


def test_the_cells_over_the_organisations_are_read_once_and_then_from_the_cache():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ours = contributing_pilot()
    for _ in range(4):
        contributing_pilot()
    with CaptureQueriesContext(connection) as first:
        shown = _cell_now(ours)
    with CaptureQueriesContext(connection) as second:
        again = _cell_now(ours)
    assert again == shown and not shown.suppressed
    # The second view reads only the asking organisation's own rounds and answers.
    others = [q["sql"] for q in second.captured_queries if "benchmarkcontribution" in q["sql"]]
    assert len(second) < len(first)
    assert all("EXISTS" in sql or "LIMIT" in sql for sql in others), others


def test_a_round_closed_early_brings_its_figures_into_the_cells_at_once():
    from proeftuin.measurement.services import close_round

    ours = contributing_pilot()
    for _ in range(3):
        contributing_pilot()
    late = contributing_pilot()
    today = timezone.localdate()
    follow_up = MeasurementRound.objects.get(
        proeftuin=late.proeftuin, kind=MeasurementRound.Kind.FOLLOW_UP
    )
    MeasurementRound.objects.filter(pk=follow_up.pk).update(
        opens_on=today - timedelta(days=5), closes_on=today + timedelta(days=5)
    )
    assert _cell_now(ours).people == 4  # its follow-up is still open

    close_round(measurement_round=follow_up)

    assert _cell_now(ours).people == 5


def test_a_raised_group_size_takes_the_organisation_out_of_the_cells_at_once():
    ours = contributing_pilot()
    others = [contributing_pilot() for _ in range(4)]
    assert _cell_now(ours).people == 5
    strict = others[0].proeftuin
    strict.min_group_size = 4  # its rounds had three respondents: its figures are hidden now
    strict.save()

    assert _cell_now(ours).suppressed
    assert _cell_now(ours).people == 4


def test_answers_removed_from_a_closed_round_move_the_cells_at_once():
    from proeftuin.models import AssessmentAnswer, MaturityAssessment

    ours = contributing_pilot(now=2)
    for now in (2, 4, 4):
        contributing_pilot(now=now)
    moving = contributing_pilot(now=5, people=4)
    follow_up = MeasurementRound.objects.get(
        proeftuin=moving.proeftuin, kind=MeasurementRound.Kind.FOLLOW_UP
    )
    low, first, second, _fourth = MaturityAssessment.objects.filter(round=follow_up).order_by("pk")
    AssessmentAnswer.objects.filter(assessment=low, subject="organisation").update(stage=1)
    assert _cell_now(ours).value == 4.0  # the middle of 2, 2, 4, 4 and its 5 (of 1, 5, 5, 5)

    AssessmentAnswer.objects.filter(assessment=first).delete()
    assert _cell_now(ours).value == 4.0  # its median of 1, 5, 5 is still 5
    second.membership.delete()  # a participant removed with everything of theirs

    assert _cell_now(ours).value == 3.0  # its median of 1 and 5 is 3: the middle of 2, 2, 3, 4, 4
