"""Small SVG charts drawn on the server (no chart library reaches the
browser): a trend line for a table cell and bars for a figure over time.
Each says its numbers in words for screen readers (``aria-label``); pages
also give the numbers as a table. Colours are SVG attributes, so the charts
print without the page's style sheet."""

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

INK = "#213547"
MUTED = "#767676"


def _number(value) -> str:
    if value is None:
        return _("not known")
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return f"{int(value)}"


def _scaled(values: list, top: float, bottom: float) -> list:
    known = [value for value in values if value is not None]
    highest = max(known, default=0) or 1
    lowest = min(0, *known) if known else 0
    span = (highest - lowest) or 1
    return [
        None if value is None else bottom - (value - lowest) / span * (bottom - top)
        for value in values
    ]


def sparkline(values: list, *, label: str, width: int = 80, height: int = 22) -> SafeString:
    """A trend line of ``values`` (oldest first, ``None`` breaks the line),
    the last point marked."""
    if not values:
        return mark_safe("")
    step = (width - 4) / max(len(values) - 1, 1)
    ys = _scaled(values, 3, height - 3)
    runs, run = [], []
    for index, y in enumerate(ys):
        if y is not None:
            run.append(f"{2 + index * step:.1f},{y:.1f}")
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    lines = "".join(
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{INK}" stroke-width="1.5"/>'
        for points in runs
    )
    last = ""
    if ys[-1] is not None:
        last = f'<circle cx="{2 + (len(ys) - 1) * step:.1f}" cy="{ys[-1]:.1f}" r="2" fill="{INK}"/>'
    words = ", ".join(_number(value) for value in values)
    return format_html(
        '<svg class="sparkline" role="img" aria-label="{}" width="{}" height="{}" '
        'viewBox="0 0 {} {}" xmlns="http://www.w3.org/2000/svg">{}</svg>',
        f"{label}: {words}",
        width,
        height,
        width,
        height,
        mark_safe(lines + last),
    )


def bars(points: list[tuple[str, object]], *, title: str, height: int = 160) -> SafeString:
    """Bars of ``points`` (label, value), labels under the first, middle and
    last bars, the highest value on the axis; scales to its container."""
    if not points:
        return mark_safe("")
    width = max(320, 28 * len(points))
    top, bottom, left = 14, height - 22, 40
    slot = (width - left - 4) / len(points)
    values = [value for _label, value in points]
    ys = _scaled(values, top, bottom)
    highest = max((value for value in values if value is not None), default=0)
    parts = [
        f'<line x1="{left}" y1="{bottom}" x2="{width - 2}" y2="{bottom}" stroke="{MUTED}"/>',
        _text(left - 4, top + 4, _number(highest), anchor="end"),
        _text(left - 4, bottom, "0", anchor="end"),
    ]
    shown = {0, len(points) // 2, len(points) - 1}
    for index, ((label, value), y) in enumerate(zip(points, ys, strict=True)):
        x = left + index * slot + slot * 0.15
        if y is not None:
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
                f'height="{bottom - y:.1f}" fill="{INK}"><title>{escape(label)}: '
                f"{_number(value)}</title></rect>"
            )
        if index in shown:
            parts.append(_text(x + slot * 0.35, height - 6, label, anchor="middle"))
    words = "; ".join(f"{label}: {_number(value)}" for label, value in points)
    return format_html(
        '<svg class="bars" role="img" aria-label="{}" viewBox="0 0 {} {}" '
        'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">{}</svg>',
        f"{title}. {words}",
        width,
        height,
        mark_safe("".join(parts)),
    )


def _text(x: float, y: float, text: str, *, anchor: str) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="10" fill="{INK}" '
        f'text-anchor="{anchor}">{escape(text)}</text>'
    )
