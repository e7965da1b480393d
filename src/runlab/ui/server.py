"""Serving the application with uvicorn: the socket first, then the server.

`runlab ui` listens before it imports anything heavy: a browser or client that connects at
once waits in the socket's queue while uvicorn, starlette and the application load (the
kernel accepts the connection; the first answer follows as soon as they are loaded).
"""

from __future__ import annotations

import socket


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


def serve(store_path: str, sock: socket.socket, *, token: str | None,
          secret_patterns: list[str]) -> None:
    """Serve the store on the listening `sock` until interrupted."""
    import uvicorn

    from runlab.ui.app import create_app

    app = create_app(store_path, token=token, secret_patterns=secret_patterns)
    # Named outright, so uvicorn does not look for optional packages (uvloop, httptools,
    # websockets) nor inspect the application before its first answer.
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                            loop="asyncio", http="h11", ws="none", interface="asgi3")
    uvicorn.Server(config).run(sockets=[sock])
