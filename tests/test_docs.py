"""Docs that match the code: every command and setting is documented."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from sendwatch.cli import app
from sendwatch.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).list_commands(None))  # type: ignore[arg-type]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_section(command: str) -> None:
    assert f"## `sendwatch {command}`" in CLI_DOC


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented(setting) -> None:
    assert f"`{setting.env}`" in CLI_DOC


def test_readme_names_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
