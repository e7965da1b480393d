"""`runlab run [RUN OPTIONS] -- COMMAND ...`: the explicit form of a tracked run."""

from __future__ import annotations

from typing import Annotated

import typer

from runlab.cli.common import command as runlab_command
from runlab.cli.run import RUN_OPTIONS, execute

_HELP = {opt.dest: opt.help for opt in RUN_OPTIONS}


# The command's words are its own: options after the first word are not runlab's.
CONTEXT = {"allow_interspersed_args": False, "ignore_unknown_options": True}


@runlab_command(wrapping=True)
def run_command(
    command: Annotated[list[str], typer.Argument(help="The command and its arguments.",
                                                 show_default=False)],
    name: Annotated[str | None, typer.Option("-n", "--name", help=_HELP["name"])] = None,
    experiment: Annotated[str | None, typer.Option("-e", "--experiment",
                                                      help=_HELP["experiment"])] = None,
    tag: Annotated[list[str] | None, typer.Option("-t", "--tag", help=_HELP["tag"])] = None,
    param: Annotated[list[str] | None, typer.Option("-p", "--param",
                                                       help=_HELP["param"])] = None,
    note: Annotated[str | None, typer.Option("--note", help=_HELP["note"])] = None,
    metric_pattern: Annotated[list[str] | None, typer.Option(
        "-m", "--metric-pattern", help=_HELP["metric_pattern"])] = None,
    artifact: Annotated[list[str] | None, typer.Option("-a", "--artifact",
                                                          help=_HELP["artifact"])] = None,
    model: Annotated[str | None, typer.Option("--model", help=_HELP["model"],
                                                 metavar="NAME", show_default=False)] = None,
    store: Annotated[str | None, typer.Option("--store", help=_HELP["store"])] = None,
    no_git: Annotated[bool, typer.Option("--no-git", help=_HELP["no_git"])] = False,
    pty: Annotated[bool, typer.Option("--pty", help=_HELP["pty"])] = False,
    no_pty: Annotated[bool, typer.Option("--no-pty", help=_HELP["no_pty"])] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help=_HELP["quiet"])] = False,
    no_system_metrics: Annotated[bool, typer.Option(
        "--no-system-metrics", help=_HELP["no_system_metrics"])] = False,
    no_inject: Annotated[bool, typer.Option("--no-inject", help=_HELP["no_inject"])] = False,
    no_inputs: Annotated[bool, typer.Option("--no-inputs", help=_HELP["no_inputs"])] = False,
    push: Annotated[str | None, typer.Option("--push", metavar="URI",
                                                help=_HELP["push"])] = None,
) -> int:
    """Run COMMAND tracked; `runlab COMMAND` is the same without the word run.

    Use `--` before a command that is named like a runlab subcommand.

    Example: runlab run -n baseline -t first -- python train.py --lr 0.01
    """
    if command[0].startswith("-") and command[0] != "-":
        # (an option runlab does not know, taken for the command's first word: no program's
        # name starts with a dash, and a typo is not a run)
        from runlab.errors import UsageError

        raise UsageError(
            f"unknown run option {command[0].partition('=')[0]} (options for the command go "
            "after the command; `runlab run --help` lists runlab's)")
    values = {
        "name": name, "experiment": experiment, "tag": tag or [], "param": param or [],
        "note": note, "metric_pattern": metric_pattern or [], "artifact": artifact or [],
        "store": store, "no_git": no_git, "pty": pty, "no_pty": no_pty, "quiet": quiet,
        "no_system_metrics": no_system_metrics, "no_inject": no_inject, "push": push, "model": model,
        "no_inputs": no_inputs,
    }
    return execute(values, list(command))
