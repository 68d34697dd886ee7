"""The demo's coach finds something of every kind waiting in the inbox."""

import pytest
from django.core.management import call_command

from proeftuin.inbox import selectors as inbox
from proeftuin.models import Membership, Role

pytestmark = pytest.mark.django_db


def test_the_demo_coach_has_something_of_every_kind_in_the_inbox():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    coach = Membership.objects.select_related("proeftuin", "user").get(
        user__email="coach@demo.example", role=Role.COACH
    )
    counts = {group.kind: group.count for group in inbox.inbox_for(coach).groups}
    assert all(counts.values()), counts
