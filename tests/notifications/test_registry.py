"""The registry names its hooks by dotted path: every path resolves, and a broken one is loud."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from notifications import registry
from notifications.models import Rule


@pytest.mark.parametrize("path", registry.all_paths())
def test_every_dotted_path_of_the_registry_leads_to_a_callable(path):
    assert callable(registry.resolve(path))


def test_every_rule_the_registry_hooks_into_is_a_rule():
    tables = [registry.STILL_DUE, registry.EMAIL_CONTEXT, registry.ATTACHMENTS]
    assert {rule for table in tables for rule in table} <= set(Rule.values)


def test_the_registry_runs_every_planner_it_lists():
    names = {f"{p.__module__}.{p.__name__}" for p in registry.planners()}
    assert names == set(registry.PLANNERS)


def test_a_planner_whose_module_is_missing_makes_the_registry_raise_naming_it(monkeypatch):
    monkeypatch.setattr(registry, "PLANNERS", ["workshops.reminders_old.plan_session_reminders"])
    with pytest.raises(ImportError, match=r"workshops\.reminders_old\.plan_session_reminders"):
        registry.planners()


def test_a_planner_setting_with_a_missing_module_makes_the_registry_raise(settings):
    settings.REMINDER_EXTRA_PLANNERS = ["no_such_app.reminders.plan_things"]
    with pytest.raises(ImportError, match=r"no_such_app\.reminders\.plan_things"):
        registry.planners()


def test_a_hook_whose_function_was_renamed_makes_the_registry_raise_naming_it(monkeypatch):
    monkeypatch.setitem(registry.STILL_DUE, "session_soon", "workshops.reminders.still_wanted")
    with pytest.raises(ImportError, match=r"workshops\.reminders\.still_wanted"):
        registry.hook(registry.STILL_DUE, "session_soon")


def test_a_missing_hook_module_stops_the_system_check_naming_it(monkeypatch):
    monkeypatch.setitem(registry.ATTACHMENTS, "session_soon", "workshops.agenda.attachments")
    with pytest.raises(SystemCheckError, match=r"workshops\.agenda\.attachments"):
        call_command("check")
