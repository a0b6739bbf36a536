"""The command-line reference, docs/cli.md, generated from the commands' own ``--help``.

It walks the click commands typer builds from ``flows.cli.commands`` and renders each one's usage, help text,
arguments and options (flags, type, bounds, default, help) as plain Markdown. Nothing comes from the
rich help screen, so the file is the same at any terminal width and without colour.
``python -m flows.cli.docs`` (``make docs``) writes docs/cli.md; ``tests/test_docs.py`` fails when it
differs from :func:`cli_markdown`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import typer.main

from schemas.reference import write_doc

__all__ = ["ParamDoc", "CommandDoc", "SettingDoc", "command_docs", "setting_docs", "cli_markdown", "main"]

REGENERATE = "python -m flows.cli.docs"


@dataclass(frozen=True, slots=True)
class ParamDoc:
    """One argument or option as the reference shows it."""

    kind: str  # argument | option
    names: tuple[str, ...]  # ("SOURCES...",) or ("-q", "--quiet")
    type: str  # "path", "int", "flag", "list[str]", ...
    required: bool
    default: str | None
    help: str


@dataclass(frozen=True, slots=True)
class CommandDoc:
    """One command: name, usage line, help text and parameters."""

    name: str
    usage: str
    help: str
    params: tuple[ParamDoc, ...]

    @property
    def summary(self) -> str:
        return " ".join(self.help.split("\n\n")[0].split())


def _type_label(param: Any, ctx: Any) -> str:
    """The parameter's type as --help names it (typer's display type, else click's type name)."""
    if getattr(param, "is_flag", False) and not getattr(param, "secondary_opts", None):
        return "flag"
    display = getattr(param, "display_type", None)
    if callable(display):
        label = str(display(ctx)).strip("<>")
    else:
        label = str(getattr(getattr(param, "type", None), "name", "text"))
    bounds = (getattr(param, "min", None), getattr(param, "max", None))
    if bounds == (None, None) and hasattr(param, "type"):
        bounds = (getattr(param.type, "min", None), getattr(param.type, "max", None))
    label = label.removesuffix(" range")
    if bounds[0] is not None and bounds[1] is not None:
        label += f", {bounds[0]} to {bounds[1]}"
    elif bounds[0] is not None:
        label += f", at least {bounds[0]}"
    elif bounds[1] is not None:
        label += f", at most {bounds[1]}"
    return label


def _default(param: Any) -> str | None:
    default = getattr(param, "default", None)
    if default is None or getattr(param, "show_default", True) is False or callable(default):
        return None
    if getattr(param, "is_flag", False) and default is False:
        return None
    if isinstance(default, (list, tuple)):
        return ", ".join(str(d) for d in default) if default else None
    return str(default)


def _param(param: Any, ctx: Any) -> ParamDoc:
    if getattr(param, "param_type_name", "") == "argument":
        name = str(param.name).upper() + ("..." if param.nargs == -1 else "")
        return ParamDoc(
            "argument",
            (name,),
            _type_label(param, ctx),
            bool(param.required),
            None,
            str(getattr(param, "help", None) or ""),
        )
    names = tuple(sorted(param.opts, key=lambda o: (o.startswith("--"), o))) + tuple(param.secondary_opts)
    return ParamDoc(
        "option",
        names,
        _type_label(param, ctx),
        bool(param.required),
        _default(param),
        str(getattr(param, "help", None) or ""),
    )


def _usage(name: str, params: tuple[ParamDoc, ...]) -> str:
    pieces = [f"sitrep {name}", "[OPTIONS]"]
    for p in params:
        if p.kind == "argument":
            pieces.append(p.names[0] if p.required else f"[{p.names[0]}]")
    return " ".join(pieces)


def command_docs() -> tuple[str, list[CommandDoc]]:
    """The app's own help text and every command, in the order they are registered."""
    from flows.cli.commands import app

    group: Any = typer.main.get_command(app)
    ctx_class = type(group).context_class
    root = ctx_class(group, info_name="sitrep")
    docs = []
    for name, command in group.commands.items():
        if getattr(command, "hidden", False):
            continue
        ctx = ctx_class(command, info_name=name, parent=root)
        params = tuple(_param(p, ctx) for p in command.params if not getattr(p, "hidden", False) and p.name != "help")
        docs.append(CommandDoc(name, _usage(name, params), (command.help or "").strip(), params))
    return (group.help or "").strip(), docs


@dataclass(frozen=True, slots=True)
class SettingDoc:
    """One setting: its environment variable, default and meaning (``flows.run.settings.Settings``)."""

    variable: str
    default: str
    help: str


def _setting_default(value: object) -> str:
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def setting_docs() -> list[SettingDoc]:
    """Every field of the settings model, in declaration order, as its ``SITREP_`` variable."""
    from flows.run.settings import Settings

    prefix = str(Settings.model_config.get("env_prefix", ""))
    return [
        SettingDoc(f"{prefix}{name}".upper(), _setting_default(field.default), field.description or "")
        for name, field in Settings.model_fields.items()
    ]


def _text(text: str) -> str:
    """Help text as Markdown prose: angle brackets escaped so they are not read as HTML."""
    return text.replace("\\", "\\\\").replace("<", "\\<")


def _cell(text: str) -> str:
    return " ".join(_text(text).replace("|", "\\|").split())


def _code(text: str) -> str:
    return f"`{text}`".replace("|", "\\|")


def cli_markdown() -> str:
    """docs/cli.md: the command list, then one section per command with its usage and parameters."""
    app_help, docs = command_docs()
    out = [
        "# Command line reference",
        "",
        f"<!-- Generated from the commands' --help by `{REGENERATE}` (`make docs`). Do not edit: "
        "change the help texts in the code. -->",
        "",
        _text(app_help),
        "",
        "```",
        "sitrep [OPTIONS] COMMAND [ARGS]...",
        "```",
        "",
        "Every command takes `--help`. [usage.md](usage.md) says what each command does beyond its options.",
        "",
        "| command | what it does |",
        "| --- | --- |",
    ]
    out += [f"| [`{d.name}`](#sitrep-{d.name}) | {_cell(d.summary)} |" for d in docs]
    for doc in docs:
        out += ["", f"## sitrep {doc.name}", "", "```", doc.usage, "```", ""]
        out += [_text(paragraph.strip()) + "\n" for paragraph in doc.help.split("\n\n") if paragraph.strip()]
        arguments = [p for p in doc.params if p.kind == "argument"]
        options = [p for p in doc.params if p.kind == "option"]
        if arguments:
            out += ["| argument | type | required | description |", "| --- | --- | --- | --- |"]
            out += [
                f"| {_code(p.names[0])} | {_code(p.type)} | {'yes' if p.required else 'no'} | {_cell(p.help)} |"
                for p in arguments
            ]
            out.append("")
        if options:
            out += ["| option | type | default | description |", "| --- | --- | --- | --- |"]
            out += [
                f"| {', '.join(_code(n) for n in p.names)} | {_code(p.type)} | "
                f"{_code(p.default) if p.default is not None else ''} | {_cell(p.help)} |"
                for p in options
            ]
            out.append("")
    out += [
        "## Settings",
        "",
        "Each command builds its settings once, when it starts: an option on the command line wins, else "
        "the setting's environment variable, else its default.",
        "",
        "| variable | default | meaning |",
        "| --- | --- | --- |",
    ]
    out += [
        f"| {_code(d.variable)} | {'unset' if d.default == 'unset' else _code(d.default)} | {_cell(d.help)} |"
        for d in setting_docs()
    ]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> None:
    """Write docs/cli.md (or the path given as the only argument)."""
    write_doc("cli.md", cli_markdown, argv)


if __name__ == "__main__":
    main()
