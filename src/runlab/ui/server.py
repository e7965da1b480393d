"""Serving the application with uvicorn: the socket, the ready callback, the browser."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import uvicorn

from runlab.ui.app import create_app


def url_for(host: str, port: int, token: str | None) -> str:
    name = f"[{host}]" if ":" in host else host
    return f"http://{name}:{port}/" + (f"?token={token}" if token else "")


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (port 0: a free one); OSError when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, ready: Callable[[], None]) -> None:
        super().__init__(config)
        self._ready = ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            self._ready()


def serve(store_path: str, sock: socket.socket, *, token: str | None,
          secret_patterns: list[str], ready: Callable[[str], Any]) -> None:
    """Serve the store on `sock` until interrupted; `ready(url)` once it accepts connections."""
    host, port = sock.getsockname()[:2]
    url = url_for(host, port, token)
    app = create_app(store_path, token=token, secret_patterns=secret_patterns)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = _Server(config, lambda: ready(url))
    server.run(sockets=[sock])
