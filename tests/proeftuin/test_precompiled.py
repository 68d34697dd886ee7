"""A query compiled once answers as the queryset it was built from, for every value given."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from notifications.selectors import unread_count
from proeftuin.models import Membership
from proeftuin.precompiled import Precompiled
from proeftuin.web.menu import roles_of
from tests import factories

pytestmark = pytest.mark.django_db

STAND_IN_USER = -9_000_000_001
STAND_IN_MOMENT = datetime(1901, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)


def _joined_since(user, joined_after):
    return Membership.objects.filter(user_id=user, joined_at__gt=joined_after).order_by("pk")


def test_rows_are_the_querysets_rows_for_each_value(pilot, other_pilot):
    user = pilot.participant.user
    factories.ParticipantFactory(proeftuin=other_pilot.proeftuin, user=user)
    query = Precompiled(
        lambda user, since: _joined_since(user, since).values_list(
            "pk", "proeftuin__name", "is_ethics_reviewer", "joined_at"
        ),
        user=STAND_IN_USER,
        since=STAND_IN_MOMENT,
    )
    for someone in (user, pilot.coach.user, pilot.director.user):
        for since in (timezone.now() - timedelta(days=400), timezone.now() + timedelta(days=1)):
            expected = list(
                _joined_since(someone.pk, since).values_list(
                    "pk", "proeftuin__name", "is_ethics_reviewer", "joined_at"
                )
            )
            assert query.rows(user=someone.pk, since=since) == expected
    rows = query.rows(user=user.pk, since=timezone.now() - timedelta(days=400))
    assert len(rows) == 2
    # The query's converters ran: a real boolean and an aware moment, on every database.
    assert rows[0][2] is False
    assert rows[0][3].tzinfo is not None


def test_a_values_query_gives_rows_by_name(pilot):
    query = Precompiled(
        lambda user: Membership.objects.filter(user_id=user).values("role", "proeftuin_id"),
        user=STAND_IN_USER,
    )
    assert query.rows(user=pilot.coach.user.pk) == [
        {"role": "coach", "proeftuin_id": pilot.proeftuin.pk}
    ]


def test_a_stand_in_the_query_does_not_use_is_refused():
    query = Precompiled(
        lambda user: Membership.objects.filter(user_id=1).values_list("pk"), user=STAND_IN_USER
    )
    with pytest.raises(ValueError, match="'user' is not a parameter"):
        query.rows(user=1)


def test_a_run_needs_every_value_and_no_other(pilot):
    query = Precompiled(
        lambda user: Membership.objects.filter(user_id=user).values_list("pk"), user=STAND_IN_USER
    )
    with pytest.raises(TypeError):
        query.rows()
    with pytest.raises(TypeError):
        query.rows(user=pilot.coach.user.pk, other=1)


def test_the_menus_roles_and_unread_count_are_the_users_own(pilot, other_pilot):
    user = pilot.participant.user
    factories.ReminderFactory(recipient=user, state="sent")
    factories.ReminderFactory(recipient=user, state="sent", read_at=timezone.now())
    factories.ReminderFactory(recipient=pilot.coach.user, state="sent")
    assert unread_count(user) == 1
    assert unread_count(pilot.director.user) == 0
    assert [(m.proeftuin_id, m.role) for m in roles_of(user)] == [
        (pilot.proeftuin.pk, "participant")
    ]
    counted = (
        Membership.objects.filter(user=pilot.coach.user).values("user").annotate(n=Count("pk"))
    )
    assert len(roles_of(pilot.coach.user)) == counted[0]["n"]


def test_models_come_with_what_select_related_joined(pilot, django_assert_num_queries):
    query = Precompiled(
        lambda user: Membership.objects.select_related("proeftuin__organisation", "user")
        .filter(user_id=user)
        .annotate(goals_set=Count("goals")),
        user=STAND_IN_USER,
    )
    factories.GoalFactory(membership=pilot.participant)
    query.rows(user=pilot.participant.user.pk)  # compiled here, outside the count
    with django_assert_num_queries(1):
        (membership,) = query.rows(user=pilot.participant.user.pk)
        assert membership == pilot.participant
        assert membership.proeftuin.organisation.name == pilot.proeftuin.organisation.name
        assert membership.user.email == pilot.participant.user.email
        assert membership.goals_set == 1
        assert membership._state.adding is False
    membership.role = "coach"
    membership.save(update_fields=["role"])  # an instance like any other
    assert Membership.objects.get(pk=membership.pk).role == "coach"


def test_a_prefetch_is_refused():
    query = Precompiled(
        lambda user: Membership.objects.filter(user_id=user).prefetch_related("goals"),
        user=STAND_IN_USER,
    )
    with pytest.raises(TypeError, match="prefetch"):
        query.rows(user=1)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite holds every integer in 64 bits"
)
def test_a_stand_in_outside_its_fields_range_is_refused_with_a_reason():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    query = Precompiled(
        lambda device: TOTPDevice.objects.filter(pk=device), device=-9_000_000_001
    )  # a 32-bit id: Django compiles this as "no rows"
    with pytest.raises(ValueError, match="outside its field's range"):
        query.rows(device=1)


def test_getting_a_user_by_id_is_the_querysets_get(pilot):
    from proeftuin.models import User

    user = pilot.coach.user
    fetched = User.objects.get(pk=user.pk)
    assert fetched == user
    assert (fetched.email, fetched.password, fetched.language) == (
        user.email,
        user.password,
        user.language,
    )
    assert User.objects.get(pk=user.pk, is_active=True) == user  # any other get: Django's own
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=-1)
    user.delete()
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=fetched.pk)


def test_the_signed_in_user_is_read_fresh_on_every_request(pilot, client_for):
    client = client_for(pilot.participant)
    assert (
        pilot.participant.user.display_name
        in client.get(reverse("proeftuin:accessibility")).content.decode()
    )
    pilot.participant.user.is_active = False
    pilot.participant.user.save()
    assert (
        pilot.participant.user.display_name
        not in client.get(reverse("proeftuin:accessibility")).content.decode()
    )


def test_columns_that_the_ordering_adds_are_not_in_the_rows(pilot, other_pilot):
    user = pilot.participant.user
    factories.ParticipantFactory(proeftuin=other_pilot.proeftuin, user=user)

    def ordered(user):
        return Membership.objects.filter(user_id=user).distinct().order_by("proeftuin__name")

    as_list = Precompiled(lambda user: ordered(user).values_list("pk"), user=STAND_IN_USER)
    as_dicts = Precompiled(lambda user: ordered(user).values("pk"), user=STAND_IN_USER)
    assert as_list.rows(user=user.pk) == list(ordered(user.pk).values_list("pk"))
    assert as_dicts.rows(user=user.pk) == list(ordered(user.pk).values("pk"))
    assert len(as_list.rows(user=user.pk)) == 2


def test_an_id_beyond_64_bits_finds_nothing_as_in_the_orm(pilot):
    from django.http import Http404

    from proeftuin import access
    from proeftuin.models import User

    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=2**70)
    with pytest.raises(Http404):
        access.membership_or_404(pilot.coach.user, 2**64)
    with pytest.raises(Http404):
        access.membership_or_404(pilot.coach.user, -(2**64))


def test_a_related_manager_still_gets_only_its_own_users(pilot):
    from django.contrib.auth.models import Group

    from proeftuin.models import User

    group = Group.objects.create(name="stuurgroep")
    group.user_set.add(pilot.director.user)
    assert group.user_set.get(pk=pilot.director.user.pk) == pilot.director.user
    with pytest.raises(User.DoesNotExist):
        group.user_set.get(pk=pilot.coach.user.pk)
