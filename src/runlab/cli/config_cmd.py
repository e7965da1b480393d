"""`runlab config list|get|set`: read and write runlab.toml."""

from __future__ import annotations

import json
import os
import sys
from typing import Annotated, Any

import typer

from runlab.cli.common import command, emit_json, message
from runlab.cli.params import json_option

HELP = ("Read and write runlab.toml (project settings).\n\n"
        "Example: runlab config set experiment baseline")


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return str(value)


@command()
def config_list(json_: Annotated[bool, json_option("Print JSON.")] = False) -> None:
    """Show every setting, its effective value and where it came from.

    Example: runlab config list
    """
    from runlab import config

    settings = config.load(os.getcwd())
    if json_:
        emit_json({k: {"value": settings.values[k], "source": settings.sources[k]}
                   for k in config.KEYS})
        return
    width = max(len(k) for k in config.KEYS)
    for key in config.KEYS:
        value = _show(settings.values[key])
        sys.stdout.write(f"{key:<{width}}  {value or '-'}  ({settings.sources[key]})\n")


@command()
def config_get(key: Annotated[str, typer.Argument(help="A setting's name.")]) -> None:
    """Print one setting's effective value.

    Example: runlab config get experiment
    """
    from runlab import config

    settings = config.load(os.getcwd())
    if key not in config.KEYS:
        config.check(key, None, "runlab config get")
    sys.stdout.write(_show(settings.values[key]) + "\n")


@command()
def config_set(
    key: Annotated[str, typer.Argument(help="A setting's name.")],
    value: Annotated[str, typer.Argument(
        help="Its value: text, true/false, a number, a,b,c or a TOML list/table.")],
) -> None:
    """Write one setting to runlab.toml at the project root, keeping the others.

    Example: runlab config set bool_flags verbose,debug
    """
    from runlab import config

    parsed = config.parse_value(key, value)
    path = config.write_key(config.project_root(os.getcwd()), key, parsed)
    message(f"set {key} = {_show(parsed)} in {path}")
