"""Fixtures of the learning tests: a skill of the pilot's organisation and a goal on it."""

import pytest

from tests import factories


@pytest.fixture
def skill(pilot):
    return factories.SkillFactory(organisation=pilot.proeftuin.organisation, name="Draaitabellen")


@pytest.fixture
def other_skill(other_pilot):
    """A skill of another organisation."""
    return factories.SkillFactory(organisation=other_pilot.proeftuin.organisation)


@pytest.fixture
def goal(pilot, skill):
    return factories.GoalFactory(
        membership=pilot.participant, skill=skill, statement="Zelf een draaitabel maken"
    )


@pytest.fixture
def activity(pilot):
    return factories.ActivityFactory(membership=pilot.participant, title="Lunchlezing over de AVG")


@pytest.fixture
def experiment(pilot):
    return factories.ExperimentFactory(owner=pilot.participant, title="Wachttijd aan de balie")
