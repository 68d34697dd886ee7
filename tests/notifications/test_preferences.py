"""Which reminder rules reach whom, and the service that stores the opt-outs."""

import pytest

from notifications import services
from notifications.models import GUEST, RULE_ROLES, NotificationPreference, Rule, rules_for_roles
from notifications.selectors import rules_for
from proeftuin.models import ETHICS_REVIEWER, Role

pytestmark = pytest.mark.django_db


def test_every_rule_names_the_roles_it_reaches():
    assert set(RULE_ROLES) == set(Rule.values)
    holds = {*Role.values, ETHICS_REVIEWER, GUEST}  # a role, a task held beside one, a guest
    assert all(RULE_ROLES[rule] <= holds and RULE_ROLES[rule] for rule in Rule.values)


def test_the_rules_of_several_roles_are_the_union_in_rule_order():
    assert rules_for_roles([Role.DIRECTOR, Role.COACH]) == [
        Rule.COACH_PLAN_NEXT_MONTH,
        Rule.DIRECTOR_DIGEST,
        Rule.PLAN_GAP,
        Rule.PLAN_ACTION_DUE,
        Rule.ETHICS_REVIEW_WAITING,
        Rule.GOAL_CONFIRMATION_ASKED,
        Rule.GOAL_MESSAGE,
        Rule.COACH_INBOX_DIGEST,
    ]
    assert rules_for_roles([]) == []


def test_a_user_gets_the_rules_of_their_active_roles_only(pilot):
    assert rules_for(pilot.director.user) == [Rule.DIRECTOR_DIGEST, Rule.PLAN_ACTION_DUE]
    pilot.director.is_active = False
    pilot.director.save(update_fields=["is_active"])
    assert rules_for(pilot.director.user) == []


def test_the_service_refuses_a_rule_that_cannot_reach_the_user_and_stores_nothing(pilot):
    with pytest.raises(services.RuleNotAvailable, match="bij jouw rol"):
        services.set_wanted_rules(user=pilot.coach.user, wanted=[Rule.GONE_QUIET])
    assert not NotificationPreference.objects.exists()


def test_the_service_only_touches_the_rules_that_reach_the_user(pilot):
    user = pilot.director.user
    NotificationPreference.objects.create(user=user, rule=Rule.GONE_QUIET)
    services.set_wanted_rules(user=user, wanted=[])
    assert set(NotificationPreference.objects.filter(user=user).values_list("rule", flat=True)) == {
        Rule.GONE_QUIET,
        Rule.DIRECTOR_DIGEST,
        Rule.PLAN_ACTION_DUE,
    }


def test_an_appointed_ethics_reviewer_gets_the_waiting_review_rule_and_others_do_not(pilot):
    assert Rule.ETHICS_REVIEW_WAITING not in rules_for(pilot.participant.user)
    pilot.participant.is_ethics_reviewer = True
    pilot.participant.save(update_fields=["is_ethics_reviewer"])
    assert Rule.ETHICS_REVIEW_WAITING in rules_for(pilot.participant.user)
