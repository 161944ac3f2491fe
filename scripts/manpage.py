#!/usr/bin/env python3
"""Renders man/lwexec.1 (mdoc) from scripts/lwexec.1.in and the binary's command definitions.

    scripts/manpage.py LWEXEC_BINARY TEMPLATE OUTPUT

The template holds the prose (DESCRIPTION, ENVIRONMENT, FILES, EXIT STATUS, EXAMPLES...);
`@COMMANDS@` becomes one subsection per subcommand, with its synopsis, abstract, discussion
and every option, and `@COMMAND_LIST@` the list of their names, from `lwexec --experimental-dump-help`. `.Dd` keeps the date already in
OUTPUT when nothing else changed, so regenerating an unchanged page changes nothing.
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from pathlib import Path

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def esc(text: str) -> str:
    """Text safe on a roff line: backslashes escaped, no leading control character."""
    text = text.replace("\\", "\\e")
    return "\\&" + text if text[:1] in (".", "'") else text


def prose(text: str) -> list[str]:
    """Text as roff lines, one sentence a line (mdoc's rule: a new sentence starts a new line)."""
    return [esc(part) for part in re.split(r"(?<!e\.g\.)(?<!i\.e\.)(?<=[.!?])\s+(?=\S)", text.strip()) if part]


def flag_names(arg: dict) -> str:
    """`Fl s , Fl -secret` for an argument's names (mdoc's Fl adds one dash)."""
    names = []
    for n in arg.get("names", []):
        names.append("Fl " + ("-" + n["name"] if n["kind"] == "long" else n["name"]))
    return " , ".join(names)


def option_item(arg: dict) -> list[str]:
    """One `.It` of an option list."""
    head = flag_names(arg) if arg["kind"] != "positional" else "Ar " + arg["valueName"]
    if arg["kind"] == "option":
        head += " Ar " + arg["valueName"]
    if arg["kind"] == "positional" and arg.get("isRepeating"):
        head += " ..."
    text = arg.get("abstract", "")
    extra = []
    if arg.get("allValues"):
        extra.append("one of " + ", ".join(arg["allValues"]))
    default = arg.get("defaultValue")
    if default is not None and arg["kind"] == "option" and "default" not in text:
        extra.append("default: " + default)
    if arg.get("isRepeating") and arg["kind"] == "option" and "repeatable" not in text:
        extra.append("repeatable")
    if extra:
        text = text.rstrip(".") + " (" + "; ".join(extra) + ")."
    return [".It " + head, *prose(text)]


def discussion(text: str) -> list[str]:
    """Paragraphs as text; indented lines (examples) as a literal display."""
    out: list[str] = []
    literal = False
    for line in text.split("\n"):
        if line.startswith("  "):
            if not literal:
                out.append(".Bd -literal -offset indent")
                literal = True
            out.append(esc(line[2:]))
            continue
        if literal:
            out.append(".Ed")
            literal = False
        if not line.strip():
            continue
        out += [".Pp", *prose(line)]
    if literal:
        out.append(".Ed")
    return out


def synopsis(path: list[str], cmd: dict) -> list[str]:
    """`.Nm lwexec Cm exec` followed by its options and arguments in short form."""
    lines = [".Nm " + path[0] + "".join(" Cm " + p for p in path[1:])]
    args = [a for a in cmd.get("arguments", []) if a.get("shouldDisplay", True)]
    if any(a["kind"] != "positional" and not is_builtin(a) for a in args):
        lines.append(".Op Ar options")
    for a in args:
        if a["kind"] != "positional":
            continue
        word = "Ar " + a["valueName"] + (" ..." if a.get("isRepeating") else "")
        lines.append((".Op " if a.get("isOptional") else ".") + word)
    if path[-1] == "exec":
        lines += [".Fl -", ".Ar command", ".Op Ar arg ..."]
    return lines


def is_builtin(arg: dict) -> bool:
    """`-h/--help` and `--version`, which every subcommand inherits: listed once, at the top."""
    names = {n["name"] for n in arg.get("names", [])}
    return bool(names & {"help", "version"}) and arg["kind"] == "flag"


def command_section(path: list[str], cmd: dict) -> list[str]:
    out = [".Ss " + " ".join(path[1:]), *synopsis(path, cmd), ".Pp", *prose(cmd.get("abstract", ""))]
    if cmd.get("discussion"):
        out += discussion(cmd["discussion"])
    args = [a for a in cmd.get("arguments", []) if a.get("shouldDisplay", True) and not is_builtin(a)]
    if args:
        out.append(".Bl -tag -width Ds")
        for a in args:
            out += option_item(a)
        out.append(".El")
    return out


def commands(root: dict) -> list[str]:
    out = [".Nm", "itself takes:", ".Bl -tag -width Ds",
           ".It Fl -version", "Print the version.",
           ".It Fl h , Fl -help", "Print help: for",
           ".Nm", "or, after a subcommand, for it.",
           ".It Fl -generate-completion-script Ar shell",
           "Print the completion script for bash, zsh or fish.", ".El"]

    def walk(path: list[str], cmd: dict) -> None:
        for sub in cmd.get("subcommands", []):
            if not sub.get("shouldDisplay", True) or sub["commandName"] == "help":
                continue
            p = path + [sub["commandName"]]
            if sub.get("subcommands"):
                out.extend([".Ss " + " ".join(p[1:]), *prose(sub.get("abstract", ""))])
                walk(p, sub)
            else:
                out.extend(command_section(p, sub))

    walk([root["commandName"]], root)
    return out


def command_list(root: dict) -> str:
    """The displayed subcommands but exec (the default) and help, as `write, read, ..., and cache`."""
    names = [s["commandName"] for s in root.get("subcommands", [])
             if s.get("shouldDisplay", True) and s["commandName"] not in ("help", "exec")]
    return ", ".join(names[:-1]) + ", and " + names[-1] if len(names) > 1 else "".join(names)


def render(binary: str, template: str, previous: str | None) -> str:
    dump = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True,
                                     capture_output=True, text=True).stdout)
    body = [ln for ln in template.split("\n") if not ln.startswith('.\\"')]
    header = ['.\\" Generated by scripts/generate-docs from scripts/lwexec.1.in and the lwexec binary.',
              '.\\" Edit the template or the command definitions, not this file.']
    text = "\n".join(header + body).replace("@COMMANDS@", "\n".join(commands(dump["command"])))
    text = text.replace("@COMMAND_LIST@", command_list(dump["command"]))
    date = None
    if previous:
        m = re.search(r"^\.Dd (.+)$", previous, re.M)
        if m and re.sub(r"^\.Dd .+$", "", previous, flags=re.M) == text.replace(".Dd @DATE@", ""):
            date = m.group(1)
    if date is None:
        today = datetime.date.today()
        date = f"{MONTHS[today.month - 1]} {today.day}, {today.year}"
    return text.replace("@DATE@", date)


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    binary, template, output = argv[1:]
    out = Path(output)
    previous = out.read_text() if out.exists() else None
    out.write_text(render(binary, Path(template).read_text(), previous))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
