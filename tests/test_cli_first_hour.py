"""What a new user reaches for in the first hour: the best run, tags as references, values
as they were typed, a table and a summary that fit, errors that suggest, Markdown, help.

Every test drives the real `runlab` command (a real pseudo-terminal where width matters,
real bash for completion) over a real store."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from runlab.store import Store
from tests.conftest import Result, run_in_pty
from tests.test_docs import _protocol, bash_complete, shell_env  # noqa: F401 (a fixture)

Cli = Callable[..., Result]
PY = sys.executable


def ok(r: Result) -> Result:
    assert r.code == 0, r.stderr
    return r


def add_run(store: Store, *, status: str = "finished", metrics: dict[str, float] | None = None,
            params: dict[str, Any] | None = None, tags: dict[str, str] | None = None,
            command: list[str] | None = None, name: str | None = None) -> str:
    run_id, _ = store.create_run({"command": command or ["python", "train.py"], "cwd": "/",
                                  "params": params or {}, "tags": tags or {}, "name": name})
    points = [[k, v, 0, time.time()] for k, v in (metrics or {}).items()]
    events: list[dict[str, Any]] = [{"e": "metrics", "p": points}] if points else []
    if status != "running":
        events.append({"e": "end", "t": time.time(), "status": status,
                       "exit_code": 0 if status == "finished" else 1})
    store.append(run_id, events)
    return run_id


def numbers(r: Result) -> list[int]:
    ok(r)
    return [x["number"] for x in json.loads(r.stdout)]


@pytest.fixture
def ranked(store: Store) -> Store:
    """1 finished (val_loss .5, acc .6), 2 failed (.1, .9), 3 finished (.3, .7),
    4 killed (.05, .95), 5 running (.01), 6 finished without val_loss; speed on 1 and 3."""
    add_run(store, metrics={"val_loss": 0.5, "acc": 0.6, "speed": 10.0})
    add_run(store, status="failed", metrics={"val_loss": 0.1, "acc": 0.9})
    add_run(store, metrics={"val_loss": 0.3, "acc": 0.7, "speed": 20.0}, params={"lr": 0.1})
    add_run(store, status="killed", metrics={"val_loss": 0.05, "acc": 0.95})
    add_run(store, status="running", metrics={"val_loss": 0.01})
    add_run(store, metrics={"acc": 0.1})
    store.close()
    return store


# -- 2. the best run ---------------------------------------------------------------------------


def test_best_ranks_finished_runs_only_in_the_metrics_direction(main: Cli, ranked: Store) -> None:
    assert numbers(main("ls", "--best", "val_loss", "--json")) == [3, 1]  # lower is better
    assert numbers(main("ls", "--best", "metrics.acc", "--json")) == [3, 1, 6]  # higher
    assert numbers(main("ls", "--best", "val_loss", "-n", "1", "--json")) == [3]
    table = ok(main("ls", "--best", "val_loss"))
    assert "lower is better" in table.stderr and "finished runs only" in table.stderr
    assert [line.split()[0] for line in table.stdout.splitlines()[1:]] == ["3", "1"]
    # The name says nothing about speed: say it, or be asked to.
    r = main("ls", "--best", "speed")
    assert r.code == 2 and "--better higher or --better lower" in r.stderr
    assert numbers(main("ls", "--best", "speed", "--better", "higher", "--json")) == [3, 1]
    assert numbers(main("ls", "--best", "speed", "--better", "lower", "--json")) == [1, 3]
    assert numbers(main("ls", "--best", "acc", "--better", "lower", "--json")) == [6, 1, 3]


def test_best_reads_directions_from_config_and_combines_with_where(
        main: Cli, ranked: Store, tmp_path: Path) -> None:
    (tmp_path / "runlab.toml").write_text('directions = { speed = "lower" }\n')
    assert numbers(main("ls", "--best", "speed", "--json")) == [1, 3]
    assert numbers(main("ls", "--best", "acc", "--where", "metrics.val_loss",
                       "--json")) == [3, 1]


def test_best_errors_say_what_to_do(main: Cli, ranked: Store) -> None:
    r = main("ls", "--best", "lr")
    assert r.code == 2 and "'lr' is a param, not a metric" in r.stderr
    r = main("ls", "--best", "val_los")
    assert r.code == 2 and "no run has a metric 'val_los'; did you mean metrics.val_loss?" \
        in r.stderr
    r = main("ls", "--better", "higher")
    assert r.code == 2 and "--better goes with --best" in r.stderr
    for r in (main("ls", "--best", "lr"), main("ls", "--best", "speed")):
        assert len(r.stderr.splitlines()) == 1 and "Traceback" not in r.stderr


# -- 4. labels and notes in CSV ----------------------------------------------------------------


def test_csv_shows_labels_and_notes(main: Cli, ranked: Store) -> None:
    ok(main("tag", "3", "best"))
    ok(main("tag", "1", "stage=ft"))
    ok(main("note", "3", "the one to beat"))
    rows = {row["number"]: row for row in
            csv.DictReader(io.StringIO(ok(main("ls", "--format", "csv")).stdout))}
    assert rows["3"]["tags"] == "best" and rows["3"]["note"] == "the one to beat"
    assert rows["1"]["tags"] == "stage=ft" and rows["1"]["tags.stage"] == "ft"
    assert rows["6"]["tags"] == "" and rows["6"]["note"] == ""


# -- 5. a value keeps the form it was given in -------------------------------------------------


def test_a_float_param_keeps_its_point_everywhere(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text("print('loss: 0.5')\n")
    first = ok(cli(PY, "train.py", "--lr", "1.0"))
    second = ok(cli(PY, "train.py", "--lr", "2.0", "--epochs", "3"))
    assert "loss" in first.stderr
    assert "lr 1.0 → 2.0" in second.stderr  # the end-of-run summary
    table = ok(cli("ls")).stdout.splitlines()
    assert "2.0" in table[1].split() and "1.0" in table[2].split()
    show = ok(cli("show", "1")).stdout
    assert any(line.split() == ["lr", "1.0"] for line in show.splitlines())
    diff = ok(cli("diff", "1", "2")).stdout
    assert any(line.split()[:3] == ["lr", "1.0", "2.0"] for line in diff.splitlines())
    assert json.loads(ok(cli("show", "1", "--json")).stdout)["params"]["lr"] == 1.0


def test_a_float_param_shows_the_digits_a_query_matches(cli: Cli, git_repo: Path) -> None:
    # 0.1 * 3 is 0.30000000000000004: shown as 0.3 it looked equal to 0.3, and a query for
    # the 0.3 on the screen found nothing.
    (git_repo / "fit.py").write_text("print('loss: 0.5')\n")
    ok(cli(PY, "fit.py", "--lr", "0.3", "--wd", "0.25", cwd=git_repo))
    second = ok(cli(PY, "fit.py", "--lr", "0.30000000000000004", "--wd", "0.3333333333333333",
                    cwd=git_repo))
    assert "lr 0.3 → 0.30000000000000004" in second.stderr  # the end-of-run summary
    assert "wd 0.25 → 0.3333333333333333" in second.stderr
    show = [line.split() for line in ok(cli("show", "2", cwd=git_repo)).stdout.splitlines()]
    assert ["lr", "0.30000000000000004"] in show and ["wd", "0.3333333333333333"] in show
    diff = [line.split() for line in ok(cli("diff", "1", "2", cwd=git_repo)).stdout.splitlines()]
    assert ["lr", "0.3", "0.30000000000000004", "changed"] in diff
    table = ok(cli("ls", "--columns", "number,params.lr", cwd=git_repo)).stdout.splitlines()
    assert [line.split() for line in table] == [["#", "lr"], ["2", "0.30000000000000004"],
                                                ["1", "0.3"]]
    for shown, number in (("0.30000000000000004", 2), ("0.3", 1)):
        found = ok(cli("ls", "--json", "--where", f"params.lr = {shown}", cwd=git_repo))
        assert [run["number"] for run in json.loads(found.stdout)] == [number]


# -- 11. telling runs apart in a narrow table; a summary that fits -----------------------------


def test_the_command_is_cut_in_the_middle_keeping_the_script(store: Store,
                                                             tmp_path: Path) -> None:
    for script in ("train_tqdm.py", "train_hf.py", "train_pl.py"):
        add_run(store, command=["python", f"examples/{script}", "--learning-rate", "0.001",
                                "--batch-size", "64", "--epochs", "10"],
                metrics={"loss": 0.5})
    store.close()
    code, out = run_in_pty(["ls"], tmp_path, cols=90)
    assert code == 0
    lines = [x for x in out.decode().replace("\r", "").split("\n") if x.strip()]
    assert all(len(x) <= 90 for x in lines), lines
    rows = {line.split()[0]: line for line in lines[1:4]}
    for number, script in (("3", "train_pl.py"), ("2", "train_hf.py"), ("1", "train_tqdm.py")):
        assert script in rows[number] and "…" in rows[number], rows[number]


def test_a_script_over_several_lines_stays_on_its_row(store: Store, tmp_path: Path) -> None:
    add_run(store, command=["python", "-c", "import sys\nprint(1)\tprint(2)"],
            metrics={"loss": 0.5})
    store.close()
    code, out = run_in_pty(["ls"], tmp_path, cols=90)
    assert code == 0
    lines = [x for x in out.decode().replace("\r", "").split("\n") if x.strip()]
    assert len(lines) == 2 and "import sys⏎print(1) print(2)" in lines[1], lines


def test_a_cut_command_never_shows_a_value_without_its_option(store: Store,
                                                               tmp_path: Path) -> None:
    for lr in ("1.0", "0.5"):
        add_run(store, command=["python", "train.py", "--lr", lr, "--batch-size", "64"],
                metrics={"loss": 0.5, "val_loss": 0.25})
    store.close()
    for cols in (40, 42, 44, 46):
        code, out = run_in_pty(["ls", "--columns", "number,command,metrics.loss"], tmp_path,
                                cols=cols)
        assert code == 0
        rows = [x for x in out.decode().replace("\r", "").split("\n")[1:3]]
        for row in rows:
            assert "…" in row, row
            kept = row.split("…")[1].split("  ")[0].split()
            # "… 64" would read as a positional argument: the cut begins at an option.
            assert not kept or kept[0].startswith("--"), (cols, row)


def test_the_summary_fits_the_terminal_most_telling_metrics_first(tmp_path: Path) -> None:
    names = [f"aux_{i}" for i in range(10)] + ["loss", "val_acc"]
    printing = ", ".join(f"{n}={i / 10}" for i, n in enumerate(names))
    (tmp_path / "train.py").write_text(f"print({printing!r})\n")
    code, out = run_in_pty([PY, "train.py"], tmp_path, cols=60)
    assert code == 0
    text = out.decode().replace("\r", "")
    summary = text[text.index("runlab: run 1"):].splitlines()
    assert len(summary) == 2 and all(len(line) <= 60 for line in summary), summary
    assert summary[1].startswith("  val_acc 1.1 · loss 1 · aux_0 0")
    assert summary[1].endswith("more") and "… " in summary[1]


# -- 12. tags as run references -----------------------------------------------------------------


def test_tag_references_name_the_newest_run_carrying_the_tag(main: Cli, store: Store) -> None:
    for i in range(4):
        add_run(store, metrics={"loss": 1.0 / (i + 1)}, name=f"r{i + 1}")
    store.close()
    ok(main("tag", "1", "3", "best"))
    ok(main("tag", "2", "baseline=resnet"))
    assert json.loads(ok(main("show", "@best", "--json")).stdout)["number"] == 3
    assert json.loads(ok(main("show", "@best~1", "--json")).stdout)["number"] == 1
    assert json.loads(ok(main("show", "@baseline", "--json")).stdout)["number"] == 2
    assert "Comparing run 2 (r2) with run 4 (r4)" in ok(main("diff", "@baseline", "last")).stdout
    ok(main("rm", "3"))
    assert json.loads(ok(main("show", "@best", "--json")).stdout)["number"] == 1
    for ref, said in (("@best~1", "fewer runs carry the tag 'best'"),
                      ("@nope", "no run carries the tag 'nope'"),
                      ("@", "use @TAG or @TAG~N")):
        r = main("show", ref)
        assert r.code == 2 and said in r.stderr and len(r.stderr.splitlines()) == 1
    r = main("rename", "2", "@odd")
    assert r.code == 2 and "@TAG" in r.stderr


def test_tag_references_complete(store: Store, shell_env: dict[str, str]) -> None:  # noqa: F811
    add_run(store, tags={"best": "", "owner": "ada"})
    store.close()
    # bash splits `@b` into `@` and `b` (@ is in COMP_WORDBREAKS) and replaces only what
    # follows the @: the words below are what real bash hands the function.
    assert bash_complete(shell_env, "show", "@") == ["best", "owner"]
    assert bash_complete(shell_env, "diff", "1", "@", "b") == ["best"]
    assert bash_complete(shell_env, "diff", "@", "best", "@", "o") == ["owner"]
    assert "@" not in "".join(bash_complete(shell_env, "show", ""))
    zsh = _protocol(shell_env, "zsh", "runlab show @")
    assert '"@best":"tag"' in zsh and '"@owner":"tag"' in zsh


# -- 13. the narrow terminal keeps what tells runs apart ---------------------------------------


def test_a_narrow_table_keeps_metrics_and_varying_params(store: Store, tmp_path: Path) -> None:
    for lr in (0.1, 0.01, 0.001):
        add_run(store, command=["python", "train.py", "--lr", str(lr), "--epochs", "10",
                                "--batch-size", "64", "--model", "resnet50"],
                params={"lr": lr, "epochs": 10, "dropout": 0.1 * lr, "model": "resnet50",
                        "warmup": lr * 2, "seed": int(lr * 1000)},
                metrics={"loss": lr, "val_loss": lr * 2, "acc": 1 - lr, "val_acc": 1 - 2 * lr})
    store.close()
    code, out = run_in_pty(["ls"], tmp_path, cols=90)
    assert code == 0
    lines = [x for x in out.decode().replace("\r", "").split("\n") if x.strip()]
    head = lines[0].split()
    assert {"loss", "val_loss", "acc", "val_acc", "lr"} <= set(head), head
    assert "started" not in head  # times give way before metrics and params
    # The columns with one value on every run, as a footer line.
    assert any(line.startswith("same on every run: status finished") for line in lines)
    assert all(len(x) <= 90 for x in lines)


# -- 14. suggestions in errors; field names complete ---------------------------------------------


def test_unknown_fields_get_the_closest_known_one(main: Cli, ranked: Store) -> None:
    r = main("ls", "--sort", "val_loss")
    assert r.code == 2 and "unknown field 'val_loss': did you mean metrics.val_loss?" in r.stderr
    r = main("ls", "--sort", "-lr")
    assert r.code == 2 and "did you mean params.lr?" in r.stderr
    r = main("ls", "--where", "metrics.valacc > 0.5")
    assert r.code == 0 and r.stdout == ""
    assert r.stderr == "runlab: warning: no run has a metric 'valacc'; did you mean metrics.acc?\n"
    r = main("ls", "--where", "metrics.val_los < 1", "--json")
    assert json.loads(r.stdout) == [] and "did you mean metrics.val_loss?" in r.stderr
    r = main("ls", "--columns", "number,val_loss")
    assert r.code == 2 and "did you mean metrics.val_loss?" in r.stderr
    # A key that a word of a known one starts with (`val` for `val_loss`) names it.
    r = main("ls", "--where", "metrics.val > 0.5")
    assert "no run has a metric 'val'; did you mean metrics.val_loss?" in r.stderr
    # A key that exists is not warned about, even where no run matches.
    r = main("ls", "--where", "metrics.acc > 5")
    assert r.stderr == "no runs match\n"


def test_a_mistyped_run_reference_gets_the_closest_one(main: Cli, ranked: Store) -> None:
    r = main("show", "lats")
    assert r.code == 2 and r.stderr == "runlab: error: no run matches 'lats': did you mean 'last'?\n"
    assert main("rename", "1", "baseline-lr").code == 0
    r = main("show", "baseline-rl")
    assert "did you mean 'baseline-lr'?" in r.stderr
    r = main("show", "zzz")
    assert "did you mean" not in r.stderr and "`runlab ls` lists them" in r.stderr


def test_field_names_complete_in_bash_zsh_and_fish(ranked: Store,
                                                   shell_env: dict[str, str]) -> None:  # noqa: F811
    assert bash_complete(shell_env, "ls", "--sort", "metrics.v") == ["metrics.val_loss"]
    assert bash_complete(shell_env, "ls", "--where", "params.") == ["params.lr"]
    assert bash_complete(shell_env, "ls", "--columns", "number,metrics.a") == \
        ["number,metrics.acc"]
    assert bash_complete(shell_env, "ls", "--best", "sp") == ["speed"]
    every = bash_complete(shell_env, "ls", "--sort", "")
    assert every[:3] == ["metrics.acc", "metrics.speed", "metrics.val_loss"]
    assert "params.lr" in every and "status" in every
    zsh = _protocol(shell_env, "zsh", "runlab ls --where 'metrics.acc > 0.5 and metrics.v")
    assert "metrics.acc > 0.5 and metrics.val_loss" in zsh
    fish = _protocol(shell_env, "fish", "runlab ls --sort metrics.a",
                     _TYPER_COMPLETE_FISH_ACTION="get-args")
    assert fish.split("\n")[0] == "metrics.acc\tmetric"


# -- 15. ls -n, Markdown -------------------------------------------------------------------------


def test_n_is_short_for_limit_and_markdown_pastes(main: Cli, ranked: Store) -> None:
    assert numbers(main("ls", "-n", "2", "--json")) == [6, 5]
    md = ok(main("ls", "-n", "2", "--format", "markdown")).stdout.splitlines()
    assert md[0].startswith("| # | status |") and md[1].startswith("|---:|---|")
    assert len(md) == 4 and md[2].startswith("| 6 | finished |")
    diff = ok(main("diff", "1", "3", "--format", "markdown")).stdout
    assert diff.startswith("**Comparing run 1 with run 3**")
    assert "### Metrics" in diff and "| metric | #1 | #3 | Δ | % |  |" in diff
    assert "| val_loss | 0.5 | 0.3 | -0.2 | -40% | ▲ better |" in diff
    for ref, text in (("1", "loss 1\n"), ("2", "loss 2\n")):
        Path(ranked.output_path(ranked.resolve(ref))).write_text(text)
    ranked.close()
    log = ok(main("diff", "1", "2", "--log", "--format", "markdown")).stdout
    assert log.startswith("```diff\n--- run 1 output\n") and log.endswith("\n```\n")
    r = main("diff", "1", "3", "--format", "html")
    assert r.code == 2 and "table, markdown or json" in r.stderr
    r = main("ls", "--json", "--format", "csv")
    assert r.code == 2 and r.stderr == "runlab: error: choose one of --json and --format csv\n"


# -- 16. help that shows what to type ------------------------------------------------------------


def test_help_shows_examples_as_a_block_and_plain_metavars(cli: Cli) -> None:
    top = ok(cli("--help", env={"COLUMNS": "100"})).stdout.splitlines()
    examples = [line.strip() for line in top if line.strip().startswith("runlab ")]
    assert examples[:3] == ["runlab python train.py --lr 0.01 --epochs 10",
                            "runlab ls --best val_loss", "runlab show last"]
    every = ok(cli("diff", "--help")).stdout + ok(cli("ls", "--help")).stdout + \
        ok(cli("tag", "--help")).stdout
    assert "<list[str]>" not in every and "<str>" not in every and "<int>" not in every
    assert "RUN..." in every and "--store PATH" in every and "--where EXPR" in every


def test_reading_never_makes_a_store(cli: Cli, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    here = {"RUNLAB_STORE": ""}  # the store beside the code: work/.runlab
    listed = ok(cli("ls", cwd=work, env=here))
    assert "no runs yet" in listed.stderr and "no store" not in listed.stderr
    assert ok(cli("ls", "--json", cwd=work, env=here)).stdout.strip() == "[]"
    shown = cli("show", "last", cwd=work, env=here)
    assert shown.code != 0 and "fewer runs" in shown.stderr
    assert ok(cli("push", "--mlflow", "http://127.0.0.1:9", cwd=work, env=here)
              ).stderr.strip() == "no runs to push"
    typo = ok(cli("--store", str(tmp_path / "stroe"), "ls", cwd=work))
    assert f"there is no store at {tmp_path / 'stroe'}" in typo.stderr
    assert f"there is no store at {tmp_path / 'store'}" in ok(cli("ls", cwd=work)).stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"]
    assert list(work.iterdir()) == []  # no .runlab, and no stray ':memory:' file
    # The first run makes it, and reading finds it.
    ok(cli(PY, "-c", "print('loss 0.5')", cwd=work, env=here))
    assert numbers(cli("ls", "--json", cwd=work, env=here)) == [1]
    assert (work / ".runlab").is_dir()


def test_completed_fields_read_back_as_their_keys_and_bash_quotes_them(
        store: Store, shell_env: dict[str, str]) -> None:  # noqa: F811
    import shlex

    add_run(store, metrics={"loss": 0.4, "loss.min": 7.0, "acc@1": 0.6},
            params={"model.lr": 0.1})
    store.close()
    offered = bash_complete(shell_env, "ls", "--sort", "metrics.")
    # A metric named loss.min is metrics.`loss.min` (bare, it is loss's minimum), acc@1 is
    # quoted as --where and --sort want it; bash gets each escaped so that the shell reads
    # the backticks as text, not as a command to run.
    assert [shlex.split(w) for w in offered] == [
        ["metrics.`acc@1`"], ["metrics.loss"], ["metrics.`loss.min`"]], offered
    assert "metrics.loss.min" not in offered and "metrics.acc@1" not in offered
    assert bash_complete(shell_env, "ls", "--where", "params.") == ["params.model.lr"]
    assert bash_complete(shell_env, "ls", "--best", "") == ["\\`acc@1\\`", "loss", "\\`loss.min\\`"]
    # Inside a quote the user opened, single quotes keep backticks as they are.
    assert "metrics.`acc@1`" in bash_complete(shell_env, "ls", "--sort", "'metrics.")
    zsh = _protocol(shell_env, "zsh", "runlab ls --sort metrics.")
    assert '"metrics.\\`loss.min\\`":"metric"' in zsh and '"metrics.loss.min"' not in zsh
    fish = _protocol(shell_env, "fish", "runlab ls --sort metrics.",
                     _TYPER_COMPLETE_FISH_ACTION="get-args")
    assert "metrics.`acc@1`\tmetric" in fish.split("\n")


def test_bash_s_generic_script_is_offered_no_name_it_would_run(
        store: Store, shell_env: dict[str, str]) -> None:  # noqa: F811
    # `--install-completion`'s script inserts a reply as it stands: metrics.`acc@1` would run
    # acc@1 as a command, so only runlab's own script (which escapes it) is offered it
    add_run(store, metrics={"loss": 0.4, "acc@1": 0.6})
    store.close()
    env = {**shell_env, "_RUNLAB_COMPLETE": "complete_bash",
           "COMP_WORDS": "runlab ls --sort metrics.", "COMP_CWORD": "3"}
    generic = subprocess.run(["runlab"], env=env, capture_output=True, text=True, timeout=60,
                             check=False)
    assert generic.stdout.split() == ["metrics.loss"], generic.stdout
    ours = subprocess.run(["runlab"], env={**env, "_RUNLAB_COMPLETE_QUOTES": "1"},
                          capture_output=True, text=True, timeout=60, check=False)
    assert ours.stdout.split() == ["metrics.`acc@1`", "metrics.loss"], ours.stdout


def test_fields_complete_in_a_store_of_more_keys_than_are_offered_at_once(
        store: Store, shell_env: dict[str, str]) -> None:  # noqa: F811
    # the typed start is asked of the store first: a key past the first few hundred completes
    add_run(store, metrics={f"k{index:03d}": 0.5 for index in range(300)})
    store.close()
    assert bash_complete(shell_env, "ls", "--sort", "metrics.k29") == [
        f"metrics.k29{digit}" for digit in range(10)]
    assert bash_complete(shell_env, "ls", "--where", "metrics.k299") == ["metrics.k299"]
