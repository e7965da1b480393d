"""`runlab ls` in full: filters, sorting, columns, formats, and a table that fits."""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from runlab.store import Store
from tests.conftest import Result, run_in_pty


def make_runs(store: Store) -> None:
    specs = [
        ("a", "exp1", {"lr": 0.1, "opt": "adam"}, {"acc": 0.5}, {"best": ""}),
        ("b", "exp1", {"lr": 0.01, "opt": "sgd"}, {"acc": 0.9}, {}),
        ("c", "exp2", {"lr": 0.001}, {}, {}),
        ("d", "exp2", {"lr": "0.5"}, {"acc": 0.7}, {"stage": "ft"}),
    ]
    for name, exp, params, metrics, tags in specs:
        run_id, _ = store.create_run({"name": name, "experiment": exp, "command": ["train"],
                                      "cwd": "/", "params": params, "tags": tags})
        events = [{"e": "metrics", "p": [[k, v, 0, time.time()]]} for k, v in metrics.items()]
        store.append(run_id, [*events, {"e": "end", "t": time.time(), "status": "finished",
                                        "exit_code": 0}])
    store.close()


@pytest.fixture
def runs(store: Store) -> Store:
    make_runs(store)
    return store


def numbers(r: Result) -> list[int]:
    assert r.code == 0, r.stderr
    return [x["number"] for x in json.loads(r.stdout)]


def test_where_typed_and_sorted(main: Callable[..., Result], runs: Store) -> None:
    # lr "0.5" is text: a numeric comparison must not match it, string order would have.
    assert numbers(main("ls", "--json", "--where", "params.lr < 0.05", "--sort", "params.lr")) == [3, 2]
    assert numbers(main("ls", "--json", "--where", "tags.best or tags.stage = ft")) == [4, 1]


def test_best_knows_rewards_and_fid_by_name(cli: Callable[..., Result],
                                            main: Callable[..., Result], tmp_path: Path) -> None:
    # Names whose better way only their words tell: a reward is higher, FID lower.
    for reward, fid in (("1.5", "30"), ("9.5", "12"), ("4", "20")):
        (tmp_path / f"r{reward}.py").write_text(
            f"print('rollout/ep_rew_mean={reward} FID={fid}')\n")
        assert cli(sys.executable, f"r{reward}.py").code == 0
    assert numbers(main("ls", "--best", "rollout/ep_rew_mean", "--json")) == [2, 3, 1]
    assert numbers(main("ls", "--best", "FID", "--json")) == [2, 3, 1]
    said = main("ls", "--best", "rollout/ep_rew_mean").stderr
    assert "best rollout/ep_rew_mean first (higher is better)" in said, said


def test_sort_puts_missing_values_last_both_ways(main: Callable[..., Result], runs: Store) -> None:
    assert numbers(main("ls", "--json", "--sort", "-metrics.acc")) == [2, 4, 1, 3]
    assert numbers(main("ls", "--json", "--sort", "metrics.acc")) == [1, 4, 2, 3]


def test_experiment_limit_and_all(main: Callable[..., Result], runs: Store) -> None:
    assert numbers(main("ls", "--json", "--experiment", "exp2")) == [4, 3]
    assert numbers(main("ls", "--json", "--limit", "1")) == [4]
    assert numbers(main("ls", "--json", "--all")) == [4, 3, 2, 1]


def test_csv_parses_back(main: Callable[..., Result], runs: Store) -> None:
    r = main("ls", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [row["number"] for row in rows] == ["4", "3", "2", "1"]
    assert rows[1]["metrics.acc"] == ""  # missing is an empty cell
    assert rows[2]["params.lr"] == "0.01" and rows[2]["params.opt"] == "sgd"
    assert rows[3]["tags.best"] == "" and rows[3]["tags"] == "best"  # a label shows in tags
    assert rows[0]["tags"] == "stage=ft" and rows[2]["tags"] == ""
    assert "T" in rows[0]["started"] and rows[0]["started"][-6] in "+-"


def test_jsonl_and_columns(main: Callable[..., Result], runs: Store) -> None:
    lines = main("ls", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(x)["name"] for x in lines] == ["d", "c", "b", "a"]
    r = main("ls", "--columns", "number,params.lr,metrics.acc")
    assert r.stdout.splitlines()[0].split() == ["#", "lr", "acc"]
    assert r.stdout.splitlines()[3].split() == ["2", "0.01", "0.9"]
    bad = main("ls", "--columns", "number,bogus")
    assert bad.code == 2 and "unknown field 'bogus'" in bad.stderr


def test_malformed_where_points_at_the_column(main: Callable[..., Result], runs: Store) -> None:
    r = main("ls", "--where", "params.lr >> 1")
    assert r.code == 2
    lines = r.stderr.splitlines()
    assert lines[0].startswith("runlab: error: ")
    assert lines[2].index("^") == lines[1].index(">>") + 1 or lines[2].index("^") == lines[1].index(">>")


def test_injection_runs_no_sql(main: Callable[..., Result], runs: Store) -> None:
    r = main("ls", "--json", "--where", "name = \"x' OR 1=1; DROP TABLE runs; --\"")
    assert numbers(r) == []
    assert numbers(main("ls", "--json")) == [4, 3, 2, 1]


def test_default_table_shows_only_varying_params(main: Callable[..., Result], runs: Store) -> None:
    head = main("ls", "--where", "experiment = exp1").stdout.splitlines()[0].split()
    assert "lr" in head and "opt" in head
    head = main("ls", "--where", "name = c").stdout.splitlines()[0].split()
    assert head[:3] == ["#", "name", "status"]


def test_table_fits_the_terminal(tmp_path: Path, runs: Store) -> None:
    long_id, _ = runs.create_run({"command": ["python", "x" * 200], "cwd": "/",
                                  "params": {f"p{i}": i for i in range(30)}})
    runs.close()
    code, out = run_in_pty(["ls"], tmp_path, cols=60)
    assert code == 0
    lines = [x for x in out.decode().replace("\r", "").split("\n") if x.strip()]
    table = [x for x in lines if not x.startswith(("(", "same on every run:"))]
    assert all(len(x) <= 60 for x in table), table
    assert [x.split()[0] for x in table[1:]] == ["5", "4", "3", "2", "1"]
    assert "more columns do not fit" in out.decode()


# -- odd keys: one spelling for --columns, --where and --sort ------------------------------------

ODD = """\
import runlab
runlab.log_params({"model.lr": 0.1, "lr": 0.01})
runlab.log_metrics({"acc@1": 0.5, "F1_(macro)": 0.4, "a,b": 3.0, "loss": 0.9,
                    "loss.min": 7.0, "val acc": 0.2}, step=1)
runlab.log_metrics({"acc@1": 0.6, "F1_(macro)": 0.45, "loss": 0.4}, step=2)
"""


@pytest.fixture
def odd(cli: Callable[..., Result], git_repo: Path) -> Path:
    """One real run, in a git repository, whose params and metrics have odd names."""
    (git_repo / "odd.py").write_text(ODD)
    r = cli(sys.executable, "odd.py", cwd=git_repo)
    assert r.code == 0, r.stderr
    return git_repo


def cells(r: Result) -> dict[str, str]:
    """A one-run Markdown table as {header: cell}."""
    assert r.code == 0, r.stderr
    head, _, row = (line.strip("|").split(" | ") for line in r.stdout.splitlines()[:3])
    return {h.strip(): c.strip() for h, c in zip(head, row)}


def test_columns_take_keys_quoted_as_where_and_sort_take_them(
        main: Callable[..., Result], odd: Path) -> None:
    spelled = "number,metrics.`acc@1`,metrics.\"F1_(macro)\",params.`model.lr`"
    r = main("ls", "--format", "markdown", "--columns", spelled, cwd=odd)
    assert r.code == 0, r.stderr
    assert r.stdout.splitlines()[0] == "| # | acc@1 | F1_(macro) | model.lr |"
    assert r.stdout.splitlines()[2] == "| 1 | 0.6 | 0.45 | 0.1 |"
    rows = list(csv.DictReader(io.StringIO(main("ls", "--format", "csv", "--columns", spelled,
                                                 cwd=odd).stdout)))
    # (CSV heads a key as its default columns do, however --columns quoted it)
    assert rows == [{"number": "1", "metrics.acc@1": "0.6", "metrics.F1_(macro)": "0.45",
                     "params.model.lr": "0.1"}]
    table = main("ls", "--columns", spelled, cwd=odd).stdout.splitlines()
    assert table[0].split() == ["#", "acc@1", "F1_(macro)", "model.lr"]
    assert table[1].split() == ["1", "0.6", "0.45", "0.1"]
    # The same spelling filters and sorts.
    assert numbers(main("ls", "--json", "--where", "metrics.`acc@1` = 0.6 and "
                        "metrics.\"F1_(macro)\" > 0.4", "--sort", "-metrics.`acc@1`",
                        cwd=odd)) == [1]
    # Written bare, as --columns has always taken them, they still show.
    r = main("ls", "--format", "markdown", "--columns", "metrics.acc@1,metrics.F1_(macro)",
             cwd=odd)
    assert r.stdout.splitlines()[2] == "| 0.6 | 0.45 |"


def test_columns_split_on_commas_outside_quotes(main: Callable[..., Result], odd: Path) -> None:
    r = main("ls", "--format", "markdown", "--columns", "number,metrics.`a,b`,metrics.\"val acc\"",
             cwd=odd)
    assert r.code == 0, r.stderr
    assert r.stdout.splitlines()[0] == "| # | a,b | val acc |"
    assert r.stdout.splitlines()[2] == "| 1 | 3 | 0.2 |"
    bad = main("ls", "--columns", "number,metrics.`acc", cwd=odd)
    assert bad.code == 2 and "unterminated string" in bad.stderr
    assert bad.stderr.splitlines()[1:] == ["  number,metrics.`acc", "                 ^"]


def test_a_statistic_suffix_means_the_same_in_columns_where_and_best(
        main: Callable[..., Result], odd: Path) -> None:
    # metrics.loss.min is loss's minimum everywhere; the metric named loss.min is quoted.
    r = main("ls", "--format", "markdown", "--columns",
             "number,metrics.loss.min,metrics.`loss.min`,metrics.`loss.min`.max", cwd=odd)
    # Backticks escaped: on GitHub the header reads `loss.min`, not a code span.
    assert r.stdout.splitlines()[0] == "| # | loss.min | \\`loss.min\\` | \\`loss.min\\`.max |"
    assert r.stdout.splitlines()[2] == "| 1 | 0.4 | 7 | 7 |"
    assert numbers(main("ls", "--json", "--where", "metrics.loss.min = 0.4", cwd=odd)) == [1]
    assert numbers(main("ls", "--json", "--where", "metrics.`loss.min` = 7", cwd=odd)) == [1]
    assert "best loss.min first" in main("ls", "--best", "loss.min", cwd=odd).stderr
    # The default table and CSV name the metric loss.min so that it reads back as itself.
    assert cells(main("ls", "--format", "markdown", cwd=odd))["\\`loss.min\\`"] == "7"
    row = next(csv.DictReader(io.StringIO(main("ls", "--format", "csv", cwd=odd).stdout)))
    assert row["metrics.`loss.min`"] == "7.0" and row["metrics.loss"] == "0.4"
    assert row["metrics.acc@1"] == "0.6" and row["params.model.lr"] == "0.1"
    assert row['metrics."val acc"'.replace('"', "")] == "0.2" and row["metrics.`a,b`"] == "3.0"
    for name in ("metrics.`loss.min`", "metrics.acc@1", "params.model.lr", "metrics.val acc",
                 "metrics.`a,b`"):
        again = main("ls", "--format", "csv", "--columns", name, cwd=odd).stdout.splitlines()
        assert again[1] == row[name], name


def test_suggestions_and_hints_spell_odd_keys_as_the_language_reads_them(
        main: Callable[..., Result], odd: Path) -> None:
    r = main("ls", "--where", "metrics.`acc@2` > 0", cwd=odd)
    assert r.stderr == ("runlab: warning: no run has a metric 'acc@2'; "
                        "did you mean metrics.`acc@1`?\n")
    r = main("ls", "--where", "metrics.val_acc > 0", cwd=odd)
    assert "no run has a metric 'val_acc'; did you mean metrics.`val acc`?" in r.stderr
    r = main("ls", "--sort", "acc@1", cwd=odd)
    assert r.code == 2 and "unknown field 'acc@1': did you mean metrics.`acc@1`?" in r.stderr
    r = main("ls", "--where", "F1_(macro) > 0.4", cwd=odd)
    assert r.code == 2 and \
        "unknown field 'F1_(macro)': did you mean metrics.`F1_(macro)`?" in r.stderr
    r = main("ls", "--columns", "number,F1_(macro)", cwd=odd)
    assert r.code == 2 and "did you mean metrics.`F1_(macro)`?" in r.stderr
    # A bare key that stops at a character it cannot hold gets the quoted spelling, as
    # metrics.acc@1 always has, pointing at that character.
    for where, hint in (("metrics.F1_(macro) > 0.4", "metrics.`F1_(macro)`"),
                        ("(metrics.F1_(macro).max>0.4)", "metrics.`F1_(macro)`.max"),
                        ("metrics.acc@1 > 0.4", "metrics.`acc@1`")):
        r = main("ls", "--where", where, cwd=odd)
        assert r.code == 2, where
        assert f"quote others with backticks: {hint} " in r.stderr.splitlines()[0], r.stderr
        expression, caret = r.stderr.splitlines()[1:]
        assert expression[caret.index("^")] in "(@", r.stderr
    r = main("ls", "--sort", "-metrics.F1_(macro)", cwd=odd)
    assert r.code == 2 and "quote others with backticks: metrics.`F1_(macro)`" in r.stderr
    # And each spelling suggested is one the language takes.
    assert numbers(main("ls", "--json", "--where", "metrics.`F1_(macro)`.max > 0.4 and "
                        "metrics.`val acc` < 1", "--sort", "-metrics.`acc@1`", cwd=odd)) == [1]


def test_each_column_is_read_once_per_listing_whatever_the_runs(
        main: Callable[..., Result], store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # A store with many runs and columns: a column's name is parsed once to check --columns
    # (or name a CSV column) and once to lay out the table or the CSV, never once a cell or
    # once a pair of headers.
    for n in range(12):
        run_id, _ = store.create_run({"name": f"r{n}", "command": ["train"], "cwd": "/",
                                      "params": {"lr": n / 10}})
        store.append(run_id, [{"e": "metrics", "p": [[f"m{k}", n + k, 0, time.time()]
                                                     for k in range(30)]},
                              {"e": "end", "t": time.time(), "status": "finished",
                               "exit_code": 0}])
    store.close()
    from collections import Counter

    from runlab.store import fields

    reads: Counter[str] = Counter()
    real = fields.ref

    def counted(field: str) -> fields.Ref:
        reads[field] += 1
        return real(field)

    monkeypatch.setattr(fields, "ref", counted)
    chosen = "number,metrics.m3,metrics.m7.max,params.lr"
    for fmt in ("table", "markdown", "csv"):
        for columns in ((), ("--columns", chosen)):
            reads.clear()
            r = main("ls", "--all", "--format", fmt, *columns)
            assert r.code == 0, r.stderr
            assert reads and max(reads.values()) <= 2, (fmt, reads)


def test_a_quote_inside_a_bare_key_opens_nothing(main: Callable[..., Result],
                                                 store: Store) -> None:
    # Names runlab's parser makes from output lines; the quote is part of the key.
    run_id, _ = store.create_run({"name": "a", "command": ["train"], "cwd": "/"})
    store.append(run_id, [{"e": "metrics", "p": [["Best_model's_validation_roc_auc", 0.9, 0,
                                                  time.time()], ["loss", 0.2, 0, time.time()],
                                                 ['say "hi"', 3, 0, time.time()]]},
                          {"e": "end", "t": time.time(), "status": "finished", "exit_code": 0}])
    store.close()
    r = main("ls", "--format", "markdown", "--columns",
             "number,metrics.Best_model's_validation_roc_auc,metrics.loss,metrics.say \"hi\"")
    assert r.code == 0, r.stderr
    assert r.stdout.splitlines()[0] == \
        "| # | Best_model's_validation_roc_auc | loss | say \"hi\" |"
    assert r.stdout.splitlines()[2] == "| 1 | 0.9 | 0.2 | 3 |"
    # A quote where a key starts opens a quoted key, and one left open is an error there.
    r = main("ls", "--format", "markdown", "--columns", "number,metrics.'a,b',\"loss\"")
    assert r.code == 2 and "expected a field" in r.stderr  # a,b stays one key; "loss" no field
    r = main("ls", "--format", "markdown", "--columns", "metrics.'loss',metrics.\"loss\".max")
    assert r.stdout.splitlines()[0] == "| loss | loss.max |", r.stderr
    bad = main("ls", "--columns", "number,metrics.'loss,metrics.loss")
    assert bad.code == 2 and "unterminated string" in bad.stderr.splitlines()[0]
    assert bad.stderr.splitlines()[1:] == ["  number,metrics.'loss,metrics.loss",
                                           "                 ^"]


def test_best_says_when_no_run_finished(cli: Callable[..., Result], main: Callable[..., Result],
                                        tmp_path: Path) -> None:
    # runs that failed: `--best` ranks finished runs only, and says so rather than as if no
    # run had the metric
    (tmp_path / "fails.py").write_text("print('val_loss=0.5')\nraise SystemExit(3)\n")
    assert cli(sys.executable, "fails.py").code == 3
    r = main("ls", "--best", "val_loss")
    assert r.code == 0
    assert r.stderr.startswith("no finished runs match: --best ranks finished runs only"), r.stderr
