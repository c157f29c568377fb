"""The library impact brief: one or two A4 pages for a village head or a
council meeting — the period's key figures with their change on the period
before, a chart of visitors and loans, who was reached, the activities, the
partners and what they gave, and a published story of change whose person
agreed to it. Written in the active language (the caller chooses it)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table

from pustaka.libraries.models import Library
from pustaka.monitoring import counting
from pustaka.monitoring.indicators import indicators
from pustaka.monitoring.policies import Period, local_day
from pustaka.monitoring.queries import rows_behind
from pustaka.monitoring.reports import figures, pdf
from pustaka.programs.models import Story
from pustaka.programs.queries import people_per_activity, stories_published

ACTIVITIES_SHOWN = 8
PARTNERS_SHOWN = 10
STORY_LENGTH = 900

KEY_CODES = (
    "visits.people",
    "loans",
    "members.total",
    "members.new",
    "activities",
    "participants",
    "sessions",
)


@dataclass
class Brief:
    """What the brief says; figures as numbers, texts already in the active language."""

    library: Library
    start: datetime.date
    end: datetime.date
    figures: list[tuple[str, str, object, str]]  # code, label, value, change on the span before
    trend_labels: list[str]
    visitors: list
    loans: list
    reach: list
    activities: list[tuple[datetime.date, str, str, int]]
    activity_total: int
    partners: list[tuple[str, str]]
    money: int
    in_kind: int
    hours: int
    village_fund: int | None
    story: Story | None


def _labels() -> dict:
    return {
        "visits.people": _("Visitors"),
        "loans": _("Books lent"),
        "members.total": _("Members at the end"),
        "members.new": _("New members"),
        "activities": _("Activities held"),
        "participants": _("Participants"),
        "sessions": _("Computer and internet sessions"),
    }


def brief_content(*, user, library: Library, start: datetime.date, end: datetime.date) -> Brief:
    """The brief's figures for ``library`` (which ``user`` must see: else 404)."""
    grain = figures.grain_for(start, end)
    table = indicators(
        user=user, libraries=[library], start=start, end=end, grain=grain, district=False
    )
    row = table.row(library)
    before_start, before_end = figures.span_before(start, end)
    before = indicators(
        user=user,
        libraries=[library],
        start=before_start,
        end=before_end,
        grain=grain,
        district=False,
    )
    labels = _labels()
    key = []
    for code in KEY_CODES:
        now = figures.span_value(table, row, code)
        earlier = figures.span_value(before, before.row(library), code)
        key.append((code, labels[code], now, figures.change(now, earlier)))
    span = Period(start, end, grain)
    activities = counting.done_activities([library.pk], span).select_related("category")
    activities = list(activities.order_by("-starts_at")[:ACTIVITIES_SHOWN])
    people = people_per_activity(activities)
    partners = rows_behind(user, source="partners", library=library, period=span)
    return Brief(
        library=library,
        start=start,
        end=end,
        figures=key,
        trend_labels=[figures.period_label(period) for period in table.periods],
        visitors=row.series("visits.people"),
        loans=row.series("loans"),
        reach=figures.reach(table, row),
        activities=[
            (
                local_day(activity.starts_at),
                activity.title,
                activity.category.name,
                people.get(activity.pk, 0),
            )
            for activity in activities
        ],
        activity_total=figures.span_value(table, row, "activities"),
        partners=[
            (partner.name, partner.get_kind_display()) for partner in partners[:PARTNERS_SHOWN]
        ],
        money=figures.span_value(table, row, "contributions.money"),
        in_kind=figures.span_value(table, row, "contributions.in_kind"),
        hours=figures.span_value(table, row, "contributions.hours"),
        village_fund=figures.span_value(table, row, "village_fund"),
        story=_story(library, start, end),
    )


def _story(library: Library, start: datetime.date, end: datetime.date) -> Story | None:
    """A published story whose person's consent stands: the latest of the
    period, else the latest before its end."""
    stories = stories_published(library=library).order_by("-happened_on", "-published_at")
    return (
        stories.filter(happened_on__range=(start, end)).first()
        or stories.filter(happened_on__lte=end).first()
    )


def span_words(start: datetime.date, end: datetime.date) -> str:
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


def brief_pdf(brief: Brief, *, compress: bool = True) -> bytes:
    """The brief as PDF (A4, portrait)."""
    title = _("%(library)s: what the library did") % {"library": brief.library.name}
    story = [
        pdf.text(title, "title"),
        pdf.text(span_words(brief.start, brief.end), "subtitle"),
        Spacer(1, 3 * mm),
        pdf.text(_summary(brief)),
        *_key_figures(brief),
        *_trend(brief),
        *_reach(brief),
        *_activities(brief),
        *_partners(brief),
        *_story_part(brief),
    ]
    footer = _("Library impact brief · %(library)s · made with Pustaka on %(day)s") % {
        "library": brief.library.name,
        "day": date_format(timezone.localdate(), "j F Y"),
    }
    return pdf.build(story, title=title, footer=footer, compress=compress)


def _summary(brief: Brief) -> str:
    values = {code: value for code, _label, value, _change in brief.figures}
    return _(
        "In this period the library welcomed %(visitors)s visitors, lent %(loans)s books "
        "and held %(activities)s activities with %(participants)s participants."
    ) % {
        "visitors": pdf.number(values["visits.people"]),
        "loans": pdf.number(values["loans"]),
        "activities": pdf.number(values["activities"]),
        "participants": pdf.number(values["participants"]),
    }


def _key_figures(brief: Brief) -> list:
    rows = [[label, pdf.number(value), change] for _code, label, value, change in brief.figures]
    width = pdf.usable_width()
    return [
        pdf.text(_("Key figures"), "heading"),
        pdf.table(
            rows,
            header=[_("Figure"), _("This period"), _("Change on the period before")],
            widths=[width * 0.5, width * 0.2, width * 0.3],
        ),
    ]


def _trend(brief: Brief) -> list:
    if len(brief.trend_labels) < 2:
        return []
    width = pdf.usable_width() / 2 - 3 * mm
    charts = Table(
        [
            [
                pdf.bars(brief.visitors, brief.trend_labels, title=_("Visitors"), width=width),
                pdf.bars(brief.loans, brief.trend_labels, title=_("Books lent"), width=width),
            ]
        ]
    )
    return [Spacer(1, 3 * mm), charts]


def _reach(brief: Brief) -> list:
    rows = []
    for title, group in brief.reach:
        rows.extend(
            [f"{title}: {row.label}", pdf.number(row.visitors), pdf.number(row.participants)]
            for row in group
        )
    if not rows:
        return []
    width = pdf.usable_width()
    return [
        KeepTogether(
            [
                pdf.text(_("Who was reached"), "heading"),
                pdf.table(
                    rows,
                    header=[_("Group"), _("Visitors"), _("Participants in activities")],
                    widths=[width * 0.5, width * 0.25, width * 0.25],
                ),
            ]
        )
    ]


def _activities(brief: Brief) -> list:
    if not brief.activities:
        return []
    width = pdf.usable_width()
    rows = [
        [date_format(day, "j M Y"), title, category, pdf.number(people)]
        for day, title, category, people in brief.activities
    ]
    shown = _("The latest %(shown)s of %(total)s activities held.") % {
        "shown": len(rows),
        "total": pdf.number(brief.activity_total),
    }
    return [
        pdf.text(_("Activities"), "heading"),
        pdf.table(
            rows,
            header=[_("Date"), _("Activity"), _("Category"), _("People")],
            widths=[width * 0.15, width * 0.45, width * 0.28, width * 0.12],
            numeric_from=3,
        ),
        pdf.text(shown, "small"),
    ]


def _partners(brief: Brief) -> list:
    parts = [pdf.text(_("Partners and support"), "heading")]
    given = _(
        "Contributions in money %(money)s, in kind worth %(in_kind)s, "
        "%(hours)s hours of volunteers' time."
    ) % {
        "money": pdf.rupiah(brief.money),
        "in_kind": pdf.rupiah(brief.in_kind),
        "hours": pdf.number(brief.hours),
    }
    parts.append(pdf.text(given))
    if brief.village_fund is not None:
        fund = _("Village fund allocated to the library: %(amount)s.") % {
            "amount": pdf.rupiah(brief.village_fund)
        }
        parts.append(pdf.text(fund))
    if brief.partners:
        names = ", ".join(f"{name} ({kind})" for name, kind in brief.partners)
        parts.append(pdf.text(_("Partners: %(names)s.") % {"names": names}))
    return parts


def _story_part(brief: Brief) -> list:
    story = brief.story
    if story is None:
        return []
    words = story.what_changed
    if len(words) > STORY_LENGTH:
        words = words[:STORY_LENGTH].rsplit(" ", 1)[0] + " …"
    parts = [pdf.text(_("A story of change"), "heading"), pdf.text(story.title, "subtitle")]
    parts.append(pdf.text(words, "quote"))
    who = story.shown_as or _("Name not shown, as the person asked")
    credit = f"— {who}, {date_format(story.happened_on, 'F Y')}"
    if story.helped_by:
        credit += " · " + _("What helped: %(what)s") % {"what": story.helped_by}
    parts.append(pdf.text(credit, "small"))
    return [KeepTogether(parts)]
