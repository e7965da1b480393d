"""`--push URI`: a `runlab push --watch` beside the run while it goes, then a last push."""

from __future__ import annotations

import signal
import subprocess
import sys


class Pusher:
    """Pushes one run to an MLflow tracking server from a separate process, so pushing never
    slows the command's output; it is its own session, so the user's Ctrl-C reaches it only
    through runlab."""

    def __init__(self, uri: str, store_root: str) -> None:
        self.uri = uri
        self.store_root = store_root
        self.run_id: str | None = None
        self.proc: subprocess.Popen[bytes] | None = None

    def _argv(self, *extra: str) -> list[str]:
        return [sys.executable, "-m", "runlab", "push", self.run_id or "", "--mlflow", self.uri,
                "--store", self.store_root, *extra]

    def start(self, run_id: str) -> None:
        """Start watching the run, just created."""
        self.run_id = run_id
        self.proc = subprocess.Popen(self._argv("--watch", "--interval", "5"),
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)

    def finish(self) -> None:
        """Stop watching, then push the end of the run and its files."""
        if self.proc is not None:
            # Ctrl-C for it: it records what the server confirmed and stops.
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.run_id is not None:
            # The end of the run, and its files, go in one last push; its messages are ours.
            subprocess.run(self._argv(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           check=False)
