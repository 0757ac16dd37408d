"""The command line, driven as a user would, on the test run's database."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from sendwatch.cli import app
from sendwatch.db import Store

runner = CliRunner()


def run(store: Store, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", store.url, *args])
    return result.exit_code, result.stdout, result.stderr


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("ingest", "extract", "import-official", "areas", "area"):
        assert command in result.stdout


def test_areas_json_lists_every_current_area(store: Store) -> None:
    assert run(store, "import-official")[0] == 0
    code, out, _ = run(store, "areas", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 153
    stockport = next(r for r in rows if r["area"] == "Stockport")
    assert stockport["latest"]["kind"] in {"inspection", "revisit"}
    assert stockport["latest"]["sources"]


def test_areas_csv_and_region_filter(store: Store) -> None:
    run(store, "import-official")
    code, out, _ = run(store, "areas", "--region", "North East", "--format", "csv")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].startswith("area,region,")
    assert all(",North East," in line for line in lines[1:]) and len(lines) == 13
    code, _, err = run(store, "areas", "--region", "Atlantis")
    assert code == 2 and "Atlantis" in err


def test_unknown_area_suggests_names(store: Store) -> None:
    code, _, err = run(store, "area", "Stokcport")
    assert code == 2
    assert "Stockport" in err


def test_bad_as_of_date_is_explained(store: Store) -> None:
    code, _, err = run(store, "area", "Stockport", "--as-of", "last week")
    assert code == 2 and "YYYY-MM-DD" in err


def test_ingest_reports_bad_files_and_exits_non_zero(store: Store, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A note about SEND in Wigan.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, err = run(store, "ingest", str(tmp_path))
    assert code == 1
    assert "empty.txt" in err + out and "is empty" in err + out
    assert "1 stored" in out


def test_extract_prints_the_exchange_format(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("Nothing about inspections.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "note.txt"), "--format", "jsonl"])
    assert result.exit_code == 0
    obj = json.loads(result.stdout.strip())
    assert set(obj) >= {"source", "document_type", "document_date", "local_areas", "events"}
    assert obj["source"] == "note.txt"


@pytest.mark.usefixtures("shared")
def test_stockport_after_ingesting_the_seeds(store: Store, shared: Path) -> None:
    """Done-when of the foundation: the 2018 inspection, the statement, the 2022 revisit."""
    assert run(store, "import-official")[0] == 0
    code, out, err = run(store, "ingest", str(shared / "seeds"))
    assert code == 0, err
    code, out, _ = run(store, "area", "Stockport", "--format", "json")
    assert code == 0
    events = json.loads(out)["events"]
    inspection = next(e for e in events if e["kind"] == "inspection" and e["framework"] == "2016")
    assert inspection["published"] == "2018-11-22"
    accepted = next(e for e in events if e["kind"] == "wsoa_accepted")
    assert accepted["date"] == "2019-04-26"
    revisit = next(e for e in events if e["kind"] == "revisit")
    assert (revisit["visit_start"], revisit["visit_end"]) == ("2022-09-27", "2022-09-30")
    assert (revisit["weaknesses_sufficient"], revisit["weaknesses_total"]) == (4, 5)
    for event in (inspection, accepted, revisit):
        quoted = [s for s in event["sources"] if s.get("document") and s.get("evidence")]
        assert quoted, f"{event['kind']} has no document evidence"
    letter = next(s for s in revisit["sources"] if s.get("document_type") == "revisit_letter")
    assert "27 September 2022" in letter["evidence"]["visit_start"]["quote"]


def test_status_of_plymouth_and_brighton_from_the_national_record(store: Store) -> None:
    run(store, "import-official")
    code, out, _ = run(store, "status", "Plymouth", "--as-of", "2024-01-01", "--format", "json")
    assert code == 0
    plymouth = json.loads(out)
    assert plymouth["stage"]["code"] == "2023_systemic_failings"
    assert plymouth["next"]["due_by"].startswith("2025-02")
    code, out, _ = run(store, "status", "brighton & hove", "--as-of", "2024-01-01", "-f", "json")
    brighton = json.loads(out)
    assert brighton["stage"]["code"] == "2023_positive"
    assert brighton["next"]["due_by"].startswith("2028-03")


def test_due_and_overdue_list_steps(store: Store) -> None:
    run(store, "import-official")
    code, out, _ = run(store, "due", "--within", "6m", "--as-of", "2024-06-01", "-f", "json")
    assert code == 0
    rows = json.loads(out)
    assert rows and all("2024-06-01" <= r["due_by"] <= "2024-11-28" for r in rows)
    code, out, _ = run(store, "overdue", "--as-of", "2026-11-25", "--format", "csv")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].startswith("area,stage,what")
    code, _, err = run(store, "due", "--within", "soon")
    assert code == 2 and "90d" in err


def test_the_command_table_matches_the_commands_and_their_help() -> None:
    """`sendwatch --help` lists commands from COMMANDS without importing their modules."""
    from sendwatch.cli.app import COMMANDS

    group = typer.main.get_command(app)
    for name, (module, short_help) in COMMANDS.items():
        command = group.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None, f"{module} defines no command {name!r}"
        assert command.callback.__module__ == module
        first = (command.help or "").split("\n\n")[0].replace("\n", " ")
        assert first == short_help, name
    assert sorted(group.list_commands(None)) == sorted(COMMANDS)  # type: ignore[arg-type]


def test_help_starts_without_the_library() -> None:
    """--help imports neither the database layer nor the readers (start-up under 0.3 s)."""
    code = (
        "import sys; from sendwatch.cli import main; sys.argv = ['sendwatch', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('sqlalchemy', 'alembic', 'sendwatch.readers', 'fastapi')"
        " if m in sys.modules]\nprint('HEAVY', heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "HEAVY []" in out
    assert "import-official" in out
