"""Settings: files, environment, precedence, errors, and `runlab config`."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from runlab import config
from runlab.errors import ConfigError
from tests.conftest import Result, git


def test_defaults(tmp_path: Path) -> None:
    s = config.load(str(tmp_path), env={})
    assert s.experiment == "Default" and s.sources["experiment"] == "default"


def test_precedence_env_over_runlab_toml_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.runlab]\nexperiment = "from-pyproject"\nbool_flags = ["a"]\nenv = ["X"]\n')
    (tmp_path / "runlab.toml").write_text('experiment = "from-runlab"\nbool_flags = ["b"]\n')
    s = config.load(str(tmp_path), env={"RUNLAB_BOOL_FLAGS": "c, d"})
    assert s.experiment == "from-runlab"
    assert s.sources["experiment"].endswith("runlab.toml")
    assert s.bool_flags == ["c", "d"] and s.sources["bool_flags"] == "RUNLAB_BOOL_FLAGS"
    assert s.env == ["X"] and s.sources["env"].endswith("pyproject.toml")


def test_every_key_is_a_typed_property_with_the_tables_default(tmp_path: Path) -> None:
    kinds = {str: "str", bool: "bool", int: "int", float: "float", list: "list[str]",
             dict: "dict[str, "}
    loaded = config.load(str(tmp_path), env={})
    for key, spec in config.KEYS.items():
        prop = getattr(config.Settings, key)
        assert isinstance(prop, property), key
        assert prop.fget.__annotations__["return"].startswith(kinds[spec.kind]), key
        assert getattr(config.Settings(), key) == spec.default, key
        assert getattr(loaded, key) == loaded.values[key] == spec.default, key
    assert {name for name, v in vars(config.Settings).items()
            if isinstance(v, property)} == set(config.KEYS)


def test_properties_read_the_values_with_their_types(tmp_path: Path) -> None:
    (tmp_path / "runlab.toml").write_text(
        'system_metrics = 2\npty = false\nstore = "runs"\n[directions]\nloss = "lower"\n')
    s = config.load(str(tmp_path), env={"RUNLAB_HASH_BUDGET": "1024"})
    assert s.system_metrics == 2.0 and isinstance(s.system_metrics, float)
    assert s.pty is False and s.store == "runs" and s.hash_budget == 1024
    assert s.directions == {"loss": "lower"}
    s.artifacts.append("changed")  # a copy: the settings stay as loaded
    assert s.artifacts == []


def test_project_root_is_the_repository(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "runlab.toml").write_text('experiment = "root"\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert config.load(str(sub), env={}).experiment == "root"


@pytest.mark.parametrize("text, message", [
    ("colour = true\n", "unknown key 'colour'"),
    ("pty = 'yes'\n", "pty must be true or false"),
    ("bool_flags = [1, 2]\n", "bool_flags must be a list of strings"),
    ("[directions]\nloss = 'down'\n", 'directions.loss must be "lower" or "higher"'),
    ("experiment = \n", "cannot read it"),
    ("metric_patterns = ['val (acc']\n", "metric pattern 'val \\(acc' is not a valid regex"),
    ("metric_patterns = ['loss: ([.0-9]+)']\n", "has no named group"),
])
def test_bad_files_name_the_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "runlab.toml").write_text(text)
    with pytest.raises(ConfigError, match=message) as e:
        config.load(str(tmp_path), env={})
    assert str(tmp_path / "runlab.toml") in str(e.value)


def test_bad_environment_value(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="RUNLAB_PTY"):
        config.load(str(tmp_path), env={"RUNLAB_PTY": "maybe"})


def test_config_set_round_trips_and_keeps_other_keys(cli: Callable[..., Result],
                                                     tmp_path: Path) -> None:
    (tmp_path / "runlab.toml").write_text('experiment = "keep"\n\n[commands.train]\nrun = "x"\n')
    assert cli("config", "set", "bool_flags", "verbose,debug").code == 0
    assert cli("config", "set", "pty", "false").code == 0
    assert cli("config", "set", "directions", '{ f1 = "higher" }').code == 0
    assert cli("config", "get", "bool_flags").stdout == '["verbose", "debug"]\n'
    listed = json.loads(cli("config", "list", "--json").stdout)
    assert listed["experiment"] == {"value": "keep", "source": str(tmp_path / "runlab.toml")}
    assert listed["pty"]["value"] is False
    assert listed["commands"]["value"] == {"train": {"run": "x"}}
    assert listed["directions"]["value"] == {"f1": "higher"}


def test_metric_patterns_are_set_whole_and_checked(cli: Callable[..., Result],
                                                   tmp_path: Path) -> None:
    # a regex holds commas and brackets: one pattern, as typed (a TOML list sets several)
    pattern = r"loss[,:] (?P<L>\d{1,3}\.\d+)"
    assert cli("config", "set", "metric_patterns", pattern).code == 0
    assert json.loads(cli("config", "get", "metric_patterns").stdout) == [pattern]
    assert cli("config", "set", "metric_patterns", r"[\d]+ (?P<n>\d)").code == 0
    assert json.loads(cli("config", "get", "metric_patterns").stdout) == [r"[\d]+ (?P<n>\d)"]
    # one a line in the environment
    loaded = config.load(str(tmp_path), env={"RUNLAB_METRIC_PATTERNS": "a{1,2} (?P<a>\\d)\nb (?P<b>\\d)"})
    assert loaded.metric_patterns == ["a{1,2} (?P<a>\\d)", "b (?P<b>\\d)"]
    # a bad pattern or an unknown rule is never written
    before = (tmp_path / "runlab.toml").read_text()
    r = cli("config", "set", "metric_patterns", "val (acc")
    assert r.code == 2 and r.stderr.count("\n") == 1 and "not a valid regex" in r.stderr
    r = cli("config", "set", "disabled_rules", "key_value,nope")
    assert r.code == 2 and "no rule is called nope" in r.stderr
    assert (tmp_path / "runlab.toml").read_text() == before


def test_config_errors_are_one_line(cli: Callable[..., Result]) -> None:
    r = cli("config", "set", "pty", "maybe")
    assert r.code == 2 and r.stderr == "runlab: error: pty: must be true or false, not 'maybe'\n"
    r = cli("config", "get", "nope")
    assert r.code == 2 and "unknown key 'nope'" in r.stderr


def test_config_reaches_a_tracked_run(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "runlab.toml").write_text(
        'experiment = "exp1"\nbool_flags = ["verbose"]\nsecret_patterns = ["*salt*"]\n'
        'ignore_params = ["seed"]\nenv = ["MY_VAR", "MY_TOKEN"]\n'
        'metric_patterns = ["score is (?P<score>[0-9.]+)"]\n')
    r = cli(sys.executable, "-c", "print('score is 0.5')", "--verbose", "data.csv",
            "--salt", "pepper", "--seed", "3",
            env={"MY_VAR": "hello", "MY_TOKEN": "abc"})
    assert r.code == 0, r.stderr
    run = json.loads(cli("show", "last", "--json").stdout)
    assert run["experiment"] == "exp1"
    assert run["params"] == {"verbose": True, "salt": "***"}
    assert run["metrics"]["score"]["last"] == 0.5
    assert run["env"] == {"MY_VAR": "hello", "MY_TOKEN": "***"}
