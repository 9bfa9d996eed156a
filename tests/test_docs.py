"""Docs cannot drift: every command has help with an example and is in the README."""

from pathlib import Path

import pytest

from kgbuild.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_with_an_example(runner, name):
    result = runner.invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"kgbuild {name}" in result.output.split("Example:", 1)[1]


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_is_in_the_readme(name):
    assert f"`kgbuild {name}" in README


def test_the_readme_shows_the_two_setup_commands():
    assert "make demo" in README and "make test" in README


def test_every_bundled_query_is_in_the_readme():
    from kgbuild.query import bundled_queries

    for query in bundled_queries():
        assert f"`{query.name}`" in README


def test_exit_codes_are_documented():
    for line in ("| 0 | success |", "| 1 | a check failed", "| 2 | bad input or usage"):
        assert line in README
