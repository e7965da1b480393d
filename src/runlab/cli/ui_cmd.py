"""`runlab ui`: the web UI and REST API over the store (starlette and uvicorn load here only)."""

from __future__ import annotations

from typing import Annotated

import typer

from runlab.cli.common import command, message, open_store
from runlab.cli.params import StoreOpt


@command()
def ui(
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535,
                                      help="Port to listen on (0: a free one).")] = 5100,
    host: Annotated[str, typer.Option(
        "--host", help="Interface to bind; any but the loopback needs a token.")] = "127.0.0.1",
    no_browser: Annotated[bool, typer.Option(
        "--no-browser", help="Do not open a browser.")] = False,
    token: Annotated[str | None, typer.Option(
        "--token", help="Require this token on every request (generated for a non-loopback "
        "--host when not given).", show_default=False)] = None,
    store: StoreOpt = None,
) -> None:
    """Serve the web UI and the REST API over the store, until Ctrl-C.

    Prints `runlab: serving URL` on stderr once it accepts connections.

    Example: runlab ui --port 0 --no-browser
    """
    import os

    from runlab.errors import UsageError
    from runlab.ui import security
    from runlab.ui.server import bind, serve, url_for

    # The store is found (and made), not scanned: each request catches up with it.
    root = open_store(store, catch_up=False, create=True).root
    chosen = token
    if chosen is not None and len(chosen) < 8:
        raise UsageError("a --token needs at least 8 characters")
    if chosen is None and not security.is_loopback(host):
        chosen = security.new_token()
    try:
        sock = bind(host, port)
    except OSError as e:
        raise UsageError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    # Listening: connections wait in the socket's queue while the server loads.
    bound_host, bound_port = sock.getsockname()[:2]
    url = url_for(bound_host, bound_port, chosen)
    message(f"runlab: serving {url}")
    if not no_browser:
        import webbrowser

        webbrowser.open(url)
    from runlab import config
    from runlab.capture.args import secret_patterns

    patterns = list(secret_patterns(config.load(os.getcwd())))
    serve(root, sock, token=chosen, secret_patterns=patterns)
