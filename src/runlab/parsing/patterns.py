"""A user's metric pattern (`-m`, the config's `metric_patterns`), checked once for every place
that takes one: standard library only, so that reading the config stays cheap."""

from __future__ import annotations

import re


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """The pattern compiled; ValueError saying what is wrong with it (one line, the pattern as
    typed): no valid regex, no named group, `key` without `value` or the other way round."""
    try:
        regex = re.compile(pattern)
    except (re.error, OverflowError, RecursionError) as error:
        raise ValueError(f"metric pattern '{pattern}' is not a valid regex: {error}") from None
    index = regex.groupindex
    if not set(index) - {"step"}:
        raise ValueError(
            f"metric pattern '{pattern}' has no named group: use (?P<key>...) and "
            "(?P<value>...), or one (?P<name>...) per metric")
    if ("key" in index) != ("value" in index):
        raise ValueError(f"metric pattern '{pattern}' needs both (?P<key>...) and (?P<value>...)")
    return regex
