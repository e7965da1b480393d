"""A real `runlab ui` on a free loopback port, for the API and browser tests."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
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
