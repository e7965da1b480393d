"""Who may talk to `runlab ui`: the token, the Host and the Origin checks.

Bound to the loopback interface without a token, the server answers only requests whose Host
names the loopback (so a web page cannot reach it by DNS rebinding). With a token (any other
interface needs one), every request must carry it: `?token=` (the page then keeps it in a
same-site cookie), an `Authorization: Bearer` header, or that cookie. A write (POST, DELETE) is
also refused when it comes from another origin, whatever it carries.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from dataclasses import dataclass

COOKIE = "runlab_token"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WRITES = ("POST", "PUT", "PATCH", "DELETE")


def is_loopback(host: str) -> bool:
    """Whether a --host value binds to the loopback interface only."""
    name = host.strip("[]")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(18)


@dataclass
class Request:
    """What the checks read from a request."""

    method: str
    host: str  # the Host header
    origin: str | None = None
    fetch_site: str | None = None  # Sec-Fetch-Site
    token: str | None = None  # from the query, the Authorization header or the cookie


@dataclass
class Policy:
    token: str | None  # None: loopback without a token

    def refuse(self, req: Request) -> tuple[int, str] | None:
        """(status, reason) when the request must be refused, else None."""
        if self.token is None:
            if _host_name(req.host) not in LOOPBACK_NAMES:
                return 403, (f"this server answers only requests for localhost, not "
                             f"{req.host!r}")
        elif req.token is None or not hmac.compare_digest(req.token.encode(),
                                                          self.token.encode()):
            return 401, "a token is needed: open the URL `runlab ui` printed (it holds ?token=)"
        if req.method in WRITES:
            if req.origin is not None and req.origin != f"http://{req.host}":
                return 403, f"writes from another origin ({req.origin}) are refused"
            if req.fetch_site not in (None, "same-origin", "none"):
                return 403, "writes from another site are refused"
        return None


def _host_name(host: str) -> str:
    """The name in a Host header, without its port."""
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
