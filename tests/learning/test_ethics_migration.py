"""The owner's self-certified yes/no check becomes the start of a review, not an approval."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("learning", "0002_initial")]
AFTER = [("learning", "0003_ethics_review_replaces_self_check")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_the_self_check_answers_move_into_a_draft_review_with_the_check_in_its_history():
    executor = _migrate(BEFORE)
    # The other apps stay at their newest migrations: the models as they are in the database.
    # (An app whose migrations need a later learning migration is not in the database now.)
    graph = executor.loader.graph
    allowed = set(graph.forwards_plan(BEFORE[0]))
    others = [
        node
        for node in graph.leaf_nodes()
        if node[0] != "learning"
        and all(step[0] != "learning" or step in allowed for step in graph.forwards_plan(node))
    ]
    apps = executor.loader.project_state([*BEFORE, *others]).apps
    membership = apps.get_model("proeftuin", "Membership")
    experiment = apps.get_model("learning", "Experiment")
    organisation = apps.get_model("proeftuin", "Organisation").objects.create(
        name="O", slug="o-migration"
    )
    pilot = apps.get_model("proeftuin", "Proeftuin").objects.create(
        organisation=organisation, name="P", starts_on="2026-01-01", ends_on="2026-12-31"
    )
    user = apps.get_model("proeftuin", "User").objects.create(email="m@example.org")
    owner = membership.objects.create(user=user, proeftuin=pilot, role="participant")
    checked_at = timezone.now()
    common = {
        "owner": owner,
        "question": "?",
        "planned_start": "2026-02-01",
        "planned_end": "2026-03-01",
    }
    experiment.objects.create(
        title="Checked",
        status="running",
        touches_personal_data=True,
        consent_arranged=True,
        not_want_to_know="Wie er langzaam werkt",
        ethics_checked_at=checked_at,
        **common,
    )
    experiment.objects.create(title="Unchecked", **common)
    try:
        after = _migrate(AFTER)
        # Read with the models as they are at that migration: later ones add columns.
        review = after.loader.project_state([*AFTER, *others]).apps.get_model(
            "learning", "EthicsReview"
        )
        checked = review.objects.get(experiment__title="Checked")
        assert checked.state == "draft"
        assert checked.not_want_to_know == "Wie er langzaam werkt"
        assert checked.personal_data.startswith("Ja")
        assert checked.understanding_and_consent.startswith("Er is toestemming")
        assert list(checked.steps.values_list("kind", "actor_role")) == [
            ("self_certified", "owner")
        ]
        assert checked.experiment.status == "running"  # under way before reviews: not stopped
        unchecked = review.objects.get(experiment__title="Unchecked")
        assert (unchecked.personal_data, unchecked.steps.count()) == ("", 0)
    finally:
        executor = MigrationExecutor(connection)
        _migrate(executor.loader.graph.leaf_nodes())
