"""The README stays true: exit codes, commands, set-up commands and CI."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from visiecheck.cli import app
from visiecheck.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_exit_code_table_matches_the_enum() -> None:
    section = README.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    documented = [int(code) for code in re.findall(r"^\| (\d+) \|", section, re.M)]
    assert documented == [int(code) for code in ExitCode]


def _command_names() -> list[str]:
    group = typer.main.get_command(app)
    names = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        if subcommands:
            names.extend(f"{name} {sub}" for sub in subcommands)
        else:
            names.append(name)
    return names


def test_readme_documents_every_command() -> None:
    for name in _command_names():
        assert f"`visiecheck {name}" in README, name


def test_readme_opens_with_two_setup_commands_and_ci_runs_the_second() -> None:
    setup = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)\n```", setup, re.S)
    # the virtual environment first, then the two commands
    assert len(blocks) == 3
    venv, install_and_run, test_command = blocks
    assert venv == "python3 -m venv .venv && . .venv/bin/activate"
    assert install_and_run.startswith("pip install . && visiecheck ")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_sample_named_in_the_readme_exists() -> None:
    setup = README.split("## Set-up", 1)[1]
    for sample in re.findall(r"samples/[\w.-]+\.pdf", setup):
        assert (ROOT / sample).is_file(), sample
