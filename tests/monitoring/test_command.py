"""``pustaka indicators``: the same figures on the command line."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

RANGE = ["--from", "2025-01-01", "--to", "2025-12-31"]


def _run(*args) -> str:
    out = StringIO()
    call_command("indicators", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_json_of_a_library_per_quarter(year_2025, admin):
    data = json.loads(_run("--library", "dsa", *RANGE, "--grain", "quarter", "--json"))
    (library,) = data["libraries"]
    assert [values["loans"] for values in library["values"]] == [1, 2, 0, 0]
    assert data["district"]["values"][1]["returns"] == 2


def test_the_districts_figures_as_a_table(year_2025, admin):
    text = _run(*RANGE, "--grain", "year")
    lines = text.splitlines()
    assert lines[0].startswith("Kabupaten: 2025-01-01 – 2025-12-31, per tahun")
    loans = next(line for line in lines if line.split()[:1] == ["Peminjaman"])
    assert loans.split()[-1] == "3"
    # then the official indices of the whole range
    assert "Indeks resmi, 2025-01-01 – 2025-12-31" in text
    assert any(line.startswith("IPLM 2025: ") for line in lines)


def test_json_has_the_official_indices(year_2025, admin):
    district = json.loads(_run(*RANGE, "--json"))["indices"]
    assert (district["start"], district["end"], district["iplm"]["year"]) == (
        "2025-01-01",
        "2025-12-31",
        2025,
    )
    assert [row["library"] for row in district["libraries"]] == ["DSA", "DSB"]
    own = json.loads(_run("--library", "DSA", *RANGE, "--json"))["indices"]
    assert own["library"] == "DSA"
    assert {item["status"] for item in own["checklist"]["criteria"]} <= {"pass", "fail", "unknown"}
    text = _run("--library", "DSA", *RANGE)
    assert "Standar nasional:" in text


def test_as_a_library_manager_only_their_library(year_2025, manager_a):
    data = json.loads(_run(*RANGE, "--grain", "year", "--json", "--as", manager_a.username))
    assert [row["library"] for row in data["libraries"]] == ["DSA"]
    with pytest.raises(CommandError, match="Tidak ditemukan"):
        _run("--library", "DSB", *RANGE, "--as", manager_a.username)


def test_bad_input_is_said(year_2025, admin):
    with pytest.raises(CommandError, match="--from dan --to"):
        _run("--from", "2025-01-01")
    with pytest.raises(CommandError, match="1 Jan"):
        _run("--from", "1 Jan", "--to", "2025-02-01")
    with pytest.raises(CommandError, match="XX"):
        _run("--library", "XX", *RANGE)


def test_rebuild_the_rollup(year_2025, admin):
    from pustaka.monitoring.models import MonthlyRollup

    _run("--rebuild-rollup")
    assert MonthlyRollup.objects.filter(code="loans").exists()
