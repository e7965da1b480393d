"""The web pages in a real headless browser: the system's Chromium driven by Playwright.

`.ci/run` installs Chromium (Debian's package); in CI a missing browser fails these tests
rather than skipping them.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import runlab
from runlab.store import Store
from tests.conftest import Result, child_env, runlab_argv
from tests.uiserver import serving, write_runs

XSS = "<img src=x onerror=alert(1)>"


def chromium() -> str:
    found = os.environ.get("RUNLAB_TEST_CHROMIUM") or shutil.which("chromium") \
        or shutil.which("chromium-browser")
    if found:
        return found
    why = "no Chromium: apt-get install chromium (or set RUNLAB_TEST_CHROMIUM)"
    if os.environ.get("CI"):
        pytest.fail(why)
    pytest.skip(why)


@pytest.fixture
def browser() -> Iterator[Any]:
    path = chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is missing: pip install '.[test]'")
        pytest.skip("playwright is missing: pip install '.[test]'")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    pg.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.problems = problems
    yield pg
    assert problems == []
    pg.close()


def make_sweep(cli: Callable[..., Result]) -> None:
    """Four runs of a small sweep (20 or 15 points each), one named with HTML, one that
    printed HTML and escape codes."""
    for lr, seed, steps in [(0.1, 1, 20), (0.1, 2, 15), (0.01, 1, 20), (0.01, 2, 15)]:
        with runlab.start_run(name=f"lr{lr}-s{seed}", params={"lr": lr, "seed": seed}) as r:
            for s in range(steps):
                r.log_metrics({"loss": math.exp(-lr * s) + seed / 100, "acc": 1 - math.exp(-lr * s)},
                              step=s)
    with runlab.start_run(name=XSS, params={"lr": 0.5}) as r:
        r.log_metric("loss", 1.0, step=0)
    code = "print('<script>alert(2)</script>'); print('\\x1b[31mred\\x1b[0m plain')"
    assert cli("-q", "-n", "printer", "--note", "<b>bold?</b>", sys.executable, "-c", code).code == 0


def numbers(page: Any) -> list[int]:
    return [int(x) for x in page.eval_on_selector_all(
        "#runs-table tbody tr", "rows => rows.map(r => r.dataset.number)")]


def test_filter_sort_select_and_compare(page: Any, cli: Callable[..., Result]) -> None:
    make_sweep(cli)
    with serving() as srv:
        page.goto(srv.url)
        page.wait_for_selector("#runs-table tbody tr")
        assert numbers(page) == [6, 5, 4, 3, 2, 1]
        # Recorded strings are text, never markup.
        assert page.locator("#runs-table").inner_text().count(XSS) == 1
        assert page.locator("img[src=x]").count() == 0

        page.fill("#query", "params.lr >")
        page.press("#query", "Enter")
        page.wait_for_selector("#query-error .error")
        assert "^" in page.inner_text("#query-error") and "column 12" in page.inner_text("#query-error")

        page.fill("#query", "params.lr < 0.2")
        page.press("#query", "Enter")
        page.wait_for_function("() => document.querySelectorAll('#runs-table tbody tr').length === 4")
        assert page.inner_text("#runs-count") == "1\u20134 of 4 runs"

        page.click("th[data-field='params.seed']")
        page.wait_for_selector("th.sorted[data-field='params.seed']:not(.desc)")
        assert numbers(page) == [3, 1, 4, 2]  # seed 1 first, newest first among equals
        page.click("th[data-field='params.seed']")
        page.wait_for_selector("th.sorted.desc[data-field='params.seed']")
        assert numbers(page) == [4, 2, 3, 1]

        # The table loads no charting code; a selection starts loading it for the Compare
        # it announces (its first run in a browser takes seconds).
        plotly = "() => [...document.scripts].some(s => s.src.endsWith('/plotly.min.js'))"
        assert not page.evaluate(plotly)
        page.check("tr[data-number='1'] input.select")
        assert page.evaluate(plotly)
        page.check("tr[data-number='2'] input.select")
        assert page.inner_text("#compare-button") == "Compare 2 selected"
        page.wait_for_function("() => window.Plotly !== undefined")
        assert "compare" not in page.url  # loaded on the runs page, before Compare
        page.click("#compare-button")
        page.wait_for_selector("#compare-charts[data-ready]")
        charts = page.evaluate(
            "[...document.querySelectorAll('#compare-charts .chart')].map(c => "
            "[c.dataset.key, c.data.map(t => t.x.length)])")
        assert sorted(charts) == [["acc", [20, 15]], ["loss", [20, 15]]]
        assert "params.seed" in page.inner_text("#params-diff")
        # The sweep's parallel coordinates are SVG (headless Chromium has no WebGL): one line
        # per run across the seed axis and the metric's.
        assert page.get_attribute("#sweep-parcoords", "data-lines") == "2"
        assert page.locator("#sweep-parcoords svg polyline").count() == 2
        axes = page.eval_on_selector_all("#sweep-parcoords .pc-axis text:first-of-type",
                                         "names => names.map(t => t.textContent)")
        assert axes == ["params.seed", "metrics.acc"]
        # Grouping over the seed: one mean curve (with its band) for the two runs.
        page.select_option("#group-by", "seed")
        mean = page.evaluate(
            "document.querySelector(\".chart[data-key='loss']\").data.filter(t => t.showlegend !== false)")
        assert len(mean) == 1 and "2 runs" in mean[0]["name"]


def test_a_running_run_updates_live(page: Any, tmp_path: Path) -> None:
    run = runlab.start_run(name="live", params={"lr": 0.1})
    try:
        run.log_metric("loss", 1.0, step=0)
        run.log_metric("loss", 0.5, step=1)
        run._flush()  # the points in the journal now, not at the next batch
        store = Store(os.environ["RUNLAB_STORE"])
        log = Path(store.output_path(run.id))
        log.write_bytes(b"starting\n")
        with serving() as srv:
            page.goto(srv.url + "#/run/live")
            page.wait_for_selector("main[data-ready]")
            assert page.inner_text("#run-status") == "running"
            chart = ".chart[data-key='loss']"
            assert page.get_attribute(chart, "data-points") == "2"
            store.append(run.id, [{"e": "metrics", "p": [["loss", 0.25, 2, time.time()]]}])
            with log.open("ab") as f:
                f.write(b"epoch 3 <i>done</i>\n")
            page.wait_for_selector(f"{chart}[data-points='3']", timeout=20_000)
            page.wait_for_function(
                "() => document.querySelector('#log').textContent.includes('epoch 3 <i>done</i>')",
                timeout=20_000)
            assert page.locator("#log i").count() == 0
            run.end()
            page.wait_for_function(
                "() => document.querySelector('#run-status').textContent === 'finished'",
                timeout=20_000)
        store.close()
    finally:
        run.end()


# A program that prints five metric lines, says so with a file, waits for the test's file,
# then prints five more and ends.
WAITING_PROGRAM = """\
import pathlib, sys, time
said, go = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for step in range(5):
    print(f"step={step} loss={1 / (step + 1):.4f}", flush=True)
said.touch()
while not go.exists():
    time.sleep(0.02)
for step in range(5, 10):
    print(f"step={step} loss={1 / (step + 1):.4f}", flush=True)
"""


def wait_for_file(path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} did not appear within {timeout} s"
        time.sleep(0.02)


def test_compare_follows_a_running_run_until_it_ends(page: Any, cli: Callable[..., Result],
                                                     tmp_path: Path) -> None:
    program = tmp_path / "waits.py"
    program.write_text(WAITING_PROGRAM)
    done = tmp_path / "done"
    done.touch()  # run 1 goes straight through: ten points, finished
    assert cli("-q", sys.executable, str(program), str(tmp_path / "said1"), str(done)).code == 0
    said, go = tmp_path / "said2", tmp_path / "go2"
    proc = subprocess.Popen(runlab_argv(sys.executable, str(program), str(said), str(go)),
                            cwd=tmp_path, env=child_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        wait_for_file(said)
        with serving() as srv:
            page.goto(srv.url + "#/compare?runs=2,1")
            page.wait_for_selector("#compare-charts[data-ready]")
            chart = "document.querySelector(\".chart[data-key='loss']\")"
            lengths = f"() => {chart}.data.map(t => t.x.length).join(',')"
            status = "n => document.querySelector(`#params-diff .status[data-number='${n}']`).textContent"
            # Run 2's five points may still be on their way into the store: the page follows.
            page.wait_for_function(f"() => ({lengths})() === '5,10'", timeout=20_000)
            assert page.evaluate(status, 2) == "running"
            assert page.evaluate(status, 1) == "finished"
            assert page.get_attribute("#params-diff .status[data-number='2']", "class") \
                == "status status-running"
            assert page.get_attribute("#compare-charts", "data-live") == "1"
            go.touch()
            assert proc.wait(timeout=60) == 0
            page.wait_for_function(f"() => ({lengths})() === '10,10'", timeout=20_000)
            page.wait_for_function(f"() => ({status})(2) === 'finished'", timeout=20_000)
            steps = page.evaluate(f"{chart}.data[0].x")
            assert steps == list(range(10))
            # Nothing runs any more: the page stops polling, as the run page does.
            page.wait_for_selector("#compare-charts:not([data-live])", timeout=20_000)
    finally:
        go.touch()
        if proc.poll() is None:
            proc.kill()
        _, err = proc.communicate(timeout=60)
    assert err.startswith("runlab: run 2 finished"), err


def test_a_column_of_an_odd_key_sorts_by_the_field_the_language_reads(page: Any) -> None:
    # The page names a column as the query language reads it: clicking acc@1's header sorts
    # by metrics.`acc@1` (metrics.acc@1 is an error), and a metric named loss.min is
    # metrics.`loss.min` (metrics.loss.min would be loss's minimum).
    for acc, weird in ((0.2, 5.0), (0.9, 1.0), (0.5, 3.0)):
        with runlab.start_run(params={"lr": acc}) as r:
            r.log_metrics({"acc@1": acc, "loss": 9.0, "loss.min": weird}, step=0)
    with serving() as srv:
        page.goto(srv.url)
        page.wait_for_selector("#runs-table tbody tr")
        heads = page.eval_on_selector_all("#runs-table th[data-field]", "t => t.map(h => h.dataset.field)")
        assert "metrics.`acc@1`" in heads and "metrics.`loss.min`" in heads, heads
        page.click("th[data-field='metrics.`acc@1`']")
        page.wait_for_selector("th.sorted[data-field='metrics.`acc@1`']:not(.desc)")
        assert numbers(page) == [1, 3, 2]
        assert page.locator("#query-error .error").count() == 0
        page.click("th[data-field='metrics.`loss.min`']")
        page.wait_for_selector("th.sorted[data-field='metrics.`loss.min`']:not(.desc)")
        assert numbers(page) == [2, 3, 1]
        cells = page.eval_on_selector_all(  # the last column is loss.min's, loss's before it
            "#runs-table tbody tr", "rows => rows.map(r => [...r.children].slice(-2)"
            ".map(c => c.textContent))")
        assert cells == [["9", "1"], ["9", "3"], ["9", "5"]]


def test_new_runs_appear_without_a_reload(page: Any) -> None:
    with runlab.start_run(name="before") as r:
        r.log_metric("loss", 1.0, step=0)
    with serving() as srv:
        page.goto(srv.url)
        page.wait_for_selector("#runs-table tbody tr")
        assert numbers(page) == [1]
        page.keyboard.press("j")  # the cursor stays on its run when rows arrive above it
        page.evaluate("window.loadedOnce = true")
        run = runlab.start_run(name="arrived")
        try:
            page.wait_for_selector("tr[data-number='2'][data-status='running']", timeout=20_000)
            assert numbers(page) == [2, 1]
            assert page.inner_text("#runs-count") == "1\u20132 of 2 runs"
            assert page.get_attribute("tr.cursor", "data-number") == "1"
        finally:
            run.end()
        page.wait_for_selector("tr[data-number='2'][data-status='finished']", timeout=20_000)
        assert page.evaluate("window.loadedOnce") is True  # the same document: no reload


@pytest.mark.slow
def test_ten_thousand_runs_page_by_page_with_keys(page: Any) -> None:
    write_runs(os.environ["RUNLAB_STORE"],
               [({"lr": i % 7 / 10, "seed": i % 5}, {"loss": [1 / (i + 1)]}) for i in range(10_000)])
    assert runlab.runs(limit=1)[0]["number"] == 10_000
    with serving() as srv:
        page.goto(srv.url)
        page.wait_for_selector("#runs-table tbody tr")
        # One page of rows in the document, never all ten thousand.
        assert page.locator("#runs-table tbody tr").count() == 50
        assert page.inner_text("#runs-count") == "1\u201350 of 10000 runs"
        assert numbers(page)[0] == 10_000
        page.keyboard.press("n")
        page.wait_for_selector("tr[data-number='9950']")
        assert page.inner_text("#runs-count") == "51\u2013100 of 10000 runs"
        page.keyboard.press("p")
        page.wait_for_selector("tr[data-number='10000']")
        page.keyboard.press("/")
        page.keyboard.type("params.seed = 3 and params.lr >= 0.5")
        page.keyboard.press("Enter")
        matching = sum(1 for i in range(10_000) if i % 5 == 3 and i % 7 >= 5)
        page.wait_for_function(
            f"() => document.querySelector('#runs-count').textContent.endsWith('of {matching} runs')")
        page.keyboard.press("Escape")
        page.keyboard.press("k")  # already at the top: stays
        page.keyboard.press("j")
        page.keyboard.press("x")
        second = numbers(page)[1]
        assert page.inner_text("#compare-button") == "Compare 1 selected"
        page.keyboard.press("o")
        page.wait_for_selector("main[data-ready]")
        assert page.inner_text("#run-title").startswith(f"#{second} ")


def test_run_page_edits_and_escapes(page: Any, cli: Callable[..., Result]) -> None:
    make_sweep(cli)
    with serving() as srv:
        page.goto(srv.url + "#/run/printer")
        page.wait_for_selector("main[data-ready]")
        assert page.input_value("#note") == "<b>bold?</b>"
        log = page.locator("#log")
        assert "<script>alert(2)</script>" in log.inner_text()
        assert page.locator("#log script").count() == 0
        assert page.locator("#log span.fg1").inner_text() == "red"
        assert "\x1b" not in log.inner_text()

        page.fill("#tag-input", "reviewed=yes")
        page.press("#tag-input", "Enter")
        page.wait_for_selector("main[data-edits='1']")
        page.fill("#note", "looks <i>fine</i>")
        page.click("#save-note")
        page.wait_for_selector("main[data-edits='2']")
        r = cli("ls", "--json", "--where", 'tags.reviewed = "yes"')
        found = json.loads(r.stdout)
        assert [x["name"] for x in found] == ["printer"]
        page.click(".tag[data-key='reviewed'] button")
        page.wait_for_selector(".tag[data-key='reviewed']", state="detached")
        after = json.loads(cli("show", "printer", "--json").stdout)
        assert "reviewed" not in after["tags"] and after["note"] == "looks <i>fine</i>"

        page.goto(srv.url + "#/run/5")
        page.wait_for_selector("main[data-ready]")
        assert page.inner_text("#run-name") == XSS
        assert page.locator("img[src=x]").count() == 0


def test_keyboard_moves_selects_and_opens(page: Any, cli: Callable[..., Result]) -> None:
    make_sweep(cli)
    with serving() as srv:
        page.goto(srv.url)
        page.wait_for_selector("#runs-table tbody tr")
        page.keyboard.press("j")
        page.keyboard.press("x")
        page.keyboard.press("j")
        page.keyboard.press("x")
        assert page.inner_text("#compare-button") == "Compare 2 selected"
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.id") == "query"
        page.keyboard.press("Escape")
        page.keyboard.press("Enter")
        page.wait_for_selector("main[data-ready]")
        assert page.inner_text("#run-title").startswith("#4 ")


def test_models_page(page: Any, cli: Callable[..., Result], tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    assert cli("-a", "m.pt", sys.executable, "-c", "open('m.pt','wb').write(b'w')", cwd=work).code == 0
    assert cli("model", "register", "last", "m.pt", "--name", "clf").code == 0
    with serving() as srv:
        page.goto(srv.url + "#/models")
        page.wait_for_selector("#models tbody tr")
        page.click("#models tbody tr")
        page.wait_for_selector("#models table td:has-text('v1')")
        assert "m.pt" in page.inner_text("#models")
