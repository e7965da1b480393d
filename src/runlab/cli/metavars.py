"""What `--help` and the man page show as the value to type: `RUN...`, `PATH`, `EXPR`.

typer's plain help prints each value's Python type (`<str>`, `<list[str]>`), which says
nothing about what to type. An option shows its `metavar` when it has one, its choices for
a choice, else its name in capitals; an argument shows its name only, `...` when it repeats.
"""

from __future__ import annotations

import enum
from typing import Any


def metavar(param: Any) -> str | None:
    """The placeholder an option's value is shown with; None for flags."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    if getattr(param, "metavar", None):
        return str(param.metavar)
    desc = getattr(param, "type_descriptor", None)
    choices = getattr(desc, "choices", None) if getattr(desc, "is_choice", False) else None
    if choices is None:
        choices = getattr(getattr(param, "type", None), "choices", None)
    if choices:
        return "|".join(str(c.value if isinstance(c, enum.Enum) else c) for c in choices)
    name = (param.name or "value").strip("_")
    return name.upper()


def argument_name(param: Any) -> str:
    """`RUN`, or `RUN...` for an argument that takes several words."""
    name = str(getattr(param, "metavar", None) or (param.name or "arg").strip("_").upper())
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name


def install() -> None:
    """Make typer's help show these placeholders (typer is pinned below 0.30)."""
    from typer import core

    def option_type(self: Any, ctx: Any) -> str | None:
        return metavar(self)

    def argument_type(self: Any, ctx: Any) -> str | None:
        return None

    def argument_usage(self: Any) -> str:
        name = argument_name(self)
        return name if self.required else f"[{name}]"

    core.TyperOption.display_type_rich = option_type  # type: ignore[method-assign]
    core.TyperArgument.display_type_rich = argument_type  # type: ignore[method-assign]
    core.TyperArgument._rich_display_name = argument_name  # type: ignore[method-assign,assignment]
    core.TyperArgument._usage_display_name = argument_usage  # type: ignore[method-assign]
