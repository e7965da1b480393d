"""MLflow keys for runlab's keys: MLflow's naming rules, and renamings that stay stable."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping

from runlab.remote.mlflow.client import MAX_KEY

_BAD_KEY_CHARS = re.compile(r"[^\w/.\- :]")


def sanitize_key(key: str) -> str:
    """A key MLflow accepts: word characters, `/ . - :` and spaces, no empty or relative
    path parts (`a//b`, `./a`, `a/..` are refused), at most 250 characters."""
    parts = [p for p in _BAD_KEY_CHARS.sub("_", key).split("/") if p]
    text = "/".join("_" * len(p) if p in (".", "..") else p for p in parts) or "_"
    if len(text) > MAX_KEY:
        digest = hashlib.sha256(key.encode()).hexdigest()[:8]
        text = text[: MAX_KEY - 9].rstrip("/") + "_" + digest
    return text


def assign_keys(keys: Iterable[str], fixed: Mapping[str, str],
                reserved: Iterable[str] = ()) -> dict[str, str]:
    """MLflow keys for runlab keys: those in `fixed` stay; valid keys keep their name unless
    it is taken or `reserved`; others are sanitised, with `_2`, `_3`... when that is taken."""
    out = dict(fixed)
    used = set(out.values()) | set(reserved)
    pending = [k for k in dict.fromkeys(keys) if k not in out]
    for key in pending:
        if sanitize_key(key) == key and key not in used:
            out[key] = key
            used.add(key)
    for key in sorted(k for k in pending if k not in out):
        base = sanitize_key(key)
        name, n = base, 2
        while name in used:
            name = f"{base[: MAX_KEY - 8]}_{n}"
            n += 1
        out[key] = name
        used.add(name)
    return out

