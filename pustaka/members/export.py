"""A member's data as a readable PDF, the copy a member may ask for (PDP law):
their details, the consents they gave, their loans and holds."""

import io
from functools import cache
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from pustaka.members.models import Member


def export_pdf(data: dict, *, labels: dict[str, str], library_name: str) -> bytes:
    """``data`` (``queries.member_export_data``) as an A4 PDF; ``labels`` are
    the translated names of the member's fields."""
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("Personal data held by the library"),
        creator="Pustaka",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
    )
    story = [
        Paragraph(escape(_("Personal data held by the library")), styles["Title"]),
        Paragraph(escape(library_name), styles["Normal"]),
        Paragraph(
            escape(
                _("Exported on %(when)s") % {"when": data["exported_at"][:16].replace("T", " ")}
            ),
            styles["Normal"],
        ),
        Spacer(1, 6 * mm),
        Paragraph(escape(_("Member")), styles["Heading2"]),
        _table([(labels.get(name, name), _text(value)) for name, value in data["member"].items()]),
        Paragraph(escape(_("Consents")), styles["Heading2"]),
    ]
    for consent in data["consents"]:
        rows = [
            (_("Given on"), _text(consent["given_on"])),
            (_("Given by (parent or guardian)"), _text(consent["given_by"])),
            (_("Relation to the member"), _text(consent["guardian_relation"])),
            (_("Withdrawn on"), _text(consent["withdrawn_on"])),
            (_("What was shown"), _text(consent["statement"])),
        ]
        story += [_table(rows), Spacer(1, 3 * mm)]
    story.append(Paragraph(escape(_("Loans")), styles["Heading2"]))
    story.append(_list_table(data["loans"], ["title", "library", "checked_out_at", "returned_at"]))
    story.append(Paragraph(escape(_("Holds")), styles["Heading2"]))
    story.append(_list_table(data["holds"], ["title", "pickup_library", "placed_at", "status"]))
    document.build(story)
    return buffer.getvalue()


def member_field_labels() -> dict[str, str]:
    """The translated name of each member field, for the export."""
    return {field.name: str(field.verbose_name) for field in Member._meta.concrete_fields}


def _text(value) -> str:
    return "–" if value in (None, "") else str(value)


@cache
def _styles():
    """reportlab's sample styles, made once (not for every table cell)."""
    return getSampleStyleSheet()


def _paragraph(text: str) -> Paragraph:
    return Paragraph(escape(text), _styles()["BodyText"])


def _table(rows) -> Table:
    table = Table(
        [[_paragraph(str(name)), _paragraph(value)] for name, value in rows],
        colWidths=[55 * mm, 119 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
            ]
        )
    )
    return table


def _list_table(rows: list[dict], keys: list[str]):
    if not rows:
        return _paragraph(_("None."))
    table = Table(
        [[_paragraph(_text(row.get(key))) for key in keys] for row in rows],
        colWidths=[70 * mm, 24 * mm, 40 * mm, 40 * mm],
    )
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey)]))
    return table
