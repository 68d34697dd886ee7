"""Geometry of the small server-rendered SVG charts (no JavaScript, a table sits next to them)."""

from dataclasses import dataclass
from datetime import date

from .models import SkillGoal

WIDTH, HEIGHT = 320, 160
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 28, 12, 12, 24


@dataclass
class Point:
    x: float
    y: float
    on: date
    level: int


@dataclass
class GoalChart:
    width: int
    height: int
    points: list[Point]
    polyline: str
    target_y: float
    grid: list[tuple[int, float]]  # (level, y)
    first_label: date
    last_label: date
    bottom: float
    left: float
    right: float


def goal_chart(goal: SkillGoal, check_ins) -> GoalChart:
    """The level over time: the start level on the start date, then every check-in."""
    series = [(goal.starts_on, goal.start_level)] + [(c.on, c.level) for c in check_ins]
    first = goal.starts_on
    last = max([goal.due_on] + [on for on, _level in series])
    span = max((last - first).days, 1)
    inner_w = WIDTH - PAD_LEFT - PAD_RIGHT
    inner_h = HEIGHT - PAD_TOP - PAD_BOTTOM

    def y_of(level: int) -> float:
        return round(PAD_TOP + inner_h * (5 - level) / 4, 1)

    points = [
        Point(round(PAD_LEFT + inner_w * (on - first).days / span, 1), y_of(level), on, level)
        for on, level in series
    ]
    return GoalChart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        target_y=y_of(goal.target_level),
        grid=[(level, y_of(level)) for level in range(1, 6)],
        first_label=first,
        last_label=last,
        bottom=HEIGHT - PAD_BOTTOM,
        left=PAD_LEFT,
        right=WIDTH - PAD_RIGHT,
    )
