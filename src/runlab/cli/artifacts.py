"""What a run kept, and the models made from it: `artifacts`, `get`, `model ...`."""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer

from runlab.cli.common import colour, command, emit_json, message, open_store, print_wide
from runlab.cli.params import JsonOpt, RunArg, StoreOpt

MODEL_HELP = ("A registry of model versions made from run artifacts.\n\n"
              "Example: runlab model register last model.pt --name classifier")

ModelRef = Annotated[str, typer.Argument(help="NAME, NAME:VERSION or NAME@ALIAS.",
                                         show_default=False)]
OutOpt = Annotated[str | None, typer.Option(
    "-o", "--output", metavar="PATH", help="Where to write it: a file, a directory, or - for stdout "
    "(default: its file name, here).", show_default=False)]


@command()
def artifacts_cmd(run: RunArg, json_: JsonOpt = False, store: StoreOpt = None) -> None:
    """List the files kept with a run (-a/--artifact, the artifacts setting, log_artifact).

    Example: runlab artifacts last --json
    """
    from runlab.lifecycle import artifacts

    s = open_store(store)
    items = artifacts.list_artifacts(s.journal_path(s.resolve(run)))
    if json_:
        emit_json([a.to_json() for a in items])
    elif not items:
        message("no artifacts: keep files with runlab -a 'GLOB' COMMAND")
    else:
        from runlab.display import listings

        print_wide(listings.artifacts(items, colour()))


@command()
def get_cmd(
    run: RunArg,
    path: Annotated[str, typer.Argument(help="The artifact's path, as `artifacts` lists it.",
                                        show_default=False)],
    output: OutOpt = None,
    store: StoreOpt = None,
) -> None:
    """Copy one of a run's artifacts out, byte for byte (checked against its sha256).

    Example: runlab get last checkpoints/model.pt -o best.pt
    """
    from runlab.lifecycle import artifacts

    s = open_store(store)
    run_id = s.resolve(run)
    found = artifacts.find(artifacts.list_artifacts(s.journal_path(run_id)), path)
    src = artifacts.stored_file(s.run_dir(run_id), found.path)
    dest = output or os.path.basename(found.path)
    _copied(*artifacts.copy_out(src, dest, found.sha256))


# -- model ------------------------------------------------------------------------------------


@command()
def model_register(
    run: RunArg,
    path: Annotated[str, typer.Argument(help="The artifact's path in the run.",
                                        show_default=False)],
    name: Annotated[str, typer.Option("--name", help="The model's name.", show_default=False)],
    json_: JsonOpt = False,
    store: StoreOpt = None,
) -> None:
    """Make the next version of model NAME from one of a run's artifacts.

    Example: runlab model register 12 model.pt --name classifier
    """
    from runlab.lifecycle import registry

    s = open_store(store)
    run_id = s.resolve(run)
    v = registry.register(s.root, run_id, s.run_dir(run_id), path, name)
    if json_:
        emit_json(v.to_json())
    else:
        message(f"registered {v.ref} from run {s.get(run_id).number}: {v.path} "
                f"({v.framework or 'unknown format'})")


@command()
def model_ls(json_: JsonOpt = False, store: StoreOpt = None) -> None:
    """List the registered models: latest version, how many, aliases.

    Example: runlab model ls
    """
    from runlab.lifecycle import registry

    s = open_store(store, catch_up=False)
    models = registry.load(s.root)
    if json_:
        emit_json([m.to_json() for m in models.values()])
    elif not models:
        message("no models yet: runlab model register RUN PATH --name NAME makes one")
    else:
        from runlab.display import listings

        print_wide(listings.models(list(models.values()), colour()))


@command()
def model_show(ref: ModelRef, json_: JsonOpt = False, store: StoreOpt = None) -> None:
    """Show a model's versions (or one: NAME:VERSION, NAME@ALIAS) with their runs' results.

    Example: runlab model show classifier@champion
    """
    from runlab.lifecycle import registry
    from runlab.errors import RunNotFound

    s = open_store(store)
    models = registry.load(s.root)
    name, number, alias = registry.parse_ref(ref)
    model = registry.get_model(models, name)
    chosen = model.versions if number is None and alias is None \
        else [registry.resolve(models, ref)]
    runs: dict[str, Any] = {}
    for v in chosen:
        try:
            runs[v.run_id] = s.get(v.run_id)
        except RunNotFound:
            runs[v.run_id] = None
    if json_:
        from runlab.store.reading import model_versions

        emit_json(model_versions(s, ref))
        return
    from runlab.display import listings

    print_wide(listings.versions(model, chosen, runs, colour()))


@command()
def model_alias(
    name: Annotated[str, typer.Argument(help="The model's name.", show_default=False)],
    version: Annotated[int, typer.Argument(help="The version to point at.", show_default=False)],
    alias: Annotated[str, typer.Argument(help="The alias, e.g. champion.", show_default=False)],
    store: StoreOpt = None,
) -> None:
    """Point ALIAS at one version of a model (moving it off any other).

    Example: runlab model alias classifier 3 champion
    """
    from runlab.lifecycle import registry

    s = open_store(store, catch_up=False)
    v = registry.set_alias(s.root, name, version, alias)
    message(f"{name}@{alias} is now version {v.version}")


@command()
def model_get(ref: ModelRef, output: OutOpt = None, store: StoreOpt = None) -> None:
    """Copy a model version's file out (checked against its sha256).

    Example: runlab model get classifier@champion -o model.pt
    """
    from runlab.lifecycle import artifacts, registry

    s = open_store(store, catch_up=False)
    v = registry.resolve(registry.load(s.root), ref)
    src = registry.file_path(s.root, v)
    _copied(*artifacts.copy_out(src, output or os.path.basename(v.path), v.sha256))


def _copied(where: str, size: int) -> None:
    from runlab.display.format import size as fmt_size

    if where != "-":
        from runlab.store import outputs

        outputs.record(where)  # a copy runlab made is no run's code
        message(f"wrote {where} ({fmt_size(size)})")
