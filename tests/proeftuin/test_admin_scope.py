import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.urls import reverse
from django_celery_beat.models import IntervalSchedule, PeriodicTask
from rest_framework.authtoken.models import Token

from learning.models import Skill
from proeftuin.admin import MembershipAdmin, ProeftuinAdmin
from proeftuin.admin_scope import PilotScopedAdmin, SuperuserOnly
from proeftuin.models import Membership, Proeftuin
from tests.conftest import make_pilot
from tests.factories import UserFactory
from tests.pages import shows
from tests.proeftuin.privacy.people import seed_person, share_experiment
from workshops.models import Session, SessionSeries

pytestmark = pytest.mark.django_db


def test_a_coach_sees_the_memberships_of_their_own_pilot_only(pilot, other_pilot, client_for):
    response = client_for(pilot.coach).get(reverse("admin:proeftuin_membership_changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    assert shows(page, pilot.participant.user.full_name)
    assert not shows(page, other_pilot.participant.user.full_name)


def test_a_coach_cannot_open_another_pilots_membership_in_the_admin(pilot, other_pilot, client_for):
    url = reverse("admin:proeftuin_membership_change", args=[other_pilot.participant.pk])
    response = client_for(pilot.coach).get(url)
    assert response.status_code == 404
    assert not shows(response.content.decode(), other_pilot.participant.user.full_name)


def test_a_coach_cannot_reach_users_or_the_audit_log_in_the_admin(pilot, client_for):
    client = client_for(pilot.coach)
    assert client.get(reverse("admin:proeftuin_user_changelist")).status_code == 403
    assert client.get(reverse("admin:proeftuin_auditevent_changelist")).status_code == 403


def test_a_coach_can_deactivate_a_participant_of_their_pilot(pilot, client_for):
    membership = pilot.participant
    url = reverse("admin:proeftuin_membership_change", args=[membership.pk])
    response = client_for(pilot.coach).post(
        url,
        {
            "user": membership.user_id,
            "proeftuin": pilot.proeftuin.pk,
            "role": "participant",
            "joined_at_0": "2026-01-01",
            "joined_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Membership.objects.get(pk=membership.pk).is_active is False


def test_a_coach_cannot_move_someone_into_another_pilot(pilot, other_pilot, client_for):
    membership = pilot.participant
    url = reverse("admin:proeftuin_membership_change", args=[membership.pk])
    response = client_for(pilot.coach).post(
        url,
        {
            "user": membership.user_id,
            "proeftuin": other_pilot.proeftuin.pk,
            "role": "participant",
            "is_active": "on",
            "joined_at_0": "2026-01-01",
            "joined_at_1": "10:00:00",
        },
    )
    assert response.status_code == 200
    assert Membership.objects.get(pk=membership.pk).proeftuin == pilot.proeftuin


def test_participants_and_directors_do_not_get_into_the_admin(pilot, client_for):
    for who in (pilot.participant, pilot.director):
        response = client_for(who).get(reverse("admin:index"))
        assert response.status_code == 302


# ---- every admin screen, as a coach of one organisation, against another's data ------------

FOREIGN = "Buurgeheim"  # in every name and text of the other organisation


def _pks_per_model() -> dict:
    return {
        model: set(model._default_manager.values_list("pk", flat=True))
        for model in admin.site._registry
    }


def _seed_other_organisation() -> None:
    """Another organisation with one of everything, every name and text carrying FOREIGN."""
    other = make_pilot()
    organisation = other.proeftuin.organisation
    organisation.name, organisation.slug = f"{FOREIGN} BV", "buurgeheim"
    organisation.save()
    other.proeftuin.name = f"{FOREIGN} proeftuin"
    other.proeftuin.save()
    people = [other.coach, other.director, other.participant, other.other_participant]
    for number, membership in enumerate(people):
        membership.user.full_name = f"{FOREIGN} Persoon {number}"
        membership.user.email = f"{FOREIGN.lower()}{number}@buur.example"
        membership.user.save()
    seed_person(other.participant, FOREIGN, coach=other.coach)
    share_experiment(other.participant, other.other_participant)
    Session.objects.filter(proeftuin=other.proeftuin).update(title=f"{FOREIGN} workshop")
    Skill.objects.filter(organisation=organisation).update(name=f"{FOREIGN} vaardigheid")
    SessionSeries.objects.create(proeftuin=other.proeftuin, title=f"{FOREIGN} reeks", rule="1e di")
    Token.objects.create(user=other.participant.user)
    AccessAttempt.objects.create(
        username=other.participant.user.email,
        ip_address="192.0.2.7",
        user_agent=FOREIGN,
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    interval = IntervalSchedule.objects.create(every=7, period=IntervalSchedule.DAYS)
    PeriodicTask.objects.create(name=f"{FOREIGN} taak", task="x", interval=interval)


@pytest.fixture
def coach_with_a_neighbour(pilot, client_for):
    """A coach whose own pilot has data, and (by id, per model) the other organisation's rows."""
    seed_person(pilot.participant, "eigen", coach=pilot.coach)
    own = _pks_per_model()
    _seed_other_organisation()
    foreign = {model: pks - own[model] for model, pks in _pks_per_model().items()}
    return client_for(pilot.coach), own, foreign


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _relation_fields(model):
    return [
        field
        for field in model._meta.get_fields()
        if field.is_relation
        and not field.auto_created
        and field.related_model in admin.site._registry
    ]


def test_every_admin_is_scoped_to_the_coachs_pilots_or_for_superusers_only():
    unscoped = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if not isinstance(model_admin, PilotScopedAdmin | SuperuserOnly)
    ]
    assert unscoped == []


def test_every_admin_passes_the_system_checks_of_its_scope():
    errors = [
        error for model_admin in admin.site._registry.values() for error in model_admin.check()
    ]
    assert errors == []


def test_no_admin_screen_shows_a_coach_a_name_of_another_organisation(coach_with_a_neighbour):
    client, own, _foreign = coach_with_a_neighbour
    leaks = []
    for model in admin.site._registry:
        pages = [_url(model, "changelist"), _url(model, "add")]
        for pk in sorted(own[model], key=str)[:2]:
            pages += [_url(model, view, quote(pk)) for view in ("change", "delete", "history")]
        for field in _relation_fields(model):
            pages.append(
                reverse("admin:autocomplete")
                + f"?app_label={model._meta.app_label}&model_name={model._meta.model_name}"
                f"&field_name={field.name}&term="
            )
        for page in pages:
            response = client.get(page)
            if response.status_code not in (200, 403, 404):
                leaks.append(f"{page}: {response.status_code}")
            elif FOREIGN.lower() in response.content.decode().lower():
                leaks.append(f"{page}: shows {FOREIGN}")
    assert not leaks, "\n".join(leaks)


def test_a_coachs_admin_search_finds_nothing_of_another_organisation(coach_with_a_neighbour):
    client, _own, _foreign = coach_with_a_neighbour
    found = {}
    for model, model_admin in admin.site._registry.items():
        if not model_admin.search_fields:
            continue
        response = client.get(_url(model, "changelist"), {"q": FOREIGN})
        if response.status_code == 200 and response.context["cl"].result_count:
            found[model._meta.label] = response.context["cl"].result_count
    assert found == {}


def test_another_organisations_ids_answer_404_on_every_admin_page(coach_with_a_neighbour):
    client, _own, foreign = coach_with_a_neighbour
    answers = {}
    for model, pks in foreign.items():
        for pk in pks:
            for view in ("change", "delete", "history"):
                page = _url(model, view, quote(pk))
                status = client.get(page).status_code
                if status != 404:
                    answers[page] = status
    assert not answers, "\n".join(f"{page}: {status}" for page, status in answers.items())
    assert all(foreign[model] for model in (Membership, Session, Skill, PeriodicTask))


def test_an_id_that_exists_nowhere_answers_404_in_the_admin(pilot, client_for):
    url = reverse("admin:proeftuin_membership_change", args=[987654321])
    assert client_for(pilot.coach).get(url).status_code == 404


def test_the_pilot_filter_of_a_coachs_membership_list_names_only_their_own_pilot(
    pilot, other_pilot, client_for
):
    other_pilot.proeftuin.name = "Proeftuin van de buren"
    other_pilot.proeftuin.save()
    response = client_for(pilot.coach).get(reverse("admin:proeftuin_membership_changelist"))
    page = response.content.decode()
    assert shows(page, str(pilot.proeftuin))
    assert not shows(page, other_pilot.proeftuin.name)


def test_only_superusers_see_the_schedules_lockouts_tokens_and_devices(pilot, client_for):
    client = client_for(pilot.coach)
    for label in (
        "django_celery_beat_periodictask",
        "axes_accessattempt",
        "authtoken_tokenproxy",
        "otp_totp_totpdevice",
        "auth_group",
        "workshops_calendarfeed",
    ):
        assert client.get(reverse(f"admin:{label}_changelist")).status_code == 403, label
    superuser = client_for(UserFactory(is_superuser=True, is_staff=True))
    assert (
        superuser.get(reverse("admin:django_celery_beat_periodictask_changelist")).status_code
        == 200
    )


def test_a_raw_id_field_names_only_objects_in_the_coachs_scope(pilot, other_pilot, rf):
    class RawMembershipAdmin(MembershipAdmin):
        raw_id_fields = ["user"]

    request = rf.get("/")
    request.user = pilot.coach.user
    model_admin = RawMembershipAdmin(Membership, admin.site)
    field = model_admin.formfield_for_foreignkey(Membership._meta.get_field("user"), request)
    label, _url_of = field.widget.label_and_url_for_value(other_pilot.participant.user_id)
    assert label == ""
    label, _url_of = field.widget.label_and_url_for_value(pilot.participant.user_id)
    assert label == str(pilot.participant.user)


def _coach_request(rf, membership):
    request = rf.get("/")
    request.user = membership.user
    return request


def test_a_filter_on_values_across_a_relation_lists_only_the_coachs_own_people(
    pilot, other_pilot, rf
):
    class ByNameMembershipAdmin(MembershipAdmin):
        list_filter = ["user__full_name"]

    changelist = ByNameMembershipAdmin(Membership, admin.site).get_changelist_instance(
        _coach_request(rf, pilot.coach)
    )
    (spec,) = changelist.filter_specs
    names = {str(choice["display"]) for choice in spec.choices(changelist)}
    assert pilot.participant.user.full_name in names
    assert other_pilot.participant.user.full_name not in names


def test_a_coachs_search_stays_in_scope_even_over_an_unscoped_queryset(pilot, other_pilot, rf):
    model_admin = admin.site._registry[Membership]
    queryset, _duplicates = model_admin.get_search_results(
        _coach_request(rf, pilot.coach),
        Membership.objects.all(),
        other_pilot.participant.user.email,
    )
    assert list(queryset) == []


def test_an_inline_that_offers_unscoped_choices_fails_the_system_check():
    class PlainInline(admin.TabularInline):
        model = Membership

    class PilotWithPlainInline(ProeftuinAdmin):
        inlines = [PlainInline]

    errors = PilotWithPlainInline(Proeftuin, admin.site).check()
    assert [error.id for error in errors] == ["proeftuin.E001"]
