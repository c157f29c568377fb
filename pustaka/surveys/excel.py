"""A survey's results as an Excel workbook (openpyxl): a summary sheet with
the counts and means of every question, one row per response, and the
official index (IKM or TGM) with its figures when the survey is one."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from pustaka.surveys import policies
from pustaka.surveys.queries import SurveyResults

BOLD = Font(bold=True)


def results_workbook(results: SurveyResults, responses: list[tuple]) -> bytes:
    """The workbook of ``results`` and ``responses`` (from ``queries.responses_table``)."""
    book = Workbook()
    _summary(book.active, results)
    _responses(book.create_sheet(_("Responses")), results, responses)
    if results.skm is not None:
        _skm(book.create_sheet("IKM"), results.skm)
    if results.tgm is not None:
        _tgm(book.create_sheet("TGM"), results.tgm)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _local(moment):
    """A time as Excel keeps it: local (WITA) and without a zone."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _heading(sheet, *values) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD


def _summary(sheet, results: SurveyResults) -> None:
    survey = results.survey
    sheet.title = _("Summary")
    sheet.append([survey.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("Library"), survey.library.name if survey.library else _("The whole district")])
    sheet.append([_("Status"), survey.get_status_display()])
    sheet.append([_("Responses"), results.responses])
    sheet.append([_("First response"), _local(results.first_at)])
    sheet.append([_("Last response"), _local(results.last_at)])
    sheet.append([])
    _heading(sheet, _("No."), _("Question"), _("Kind"), _("Answered"), _("Mean"))
    for number, result in enumerate(results.questions, start=1):
        question = result.question
        sheet.append(
            [number, question.text, question.get_kind_display(), result.answered, result.mean]
        )
        for option in result.options:
            sheet.append([None, f"  {option.label}", None, option.count, option.percent / 100])
            sheet.cell(sheet.max_row, 5).number_format = "0%"
    sheet.column_dimensions["B"].width = 70


def _responses(sheet, results: SurveyResults, responses: list[tuple]) -> None:
    questions = [result.question for result in results.questions]
    _heading(sheet, _("No."), _("Submitted"), _("Source"), *[q.text for q in questions])
    for number, (submitted_at, source, answers) in enumerate(responses, start=1):
        values = [_cell(question, answers.get(question.pk, [])) for question in questions]
        sheet.append([number, _local(submitted_at), source, *values])
    sheet.column_dimensions["B"].width = 18


def _cell(question, values: list):
    """An answer as one cell: a scale point or number as a number, options by
    their label (several joined), texts as they are."""
    if not values:
        return None
    if question.has_options:
        labels = question.options
        return "; ".join(labels[index] for index in values if index < len(labels))
    return values[0]


def _skm(sheet, skm: policies.SkmIndex) -> None:
    _heading(sheet, _("Element"), _("Name"), _("Answers"), "NRR", _("Weighted NRR (x 1/9)"))
    for element in skm.elements:
        sheet.append(
            [element.label, element.name, element.answers, element.nrr_rounded, element.weighted]
        )
    sheet.append([])
    sheet.append(["IKM", skm.ikm])
    sheet.append([_("IKM on 25–100"), skm.unit])
    sheet.append([_("Grade"), skm.grade])
    sheet.append([_("Service performance"), skm.performance])
    sheet.append([_("Method"), skm.method])
    sheet.column_dimensions["B"].width = 50


def _tgm(sheet, tgm: policies.TgmIndex) -> None:
    _heading(sheet, _("Measure"), _("Name"), _("Weight"), _("Answers"), _("Mean"), _("Score"))
    for measure in tgm.measures:
        sheet.append(
            [
                measure.code,
                measure.name,
                measure.weight,
                measure.answers,
                measure.mean,
                measure.score,
            ]
        )
    sheet.append([])
    sheet.append(["TGM", tgm.value])
    sheet.append([_("Category"), tgm.category])
    sheet.append([_("Method"), tgm.method])
    sheet.column_dimensions["B"].width = 40
