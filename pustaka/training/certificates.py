"""Training certificates as PDF: one A4 landscape page per trainee who
attended enough sessions, with the office's name, the certificate number,
the trainee and their library, the training with its dates, the sessions and
hours attended, and a line for the head of the office to sign."""

import io
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from pustaka.catalog.labels import BOLD, REGULAR, fit_text
from pustaka.training.models import Training
from pustaka.training.queries import CertificateRow

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 15 * mm
TEXT_WIDTH = PAGE_WIDTH - 4 * MARGIN


@dataclass(frozen=True)
class Certificate:
    """What one certificate says; every text already translated."""

    issuer: str
    heading: str
    number: str
    awarded_to: str
    name: str
    library: str
    for_taking_part: str
    training: str
    held: str
    attended: str
    place_and_date: str
    signer: str


def certificate_for(row: CertificateRow, *, training: Training, issuer: str) -> Certificate:
    """The texts of ``row``'s certificate in the active language."""
    hours = row.minutes / 60
    return Certificate(
        issuer=issuer,
        heading=_("Certificate"),
        number=_("No. %(number)s") % {"number": row.number},
        awarded_to=_("is awarded to"),
        name=row.trainee.name,
        library=row.trainee.library.name,
        for_taking_part=_("for taking part in the training"),
        training=training.title,
        held=_("held by %(organiser)s at %(venue)s, %(dates)s")
        % {"organiser": training.organiser, "venue": training.venue, "dates": days(training)},
        attended=_("attending %(attended)s of %(sessions)s sessions (%(hours)s hours)")
        % {
            "attended": row.attended,
            "sessions": row.sessions,
            "hours": f"{hours:g}" if hours == int(hours) else f"{hours:.1f}",
        },
        place_and_date=f"{training.venue}, {date_format(training.ends_on, 'j F Y')}",
        signer=_("Head of the office"),
    )


def days(training: Training) -> str:
    """The training's days in words: "13 – 16 November 2024", or one date."""
    if training.starts_on == training.ends_on:
        return date_format(training.starts_on, "j F Y")
    first = "j F Y" if training.starts_on.year != training.ends_on.year else "j F"
    if first == "j F" and training.starts_on.month == training.ends_on.month:
        first = "j"
    return f"{date_format(training.starts_on, first)} – {date_format(training.ends_on, 'j F Y')}"


def certificates_pdf(certificates: list[Certificate], *, title: str) -> bytes:
    """The certificates, one to an A4 landscape page."""
    if not certificates:
        raise ValueError("no certificates to print")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=True)
    canvas.setTitle(title)
    canvas.setCreator("Pustaka")
    for certificate in certificates:
        draw_certificate(canvas, certificate)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def draw_certificate(canvas: Canvas, certificate: Certificate) -> None:
    """One certificate: a double frame, then the texts centred from the top."""
    canvas.setStrokeGray(0.3)
    canvas.setLineWidth(2)
    canvas.rect(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN)
    canvas.setLineWidth(0.5)
    inner = MARGIN + 3 * mm
    canvas.rect(inner, inner, PAGE_WIDTH - 2 * inner, PAGE_HEIGHT - 2 * inner)
    lines = [
        (certificate.issuer, BOLD, 14, 30 * mm),
        (certificate.heading.upper(), BOLD, 34, 50 * mm),
        (certificate.number, REGULAR, 11, 59 * mm),
        (certificate.awarded_to, REGULAR, 13, 75 * mm),
        (certificate.name, BOLD, 26, 89 * mm),
        (certificate.library, REGULAR, 13, 98 * mm),
        (certificate.for_taking_part, REGULAR, 13, 112 * mm),
        (certificate.training, BOLD, 17, 122 * mm),
        (certificate.held, REGULAR, 12, 131 * mm),
        (certificate.attended, REGULAR, 12, 139 * mm),
    ]
    canvas.setFillGray(0)
    for text, font, size, from_top in lines:
        _centred(canvas, text, font, size, PAGE_HEIGHT - from_top)
    _signature(canvas, certificate)


def _centred(canvas: Canvas, text: str, font: str, size: float, y: float) -> None:
    canvas.setFont(font, size)
    canvas.drawCentredString(PAGE_WIDTH / 2, y, fit_text(text, font, size, TEXT_WIDTH))


def _signature(canvas: Canvas, certificate: Certificate) -> None:
    """Place and date, room for the signature and stamp, a line and the signer."""
    width = 80 * mm
    x = PAGE_WIDTH - 2 * MARGIN - width
    centre = x + width / 2
    top = 150 * mm
    canvas.setFont(REGULAR, 11)
    place = fit_text(certificate.place_and_date, REGULAR, 11, width)
    canvas.drawCentredString(centre, PAGE_HEIGHT - top, place)
    canvas.drawCentredString(centre, PAGE_HEIGHT - top - 6 * mm, certificate.signer)
    canvas.setLineWidth(0.5)
    line_y = PAGE_HEIGHT - top - 24 * mm
    canvas.line(x, line_y, x + width, line_y)
