"""The typer application: every subcommand, registered from its module."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from runlab import __version__
from runlab.cli import metavars

metavars.install()

HELP = """Put runlab in front of any command and the run is recorded.

\b
    runlab python train.py --lr 0.01 --epochs 10
    runlab ls --best val_loss
    runlab show last
"""

app = typer.Typer(
    name="runlab",
    help=HELP,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"runlab {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """Put runlab in front of any command and the run is recorded."""


def help_cmd(
    ctx: typer.Context,
    command: Annotated[list[str] | None, typer.Argument(
        help="The command (and subcommand) to explain.", metavar="[COMMAND]...",
        show_default=False)] = None,
) -> None:
    """Show help for runlab, or for COMMAND.

    Example: runlab help ls
    """
    from runlab.cli.common import guard
    from runlab.errors import UsageError

    here: Any = ctx.parent or ctx
    path = ["runlab"]
    for name in command or []:
        group = here.command
        found = group.get_command(here, name) if hasattr(group, "get_command") else None
        if found is None:
            def unknown(word: str = name) -> None:
                raise UsageError(f"no command '{word}' in {' '.join(path)} "
                                 f"(`{' '.join(path)} --help` lists them)")

            guard(unknown)
        path.append(name)
        here = type(here)(found, info_name=name, parent=here)
    typer.echo(here.get_help())


def _register() -> None:
    from runlab.cli import config_cmd, read, run_cmd

    run_cmd.register(app)
    read.register(app)
    config_cmd.register(app)
    from runlab.cli import edit

    edit.register(app)
    from runlab.cli import analysis

    analysis.register(app)
    from runlab.cli import lifecycle

    lifecycle.register(app)
    from runlab.cli import parse_cmd

    parse_cmd.register(app)
    from runlab.cli import remote

    remote.register(app)
    from runlab.cli import ui_cmd

    ui_cmd.register(app)


_register()
app.command("help")(help_cmd)  # last in the list of commands


def _click_exceptions() -> object:
    """typer vendors click from 0.29 on; older releases use click itself."""
    try:
        from typer._click import exceptions
    except ImportError:  # pragma: no cover
        from click import exceptions  # type: ignore[no-redef,import-not-found,unused-ignore]
    return exceptions


def run_app(words: list[str]) -> None:
    """Run the typer app, with usage errors as one `runlab: error:` line and exit code 2."""
    from runlab.cli.common import error, quiet_broken_pipe

    ce = _click_exceptions()
    try:
        code = app(words, prog_name="runlab", standalone_mode=False)
    except ce.NoArgsIsHelpError as e:  # type: ignore[attr-defined]
        sys.stdout.write(e.ctx.get_help() + "\n")
        sys.exit(0)
    except ce.UsageError as e:  # type: ignore[attr-defined]
        hint = f" (see `{e.ctx.command_path} --help`)" if e.ctx else ""
        error(f"{e.format_message()}{hint}")
        sys.exit(2)
    except ce.ClickException as e:  # type: ignore[attr-defined]
        error(e.format_message())
        sys.exit(e.exit_code)
    except typer.Abort:
        error("aborted")
        sys.exit(1)
    except BrokenPipeError:
        quiet_broken_pipe()
    sys.exit(code if isinstance(code, int) else 0)
