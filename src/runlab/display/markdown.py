"""Tables as GitHub-flavoured Markdown, to paste into a pull request or a CI comment
(`ls --format markdown`, `diff --format markdown`)."""

from __future__ import annotations

from collections.abc import Sequence


def cell(text: str) -> str:
    """One cell's text: pipes and backticks escaped (`loss.min` is no code span), line breaks
    as spaces, an empty cell stays empty."""
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")
            .replace("\r", " ").replace("\n", " "))


def table(header: Sequence[str], rows: Sequence[Sequence[str]],
          right: Sequence[bool] | None = None) -> str:
    """A pipe table; `right` marks the columns aligned right (numbers)."""
    align = right or [False] * len(header)
    lines = ["| " + " | ".join(cell(h) for h in header) + " |",
             "|" + "|".join("---:" if r else "---" for r in align) + "|"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
