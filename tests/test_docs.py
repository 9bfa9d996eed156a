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


def test_the_readme_library_example_runs_and_gives_rows(tmp_path, monkeypatch):
    import re
    import shutil

    example = re.search(r"## Library\n.*?```python\n(.*?)```", README, re.DOTALL).group(1)
    shutil.copytree(Path(__file__).resolve().parent.parent / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    names: dict = {}
    exec(compile(example, "README.md (Library)", "exec"), names)  # noqa: S102 - the README's own example
    assert [m["meeting"].rsplit("/", 1)[-1] for m in names["meetings"]] == ["000_a347758bee459792#meeting-1",
                                                                             "my-story#meeting-1"]
    assert {"name": "Okrhan Mammadov"} in names["people"]
    assert [(t["period"], t["amount"]) for t in names["trade"]] == [("2020", 660800000.0), ("2021-H1", 260200000.0)]
    assert len(names["rdflib_graph"]) > 300


def test_dataframe_gives_the_rows_as_a_pandas_frame_or_says_what_it_needs(seed_store):
    from kgbuild.errors import InputError
    from kgbuild.query import dataframe, select_rows

    try:
        import pandas  # noqa: F401 - not a dependency of kgbuild
    except ImportError:
        with pytest.raises(InputError, match="needs pandas"):
            dataframe(seed_store, "trade")
        return
    frame = dataframe(seed_store, "trade")
    assert list(frame["amount"]) == [row["amount"] for row in select_rows(seed_store, "trade")]
