"""Certificates as PDF: one page per trainee who attended enough sessions,
with their name, the training, its days, what they attended and a number;
nobody else's."""

from pustaka.training import services
from tests.catalog.test_labels import page_count
from tests.members.conftest import pdf_text


def shown(pdf: bytes) -> str:
    """The PDF's drawn text with its string escapes undone (parentheses, the
    en dash in WinAnsi)."""
    text = pdf_text(pdf)
    return text.replace("\\(", "(").replace("\\)", ")").replace("\\226", "–")


def _attend(admin, sessions, present_by_session):
    for session, present in zip(sessions, present_by_session, strict=True):
        services.session_attendance_record(actor=admin, session=session, present=present)


def test_certificates_pdf_has_a_page_for_each_eligible_trainee_only(
    english_client_for, admin, training, four_days, trainee_a, trainee_a2, trainee_b
):
    # given Siti attended all 4 sessions, Yohanes 3 (75 %, the minimum), Budi 2
    a, a2, b = trainee_a.pk, trainee_a2.pk, trainee_b.pk
    _attend(admin, four_days, [[a, a2, b], [a, a2, b], [a, b], [a]])
    # when the office downloads the certificates
    response = english_client_for(admin).get(f"/staff/training/{training.pk}/certificates.pdf")
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF") and page_count(pdf) == 2
    text = shown(pdf)
    assert "Siti Rahmawati" in text and "Yohanes Lahang" in text
    assert "Budi Santoso" not in text
    assert "001/BIMTEK-TIK/XI/2024" in text and "003/BIMTEK-TIK/XI/2024" in text
    assert "Strategi Pengembangan Perpustakaan Berbasis TIK" in text
    assert "13 – 16 November 2024" in text
    assert "attending 4 of 4 sessions (16 hours)" in text
    assert "attending 3 of 4 sessions (12 hours)" in text


def test_a_library_manager_gets_only_their_own_library_certificates(
    english_client_for, admin, manager_a, training, four_days, trainee_a, trainee_b
):
    everyone = [trainee_a.pk, trainee_b.pk]
    _attend(admin, four_days, [everyone] * 4)
    response = english_client_for(manager_a).get(f"/staff/training/{training.pk}/certificates.pdf")
    assert page_count(response.content) == 1
    text = pdf_text(response.content)
    assert "Siti Rahmawati" in text and "Yohanes Lahang" not in text


def test_no_certificates_without_enough_attendance(
    english_client_for, admin, training, four_days, trainee_a
):
    _attend(admin, four_days, [[trainee_a.pk], [], [], []])
    response = english_client_for(admin).get(
        f"/staff/training/{training.pk}/certificates.pdf", follow=True
    )
    assert response.redirect_chain[-1][0] == f"/staff/training/{training.pk}/"
    assert "No trainee has attended enough sessions for a certificate." in response.text
