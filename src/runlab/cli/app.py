"""The typer application: every subcommand, listed in one table in the order `--help` shows."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from runlab import __version__
from runlab.cli import metavars
from runlab.cli.common import command

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


@command()
def help_cmd(
    ctx: typer.Context,
    command: Annotated[list[str] | None, typer.Argument(
        help="The command (and subcommand) to explain.", metavar="[COMMAND]...",
        show_default=False)] = None,
) -> None:
    """Show help for runlab, or for COMMAND.

    Example: runlab help ls
    """
    from runlab.errors import UsageError

    here: Any = ctx.parent or ctx
    path = ["runlab"]
    for name in command or []:
        group = here.command
        found = group.get_command(here, name) if hasattr(group, "get_command") else None
        if found is None:
            raise UsageError(f"no command '{name}' in {' '.join(path)} "
                             f"(`{' '.join(path)} --help` lists them)")
        path.append(name)
        here = type(here)(found, info_name=name, parent=here)
    typer.echo(here.get_help())


def _group(help: str) -> typer.Typer:
    return typer.Typer(help=help, no_args_is_help=True)


def _register() -> None:
    """Every command, in the order `--help` and the man page list them."""
    from runlab.cli import analysis, artifacts, config_cmd, edit, launch, parse_cmd, read, remote
    from runlab.cli import run_cmd, ui_cmd

    app.command("run", context_settings=run_cmd.CONTEXT)(run_cmd.run_command)
    app.command("ls")(read.ls)
    app.command("list", hidden=True, help="Alias of ls.")(read.ls)
    app.command("show")(read.show)
    app.command("log")(read.log)
    app.command("reindex")(read.reindex)

    config = _group(config_cmd.HELP)
    config.command("list")(config_cmd.config_list)
    config.command("get")(config_cmd.config_get)
    config.command("set")(config_cmd.config_set)
    app.add_typer(config, name="config")

    app.command("tag")(edit.tag)
    app.command("untag")(edit.untag)
    app.command("note")(edit.note)
    app.command("rename")(edit.rename)
    app.command("rm")(edit.rm)
    app.command("restore")(edit.restore)
    app.command("purge")(edit.purge)

    app.command("diff")(analysis.diff)
    app.command("metrics")(analysis.metrics)
    app.command("plot")(analysis.plot)

    app.command("artifacts")(artifacts.artifacts_cmd)
    app.command("get")(artifacts.get_cmd)
    app.command("commands")(launch.commands_cmd)
    app.command("rerun")(launch.rerun_cmd)
    app.command("sweep")(launch.sweep_cmd)
    model = _group(artifacts.MODEL_HELP)
    model.command("register")(artifacts.model_register)
    model.command("ls")(artifacts.model_ls)
    model.command("show")(artifacts.model_show)
    model.command("alias")(artifacts.model_alias)
    model.command("get")(artifacts.model_get)
    app.add_typer(model, name="model")

    app.command("parse")(parse_cmd.parse)
    app.command("reparse")(parse_cmd.reparse)

    app.command("push")(remote.push)
    app.command("export")(remote.export)
    app.command("import")(remote.import_)

    app.command("ui")(ui_cmd.ui)
    app.command("help")(help_cmd)  # last in the list of commands


_register()


def _click_exceptions() -> object:
    """typer vendors click from 0.29 on; older releases use click itself."""
    try:
        from typer._click import exceptions
    except ImportError:  # pragma: no cover
        from click import exceptions  # type: ignore[no-redef,import-not-found,unused-ignore]
    return exceptions


def _dash_hint(ctx: Any, option: str, words: list[str], close: object) -> str:
    """For a command that takes any number of words (`metrics RUN KEY...`), how to pass one
    that starts with -: after --, which ends the options. None where click found an option
    spelled like it (`--lgo`: a typo of --log, which click names)."""
    import shlex

    if close or ctx is None or not any(p.param_type_name == "argument" and p.nargs == -1
                                       for p in ctx.command.params):
        return ""
    at = next((i for i, w in enumerate(words) if w.startswith(option) and w != "--"), None)
    if at is None:
        return ""
    example = " ".join(shlex.quote(w) for w in ["runlab", *words[:at], "--", *words[at:]])
    return (f" (a word that starts with - goes after --, as in `{example}`; "
            f"see `{ctx.command_path} --help`)")


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
        if isinstance(e, ce.NoSuchOption):  # type: ignore[attr-defined]
            hint = _dash_hint(e.ctx, e.option_name, words, e.possibilities) or hint
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
