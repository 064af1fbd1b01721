"""Command line: `python build.py [kommando]`. Messages to the user are Danish."""
from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

from .errors import ContentError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Byg ledelsesgrundlag, strategibreve og udviklingsplaner som PDF, DOCX og HTML "
                    "ud fra indholdet i content/.",
    )
    parser.add_argument("--rod", dest="root", type=Path, default=Path.cwd(),
                        help="projektets mappe (standard: den aktuelle mappe)")
    parser.add_argument("--debug", action="store_true", help="vis tekniske detaljer ved uventede fejl")
    commands = parser.add_subparsers(dest="command", title="kommandoer", metavar="KOMMANDO")
    build = commands.add_parser("build", help="byg alle publikationer (standard)")
    build.add_argument("--only", metavar="PUBLIKATION", help="byg kun denne publikation")
    build.add_argument("--jobs", type=int, help="antal processer (standard: én pr. kerne)")
    build.add_argument("--output", type=Path, help="mappen der bygges til (standard: output/)")
    args = parser.parse_args(argv)
    command = args.command or "build"

    root = args.root.resolve()
    try:
        if command == "build":
            from .commands import build as build_command

            output = (getattr(args, "output", None) or root / "output").resolve()
            started = time.monotonic()
            print(f"Bygger publikationerne i {root / 'content'} ...")
            files = build_command.run(root, output, only=getattr(args, "only", None),
                                      jobs=getattr(args, "jobs", None))
            print(f"Færdig på {time.monotonic() - started:.1f} s: {len(files)} filer i {output}. "
                  f"Oversigt: {output / 'manifest.json'}")
        return 0
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"Byggeriet er stoppet: {len(exc.problems)} fejl i indholdet. output/ er ikke ændret.",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Afbrudt. output/ er ikke ændret.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the user gets a sentence, not a traceback
        if args.debug:
            traceback.print_exc()
        print(f"Uventet fejl: {exc.__class__.__name__}: {exc}. output/ er ikke ændret. "
              "Kør igen med --debug og send udskriften til den, der vedligeholder værktøjet.",
              file=sys.stderr)
        return 2
