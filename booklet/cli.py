"""Command line: `python build.py [kommando]`. Messages to the user are Danish."""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from .errors import ContentError


class _DanishHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # argparse passes prefix "" when it builds a subcommand's name from this usage line.
        super().add_usage(usage, actions, groups, "brug: " if prefix is None else prefix)


def _parser(**kwargs) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(formatter_class=_DanishHelp, add_help=False, **kwargs)
    parser._optionals.title = "tilvalg"
    parser._positionals.title = "argumenter"
    parser.add_argument("-h", "--help", action="help", help="vis denne hjælp")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser(
        prog="build.py",
        description="Byg ledelsesgrundlag, strategibreve og udviklingsplaner som PDF, DOCX og HTML "
                    "ud fra indholdet i content/. Uden kommando bygges alt.",
    )
    parser.add_argument("--rod", dest="root", type=Path, default=Path.cwd(),
                        help="projektets mappe (standard: den aktuelle mappe)")
    parser.add_argument("--debug", action="store_true", help="vis tekniske detaljer ved uventede fejl")
    commands = parser.add_subparsers(dest="command", title="kommandoer", metavar="KOMMANDO",
                                     parser_class=_parser)
    build = commands.add_parser("build", help="byg alle publikationer (standard)")
    build.add_argument("--only", metavar="PUBLIKATION", help="byg kun denne publikation")
    build.add_argument("--format", dest="formats", action="append", metavar="FORMAT",
                       help="byg kun dette format (pdf, pdf-print, pdf-imposed, docx, html); kan gentages")
    build.add_argument("--variant", dest="variants", action="append", metavar="UDGAVE",
                       help="byg kun denne udgave (samlet, et niveau, matrix, gennemsyn); kan gentages")
    build.add_argument("--jobs", type=int, help="antal processer (standard: én pr. kerne)")
    build.add_argument("--output", type=Path, help="mappen der bygges til (standard: output/)")
    commands.add_parser("check", help="tjek alt indhold uden at bygge, og vis manglende konkretiseringer")
    diff = commands.add_parser("diff", help="vis forskellen i tekst mellem to udgaver af en publikation")
    diff.add_argument("publication", metavar="PUBLIKATION")
    diff.add_argument("variant_a", metavar="UDGAVE_A", help="fx samlet, centerchef, matrix")
    diff.add_argument("variant_b", metavar="UDGAVE_B")
    serve = commands.add_parser("serve", help="forhåndsvis HTML i browseren, mens du skriver")
    serve.add_argument("--port", type=int, default=8000, help="porten på 127.0.0.1 (standard: 8000)")
    new = commands.add_parser("new", help="start næste års udgave ud fra en eksisterende publikation")
    new.add_argument("pub_type", metavar="TYPE", help="ledelsesgrundlag, strategibrev, udviklingsplan eller folder")
    new.add_argument("--from", dest="source", required=True, metavar="PUBLIKATION",
                     help="publikationen der kopieres, fx htk-strategibrev-2015")
    new.add_argument("--year", type=int, required=True, metavar="ÅR", help="året for den nye udgave")
    publish = commands.add_parser("publish", help="udgiv intranet-sitet fra output/site/ i en mappe på "
                                                   "webserveren; den forrige version gemmes")
    publish.add_argument("target", metavar="MAPPE", type=Path,
                         help="mappen webserveren viser sitet fra; den bliver et link til den udgivne version")
    publish.add_argument("--rollback", action="store_true", help="gå tilbage til den forrige udgivne version")
    args = parser.parse_args(argv)
    command = args.command or "build"

    root = args.root.resolve()
    try:
        if command == "build":
            from .commands import build as build_command

            output = (getattr(args, "output", None) or root / "output").resolve()
            build_command.main(root, output, only=getattr(args, "only", None),
                               formats=tuple(getattr(args, "formats", None) or ()) or None,
                               variants=tuple(getattr(args, "variants", None) or ()) or None,
                               jobs=getattr(args, "jobs", None))
        elif command == "check":
            from .commands import check

            check.run(root)
        elif command == "serve":
            from .commands import serve as serve_command

            serve_command.run(root, port=args.port)
        elif command == "new":
            from .commands import new as new_command

            new_command.run(root, args.pub_type, args.source, args.year)
        elif command == "diff":
            from .commands import diff as diff_command

            diff_command.run(root, args.publication, args.variant_a, args.variant_b)
        elif command == "publish":
            from .commands import publish as publish_command

            try:
                if args.rollback:
                    publish_command.rollback(args.target)
                else:
                    publish_command.run(root / "output" / "site", args.target)
            except publish_command.PublishError as exc:
                print(f"Fejl: {exc}", file=sys.stderr)
                return 1
        return 0
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        if exc.warnings and command == "check":
            print(f"(og {len(exc.warnings)} advarsler, vist ovenfor)", file=sys.stderr)
        print(f"Stoppet: {len(exc.problems)} fejl i indholdet. output/ er ikke ændret.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if command == "serve":
            print("Forhåndsvisningen er stoppet.", file=sys.stderr)
            return 0
        print("Afbrudt. output/ er ikke ændret.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the user gets a sentence, not a traceback
        if args.debug:
            traceback.print_exc()
        print(f"Uventet fejl: {exc.__class__.__name__}: {exc}. output/ er ikke ændret. "
              "Kør igen med --debug og send udskriften til den, der vedligeholder værktøjet.",
              file=sys.stderr)
        return 2
