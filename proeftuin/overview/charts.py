"""Charts as SVG drawn on the server: no JavaScript, readable in print and by a screen reader.

Each chart is role="img" with a <title> and <desc>; the page puts a table with the same numbers
right next to it. Colours are a single-hue ramp, so stages stay distinguishable in grey print,
and every bar carries its number as text.
"""

from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

# Light to dark, one hue: stage 1..5. Text colour per fill keeps contrast >= 4.5:1.
STAGE_FILLS = ["#e3eef2", "#b3d2dc", "#6fa6b8", "#2f7890", "#0b4a5c"]
STAGE_TEXT = ["#1b1f24", "#1b1f24", "#1b1f24", "#ffffff", "#ffffff"]
BAR = "#0b5c73"
MUTED = "#4a5360"
LINE = "#c9d0d8"
DASHES = ["", "6 3", "2 3", "8 3 2 3"]
MARKERS = ["circle", "square", "diamond", "triangle"]


def _e(text) -> str:
    return escape(str(text), {'"': "&quot;"})


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> str:
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'preserveAspectRatio="xMinYMin meet" font-family="system-ui, sans-serif" font-size="12">'
        f'<title id="{chart_id}-title">{_e(title)}</title>'
        f'<desc id="{chart_id}-desc">{_e(desc)}</desc>'
    )


def bar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    labels: list[str],
    values: list[float | None],
    value_labels: list[str],
    suppressed_mark: str = "×",
) -> SafeString:
    """Vertical bars; a value of None (suppressed) draws no bar but a mark above the axis."""
    count = max(len(labels), 1)
    slot = 44
    left, top, bottom = 8, 22, 36
    width = left * 2 + slot * count
    height = 190
    plot = height - top - bottom
    peak = max([v for v in values if v is not None] or [0]) or 1
    parts = [_open(chart_id, width, height, title, desc)]
    base = top + plot
    parts.append(
        f'<line x1="{left}" y1="{base}" x2="{width - left}" y2="{base}" stroke="{MUTED}" />'
    )
    for index, (label, value, value_label) in enumerate(
        zip(labels, values, value_labels, strict=True)
    ):
        x = left + index * slot
        centre = x + slot / 2
        if value is None:
            parts.append(
                f'<text x="{centre:.1f}" y="{base - 6}" text-anchor="middle" fill="{MUTED}">'
                f"{_e(suppressed_mark)}</text>"
            )
        else:
            bar_height = plot * value / peak
            y = base - bar_height
            parts.append(
                f'<rect x="{x + 6}" y="{y:.1f}" width="{slot - 12}" height="{bar_height:.1f}" '
                f'fill="{BAR}" />'
            )
            parts.append(
                f'<text x="{centre:.1f}" y="{y - 4:.1f}" text-anchor="middle" fill="#1b1f24">'
                f"{_e(value_label)}</text>"
            )
        parts.append(
            f'<text x="{centre:.1f}" y="{base + 16}" text-anchor="middle" fill="#1b1f24">'
            f"{_e(label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def stage_distribution_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    bars: list[tuple[str, list[int] | None]],
    suppressed_text: str,
) -> SafeString:
    """Horizontal 100% stacked bars, one per round (e.g. baseline and latest), stages 1..5.

    The legend of the stages is HTML beside the charts (`stage_legend.html`): text inside an SVG
    shrinks with it, to 8 px on a phone.
    """
    label_width, bar_width, row, top = 110, 300, 34, 8
    width = label_width + bar_width + 10
    height = top + row * len(bars)
    parts = [_open(chart_id, width, height, title, desc)]
    for index, (label, counts) in enumerate(bars):
        y = top + index * row
        parts.append(f'<text x="0" y="{y + 17}" fill="#1b1f24">{_e(label)}</text>')
        if counts is None:
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{bar_width}" height="24" fill="#ffffff" '
                f'stroke="{LINE}" /><text x="{label_width + 8}" y="{y + 17}" fill="{MUTED}">'
                f"{_e(suppressed_text)}</text>"
            )
            continue
        total = sum(counts)
        x = float(label_width)
        if total == 0:
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{bar_width}" height="24" fill="#ffffff" '
                f'stroke="{LINE}" />'
            )
            continue
        for stage, n in enumerate(counts):
            if not n:
                continue
            w = bar_width * n / total
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="24" '
                f'fill="{STAGE_FILLS[stage]}" stroke="#ffffff" />'
            )
            if w >= 14:
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 17}" text-anchor="middle" '
                    f'fill="{STAGE_TEXT[stage]}">{n}</text>'
                )
            x += w
    parts.append("</svg>")
    return mark_safe("".join(parts))


def median_line_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    round_labels: list[str],
    series: list[tuple[str, list[float | None]]],
) -> SafeString:
    """Median stage (1..5) per round, one line per series with its own dash and marker.

    Series with the same median in a round are drawn a few pixels apart, so a line never hides
    another; a round label may hold a second line (after a newline), e.g. that it is still open.
    """
    left, right, top, bottom = 40, 40, 10, 28
    count = max(len(round_labels), 2)
    width = max(380, left + right + 100 * (count - 1))
    slot = (width - left - right) / (count - 1)
    plot_height = 130
    bottom += 14 * max((label.count("\n") for label in round_labels), default=0)
    height = top + plot_height + bottom + len(series) * 16
    parts = [_open(chart_id, width, height, title, desc)]

    def y_of(stage: float) -> float:
        return top + plot_height - (stage - 1) / 4 * plot_height

    for stage in range(1, 6):
        y = y_of(stage)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{LINE}" />'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#1b1f24">{stage}</text>'
        )
    for index, label in enumerate(round_labels):
        x = left + index * slot
        lines = "".join(
            f'<tspan x="{x:.1f}" dy="{0 if n == 0 else 14}">{_e(line)}</tspan>'
            for n, line in enumerate(label.split("\n"))
        )
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_height + 16}" text-anchor="middle" fill="#1b1f24">'
            f"{lines}</text>"
        )
    dodge = _dodge([values for _name, values in series])
    for number, (name, values) in enumerate(series):
        dash = DASHES[number % len(DASHES)]
        points = [
            (left + index * slot, y_of(value) + dodge[number][index])
            for index, value in enumerate(values)
            if value is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{STAGE_FILLS[4 - number % 3]}" '
                f'stroke-width="2"{dash_attr} />'
            )
        for x, y in points:
            parts.append(_marker(MARKERS[number % len(MARKERS)], x, y))
        legend_y = top + plot_height + bottom + number * 16 + 4
        legend_x = 4
        parts.append(
            f'<line x1="{legend_x}" y1="{legend_y - 4}" x2="{legend_x + 28}" y2="{legend_y - 4}" '
            f'stroke="{STAGE_FILLS[4 - number % 3]}" stroke-width="2"'
            + (f' stroke-dasharray="{dash}"' if dash else "")
            + " />"
            + _marker(MARKERS[number % len(MARKERS)], legend_x + 14, legend_y - 4)
            + f'<text x="{legend_x + 36:.1f}" y="{legend_y}" fill="#1b1f24">{_e(name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _dodge(series: list[list[float | None]], gap: float = 4.0) -> list[list[float]]:
    """Vertical offsets that spread series sharing a value in a round around that value."""
    offsets = [[0.0] * len(values) for values in series]
    for index in range(max((len(values) for values in series), default=0)):
        same: dict[float, list[int]] = {}
        for number, values in enumerate(series):
            if index < len(values) and values[index] is not None:
                same.setdefault(values[index], []).append(number)
        for numbers in same.values():
            for rank, number in enumerate(numbers):
                offsets[number][index] = (rank - (len(numbers) - 1) / 2) * gap
    return offsets


def _marker(shape: str, x: float, y: float) -> str:
    fill = "#1b1f24"
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{fill}" />'
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{fill}" />'
    if shape == "diamond":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} '
            f'{x - 5:.1f},{y:.1f}" fill="{fill}" />'
        )
    return (
        f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}" '
        f'fill="{fill}" />'
    )
