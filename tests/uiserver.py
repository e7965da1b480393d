"""A real `runlab ui` on a free loopback port, for the API and browser tests."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from typing import Any

from tests.conftest import child_env, runlab_argv


@dataclass
class Server:
    url: str  # ends with "/" (and carries ?token=... when one is needed)
    proc: subprocess.Popen[str]

    @property
    def base(self) -> str:
        return self.url.split("?")[0].rstrip("/")


@dataclass
class Answer:
    status: int
    headers: Message  # case-insensitive, as HTTP headers are
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@contextmanager
def serving(*args: str, cwd: str | None = None) -> Iterator[Server]:
    """Start `runlab ui --port 0 --no-browser ARGS`; yields once it says it is serving."""
    proc = subprocess.Popen(runlab_argv("ui", "--port", "0", "--no-browser", *args),
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            env=child_env(), cwd=cwd)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()  # blocks until the server is accepting connections
        assert line.startswith("runlab: serving http://"), line + proc.stderr.read()
        yield Server(line.split()[-1], proc)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def request(url: str, method: str = "GET", body: Any = None,
            headers: dict[str, str] | None = None) -> Answer:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return Answer(res.status, res.headers, res.read())
    except urllib.error.HTTPError as e:
        return Answer(e.code, e.headers, e.read())


def write_runs(store_path: str, runs: Iterable[tuple[dict[str, Any], dict[str, list[float]]]],
               batch: int = 10_000) -> None:
    """Finished runs of (params, {metric: values by step}), their journals written as a
    tracked run writes them (a start, metric batches, an end), then indexed at once: a store
    of thousands of runs or millions of points in seconds, where tracking each would take
    minutes."""
    import os
    import time

    from runlab.store import Store, events, journal

    store = Store(store_path)
    t0 = time.time() - 100_000
    for i, (params, metrics) in enumerate(runs):
        run_id = os.urandom(16).hex()
        os.mkdir(store.run_dir(run_id), 0o700)
        path = store.journal_path(run_id)
        t = t0 + i
        journal.append(path, [{"e": "start", "id": run_id, "t": t, "name": f"r{i}",
                               "command": ["train"], "cwd": "/", "params": params}])
        for key, values in metrics.items():
            for lo in range(0, len(values), batch):
                journal.append(path, [events.metrics(
                    [[key, v, lo + j, t] for j, v in enumerate(values[lo:lo + batch])])])
        journal.append(path, [events.end("finished", 0, t=t + 0.5)])
    store.catch_up()
    store.close()
