"""Template helpers of the monitoring pages: a figure as a reader sees it,
and the SVG charts."""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from pustaka.monitoring import charts, queries

register = template.Library()


@register.filter
def figure(value, item=None):
    """``value`` with the indicator's decimal places and unit; a dash when not known."""
    if value is None:
        return "–"
    places = getattr(item, "places", 0)
    text = number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    unit = getattr(item, "unit", "")
    if unit == "Rp":
        return f"Rp {text}"
    return f"{text} {unit}" if unit else text


@register.filter
def share(part, whole):
    """``part`` as a percentage of ``whole`` ("–" when there is no whole)."""
    if not whole or part is None:
        return "–"
    return f"{number_format(100 * part / whole, decimal_pos=0, use_l10n=True)} %"


@register.simple_tag
def sparkline(values, label):
    return charts.sparkline(values, label=label)


@register.simple_tag
def figure_link(value, item, href, period):
    """The figure, linked to the rows it counts in ``period`` (those of its
    breakdown, for one) when ``href`` (the rows page of a library or of the
    district) is given."""
    shown = figure(value, item)
    if not (href and item.rows):
        return shown
    link = queries.rows_href(href, item, period)
    return format_html('<a href="{}">{}</a>', link, shown)


@register.simple_tag
def figure_cell(cell, href, period):
    """A dashboard cell: the period's figure (linked) and its trend line."""
    shown = figure_link(cell["value"], cell["item"], href, period)
    trend = charts.sparkline(cell["series"], label=cell["label"])
    return format_html('<td class="number"><span class="cell">{}{}</span></td>', shown, trend)


@register.simple_tag
def bars(labels, values, title):
    return charts.bars(list(zip(labels, values, strict=True)), title=title)


@register.simple_tag
def progress_words(item):
    """Where a target stands, in words."""
    progress = item.progress
    if progress.reached is None:
        return _("not known yet")
    if progress.on_track:
        return _("on track")
    return _("behind")
