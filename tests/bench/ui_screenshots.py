"""Regenerate the README's screenshots of `runlab ui` (docs/ui-*.png) in a headless Chromium:

    python tests/bench/ui_screenshots.py

It records a small sweep in a temporary store (and one real tracked run in a git repository
with uncommitted changes), serves it, and photographs the Runs, Compare and Run pages.
"""

from __future__ import annotations

import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

import runlab  # noqa: E402

TRAIN = """\
import argparse, math, random
p = argparse.ArgumentParser()
p.add_argument("--lr", type=float, default=0.05)
p.add_argument("--epochs", type=int, default=12)
a = p.parse_args()
random.seed(0)
for epoch in range(1, a.epochs + 1):
    loss = math.exp(-a.lr * epoch * 4) + random.random() * 0.03
    acc = 1 - loss * 0.8
    colour = "\\x1b[32m" if acc > 0.8 else "\\x1b[33m"
    print(f"epoch {epoch}/{a.epochs} - loss: {loss:.4f} - {colour}acc: {acc:.4f}\\x1b[0m")
with open("confusion.csv", "w") as f:
    f.write("label,cat,dog\\ncat,48,2\\ndog,3,47\\n")
"""


def record(store: Path, repo: Path) -> None:
    rng = random.Random(3)
    for lr in (0.3, 0.1, 0.03):
        for batch in (32, 64):
            for seed in (1, 2, 3):
                params = {"lr": lr, "batch": batch, "seed": seed, "model": "resnet18"}
                with runlab.start_run(name=f"lr{lr}-b{batch}-s{seed}", params=params,
                                      store=str(store)) as r:
                    noise = rng.random() * 0.05
                    for step in range(0, 2000, 10):
                        loss = 2.3 * math.exp(-lr * step / 150) * (1 + 64 / batch / 10) \
                            + noise + rng.random() * 0.04
                        r.log_metrics({"train_loss": loss, "val_acc": 1 - loss / 2.6}, step=step)
    env = dict(os.environ, RUNLAB_STORE=str(store),
               PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    # What the run records comes from here: a neutral author, `python` found on PATH.
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    for key, value in (("user.name", "Ada Lovelace"), ("user.email", "ada@example.com")):
        subprocess.run(["git", "config", key, value], cwd=repo, check=True)
    (repo / "train.py").write_text(TRAIN.replace("0.03", "0.02"))
    subprocess.run(["git", "-c", "user.name=Ada", "-c", "user.email=ada@example.com", "add", "."],
                   cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=Ada", "-c", "user.email=ada@example.com", "commit",
                    "-qm", "baseline"], cwd=repo, check=True)
    (repo / "train.py").write_text(TRAIN)
    subprocess.run([sys.executable, "-m", "runlab", "-q", "-n", "resnet-long", "-t", "baseline",
                    "--note", "noise in the loss went down after the fix", "-a", "*.csv",
                    "python", "train.py", "--lr", "0.08", "--epochs", "24"],
                   cwd=repo, env=env, check=True)


def main() -> None:
    from playwright.sync_api import sync_playwright

    out = ROOT / "docs"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="runlab-demo-") as d:
        store, repo = Path(d) / "store", Path(d) / "mnist"
        repo.mkdir()
        os.chdir(d)  # the runs record where they ran: a neutral place and author
        os.environ.update(GIT_AUTHOR_NAME="Ada Lovelace", GIT_AUTHOR_EMAIL="ada@example.com")
        record(store, repo)
        env = dict(os.environ, RUNLAB_STORE=str(store),
                   PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
        proc = subprocess.Popen([sys.executable, "-m", "runlab", "ui", "--port", "0",
                                 "--no-browser"], stderr=subprocess.PIPE, text=True, env=env)
        assert proc.stderr is not None
        url = proc.stderr.readline().split()[-1]
        try:
            with sync_playwright() as p:
                b = p.chromium.launch(executable_path=shutil.which("chromium"), args=[
                    "--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"])
                page = b.new_page(viewport={"width": 1400, "height": 860})
                page.goto(url)
                page.wait_for_selector("#runs-table tbody tr")
                page.fill("#query", "params.batch = 32")
                page.press("#query", "Enter")
                page.wait_for_function("() => document.querySelectorAll('#runs-table tbody tr').length === 9")
                page.click("th[data-field='metrics.val_acc']")
                page.click("th[data-field='metrics.val_acc']")
                page.wait_for_selector("th.sorted.desc[data-field='metrics.val_acc']")
                for n in (1, 2, 3, 7, 8, 9):
                    page.check(f"tr[data-number='{n}'] input.select")
                page.screenshot(path=str(out / "ui-runs.png"))
                page.goto(url + "#/compare?runs=1,2,3,7,8,9,13,14,15")
                page.wait_for_selector("#compare-charts[data-ready]")
                page.select_option("#group-by", "seed")
                page.wait_for_timeout(500)  # plotly's transition, for the picture only
                page.screenshot(path=str(out / "ui-compare.png"), full_page=True)
                page.goto(url + "#/run/resnet-long")
                page.wait_for_selector("main[data-ready]")
                page.wait_for_timeout(500)
                page.screenshot(path=str(out / "ui-run.png"), full_page=True)
                b.close()
        finally:
            proc.terminate()
            proc.wait()
    print("wrote docs/ui-runs.png, docs/ui-compare.png, docs/ui-run.png")


if __name__ == "__main__":
    main()
