"""Reminder timing per pilot: what the coach may set, within which bounds, and saving it.

The values are columns of the pilot (`Proeftuin.session_days_before`, `goal_days_before`,
`quiet_after_days`), so a planner joins them into its one query, whatever the number of pilots.
Their defaults and bounds are the model fields' own (default, Min/MaxValueValidator); this
module reads them from there, so a bound is written once.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import transaction
from django.utils.translation import gettext as _

from proeftuin.errors import DomainError
from proeftuin.models import Proeftuin

# The settings the coach sets, in the order of the page.
FIELDS = ("session_days_before", "goal_days_before", "quiet_after_days")


def bounds(name: str) -> tuple[int, int]:
    """The lowest and highest value the field allows."""
    validators = Proeftuin._meta.get_field(name).validators
    low = next(v.limit_value for v in validators if isinstance(v, MinValueValidator))
    high = next(v.limit_value for v in validators if isinstance(v, MaxValueValidator))
    return low, high


def default(name: str) -> int:
    return Proeftuin._meta.get_field(name).default


def timing_of(proeftuin: Proeftuin) -> dict[str, int]:
    return {name: getattr(proeftuin, name) for name in FIELDS}


class TimingOutOfBounds(DomainError):
    """A value outside its bounds; the error names each field."""


def _check(values: dict[str, object]) -> dict[str, int]:
    errors, clean = {}, {}
    for name, value in values.items():
        low, high = bounds(name)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            errors[name] = _("Kies een heel aantal dagen van %(low)s tot en met %(high)s.") % {
                "low": low,
                "high": high,
            }
            continue
        try:
            Proeftuin._meta.get_field(name).run_validators(value)
        except ValidationError as exc:
            errors[name] = " ".join(exc.messages)
            continue
        clean[name] = value
    if errors:
        raise TimingOutOfBounds(errors=errors)
    return clean


@transaction.atomic
def set_timing(*, proeftuin: Proeftuin, **values: object) -> Proeftuin:
    """Save the given settings (others stay as they are); all or nothing.

    The planners read them at their next sweep: a reminder already in the ledger stays as it
    was planned, the next ones follow the new days.
    """
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise DomainError(errors={name: _("Deze instelling bestaat niet.") for name in unknown})
    clean = _check(values)
    changed = {name: value for name, value in clean.items() if getattr(proeftuin, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(proeftuin, name, value)
        proeftuin.save(update_fields=list(changed))
    return proeftuin
