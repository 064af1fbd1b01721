"""Command line: `python build.py [kommando]`. Messages to the user are Danish.

Exit codes (booklet.commands.exits, listed in the README): 0 done, 1 errors in the content,
2 a wrong command line, 3 something needed is in use, 4 a fault in the tool, 130 interrupted.
"""
from __future__ import annotations

import argparse
import re
import sys
import traceback
from pathlib import Path

from .commands import exits
from .commands.exits import BusyError, UsageError, not_found
from .errors import ContentError, suggestion
from .writers import SUFFIXES

FORMATS = tuple(SUFFIXES)
# The names the print files carry (`<id>-tryk.pdf`, `<id>-haefte.pdf`) work as format names too.
FORMAT_ALIASES = {"tryk": "pdf-print", "haefte": "pdf-imposed", "hæfte": "pdf-imposed"}
# What people call a format, pointed at the name it has here; a hint only, never accepted.
_FORMAT_HINTS = {"word": "docx", "doc": "docx", "htm": "html", "web": "html", "print": "tryk",
                 "pdf-tryk": "tryk", "booklet": "haefte", "pdf-haefte": "haefte"}
FIRST_YEAR, LAST_YEAR = 2000, 2100
LOWEST_PORT, HIGHEST_PORT = 1, 65535


def output_format(value: str) -> str:
    if value in FORMATS:
        return value
    if value in FORMAT_ALIASES:
        return FORMAT_ALIASES[value]
    names = [*FORMATS, "tryk", "haefte"]
    hint = _FORMAT_HINTS.get(value.lower())
    raise argparse.ArgumentTypeError(f"formatet '{value}' findes ikke – mente du '{hint}'?" if hint
                                     else not_found("formatet", value, names))


def year(value: str) -> int:
    number = _whole_number(value, "året")
    if not FIRST_YEAR <= number <= LAST_YEAR:
        guess = f" – mente du {2000 + number}?" if 0 <= number < 100 else "."
        raise argparse.ArgumentTypeError(
            f"året skal skrives med fire cifre mellem {FIRST_YEAR} og {LAST_YEAR}; her står '{value}'{guess}")
    return number


def port(value: str) -> int:
    number = _whole_number(value, "porten")
    if not LOWEST_PORT <= number <= HIGHEST_PORT:
        raise argparse.ArgumentTypeError(
            f"porten skal være et tal fra {LOWEST_PORT} til {HIGHEST_PORT}; her står '{value}'. "
            "Brug fx --port 8000.")
    return number


def jobs(value: str) -> int:
    number = _whole_number(value, "antallet af processer")
    if number < 1:
        raise argparse.ArgumentTypeError(f"antallet af processer skal være mindst 1; her står '{value}'.")
    return number


def _whole_number(value: str, what: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{what} skal være et helt tal; her står '{value}'.") from None


class _DanishHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # argparse passes prefix "" when it builds a subcommand's name from this usage line.
        super().add_usage(usage, actions, groups, "brug: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its messages in Danish: what is wrong, and the nearest valid value."""

    # A command's parser answers for its own unknown options, so the answer can name its options
    # (argparse otherwise hands them up to the main parser, which knows only --rod and --debug).
    strict = False
    commands: dict[str, argparse.ArgumentParser] = {}  # every command's parser, to point at the right one

    def parse_known_args(self, args=None, namespace=None):
        namespace, extras = super().parse_known_args(args, namespace)
        if self.strict and extras:
            self.error("unrecognized arguments: " + " ".join(extras))
        return namespace, extras

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(exits.USAGE, f"{self.prog}: fejl: {self._danish(message)}\n"
                               f"Se 'python {self.prog} --help'.\n")

    def _danish(self, message: str) -> str:
        argument = re.fullmatch(r"argument (.+?): (.*)", message, re.DOTALL)
        if argument is None:
            return self._translated(message, None) or message
        name, text = argument.groups()
        # Messages from this module's value checks are whole Danish sentences already.
        return self._translated(text, name) or text

    def _translated(self, text: str, name: str | None) -> str | None:
        if match := re.fullmatch(r"unrecognized arguments: (.*)", text):
            return self._unrecognised(match.group(1).split())
        if match := re.fullmatch(r"the following arguments are required: (.*)", text):
            return f"mangler argument: {match.group(1)}."
        if match := re.fullmatch(r"invalid choice: '(.*)' \(choose from (.*)\)", text, re.DOTALL):
            wrong, choices = match.group(1), re.findall(r"'([^']*)'", match.group(2))
            said = not_found("kommandoen" if name == "KOMMANDO" else f"værdien til {name}", wrong, choices)
            if name == "KOMMANDO" and not said.endswith("?"):
                said += f" Er '{wrong}' en publikation, så byg den med 'python build.py build {wrong}'."
            return said
        if match := re.fullmatch(r"invalid (\w+) value: '(.*)'", text, re.DOTALL):
            return f"ugyldig værdi '{match.group(2)}' til {name}."
        if text == "expected one argument":
            return f"mangler en værdi efter {name}."
        if text.startswith("expected"):
            return f"forkert antal værdier efter {name}."
        if match := re.fullmatch(r"ambiguous option: (\S+) could match (.*)", text):
            return (f"ukendt tilvalg '{match.group(1)}': det kan være flere af {match.group(2)}. "
                    "Skriv hele navnet.")
        if match := re.fullmatch(r"ignored explicit argument '(.*)'", text):
            return f"{name} tager ingen værdi; fjern '={match.group(1)}'."
        if match := re.fullmatch(r"not allowed with argument (.*)", text):
            return f"{name} kan ikke bruges sammen med {match.group(1)}."
        return None

    def _unrecognised(self, words: list[str]) -> str:
        first = words[0]
        if first.startswith("-"):
            option = first.split("=", 1)[0]
            known = sorted(self._option_string_actions)
            elsewhere = [name for name, sub in self.commands.items()
                         if sub is not self and option in sub._option_string_actions]
            if elsewhere:
                return (f"ukendt tilvalg '{option}' her; det hører til kommandoen '{elsewhere[0]}' "
                        f"('python build.py {elsewhere[0]} {first} ...').")
            close = suggestion(option, known)
            return f"ukendt tilvalg '{option}'" + (close if close.startswith(" –") else ".")
        return f"uventet argument '{first}'; kommandoen tager ikke flere argumenter."


def _parser(**kwargs) -> argparse.ArgumentParser:
    parser = _Parser(formatter_class=_DanishHelp, add_help=False, **kwargs)
    parser._optionals.title = "tilvalg"
    parser._positionals.title = "argumenter"
    parser.add_argument("-h", "--help", action="help", help="vis denne hjælp")
    return parser


def _common(parser: argparse.ArgumentParser, default) -> None:
    """--rod and --debug, before or after the command. After it they leave the main parser's
    values alone unless given (argparse otherwise writes the subcommand's defaults over them)."""
    parser.add_argument("--rod", dest="root", type=Path, metavar="MAPPE", default=default(Path.cwd()),
                        help="projektets mappe (standard: den aktuelle mappe)")
    parser.add_argument("--debug", action="store_true", default=default(False),
                        help="vis tekniske detaljer ved uventede fejl")


def build_parser() -> argparse.ArgumentParser:
    parser = _parser(
        prog="build.py",
        description="Byg ledelsesgrundlag, strategibreve og udviklingsplaner som PDF, DOCX og HTML "
                    "ud fra indholdet i content/. Uden kommando bygges alt.",
        epilog="Afslutningskoder: 0 færdig, 1 fejl i indholdet, 2 forkert kommandolinje, 3 et andet byg "
               "kører eller porten er optaget, 4 fejl i værktøjet, 130 afbrudt.",
    )
    _common(parser, lambda value: value)
    commands = parser.add_subparsers(dest="command", title="kommandoer", metavar="KOMMANDO",
                                     parser_class=_parser)

    def command(name: str, **kwargs) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, **kwargs)
        sub.strict = True
        _common(sub, lambda _value: argparse.SUPPRESS)
        return sub

    build = command("build", help="byg alle publikationer (standard)")
    build.add_argument("publications", nargs="*", metavar="PUBLIKATION",
                       help="byg kun disse publikationer (standard: alle)")
    build.add_argument("--only", dest="only", action="append", metavar="PUBLIKATION",
                       help="byg kun denne publikation; kan gentages")
    build.add_argument("--format", dest="formats", action="append", metavar="FORMAT", type=output_format,
                       help="byg kun dette format: pdf, tryk (pdf-print), haefte (pdf-imposed), docx eller "
                            "html; kan gentages")
    build.add_argument("--variant", dest="variants", action="append", metavar="UDGAVE",
                       help="byg kun denne udgave (samlet, et niveau, matrix, gennemsyn); kan gentages")
    build.add_argument("--jobs", type=jobs, metavar="ANTAL", help="antal processer (standard: én pr. kerne)")
    build.add_argument("--output", type=Path, metavar="MAPPE", help="mappen der bygges til (standard: output/)")
    check = command("check", help="tjek indholdet uden at bygge, og vis manglende konkretiseringer")
    check.add_argument("publications", nargs="*", metavar="PUBLIKATION",
                       help="tjek kun disse publikationer (standard: alle)")
    check.add_argument("--only", dest="only", action="append", metavar="PUBLIKATION",
                       help="tjek kun denne publikation; kan gentages")
    diff = command("diff", help="vis hvad der er ændret mellem to publikationer (fx to år) eller to udgaver",
                   usage="build.py diff PUBLIKATION_A PUBLIKATION_B [--side FIL]\n"
                         "       build.py diff PUBLIKATION UDGAVE_A UDGAVE_B",
                   description="Med to publikationer: afsnit for afsnit, hvad der er nyt, fjernet og ændret "
                               "fra A til B; afsnit parres efter filnavn, titel og tekst, så omdøbte og flyttede "
                               "afsnit genkendes. '-' er fjernet, '+' tilføjet, '~' en ændret sætning med "
                               "[-gammel tekst-]{+ny tekst+}. Med en publikation og to udgaver: forskellen "
                               "mellem udgaverne.")
    diff.add_argument("names", nargs="*", metavar="NAVN",
                      help="to publikationer (fx htk-strategibrev-2015 htk-strategibrev-2016), eller en "
                           "publikation og to udgaver (fx htk-ledelsesgrundlag samlet centerchef)")
    diff.add_argument("--side", dest="page", type=Path, metavar="FIL",
                      help="skriv også siden 'Hvad er nyt' som HTML i FIL (stilark i assets/ ved siden af)")
    serve = command("serve", help="forhåndsvis HTML i browseren, mens du skriver")
    serve.add_argument("--port", type=port, default=8000,
                       help=f"porten på 127.0.0.1, fra {LOWEST_PORT} til {HIGHEST_PORT} (standard: 8000)")
    new = command("new", help="start næste års udgave ud fra en eksisterende publikation")
    new.add_argument("pub_type", metavar="TYPE", help="ledelsesgrundlag, strategibrev, udviklingsplan eller folder")
    new.add_argument("--from", dest="source", required=True, metavar="PUBLIKATION",
                     help="publikationen der kopieres, fx htk-strategibrev-2015")
    new.add_argument("--year", type=year, required=True, metavar="ÅR",
                     help=f"året for den nye udgave, fra {FIRST_YEAR} til {LAST_YEAR}")
    word = command("import", help="læs et Word-dokument (.docx) ind som en ny publikation i content/")
    word.add_argument("source", metavar="FIL", type=Path, help="Word-dokumentet, fx strategibrev.docx")
    word.add_argument("--som", dest="as_id", metavar="ID",
                      help="publikationens id og mappenavn (standard: lavet ud fra dokumentets titel)")
    word.add_argument("--organisation", metavar="ORG",
                      help="organisationens id, fx hoeje-taastrup (standard: den første i content/organisationer)")
    word.add_argument("--type", dest="pub_type", metavar="TYPE",
                      help="ledelsesgrundlag, strategibrev, udviklingsplan eller folder (standard: gættet ud fra "
                           "titlen)")
    word.add_argument("--accepter-aendringer", "--accepter-ændringer", dest="accept_changes", action="store_true",
                      help="acceptér alle registrerede ændringer i dokumentet (uden den stopper importen, hvis "
                           "der er nogen)")
    template = command("skabelon", help="skriv en Word-skabelon med brandets typografier, afsnittene som "
                                        "overskrifter og en vejledning, som en forfatter kan skrive i")
    template.add_argument("organisation", metavar="ORGANISATION",
                          help="organisationens id, fx hoeje-taastrup (filnavnet i content/organisationer)")
    template.add_argument("--type", dest="pub_type", default="strategibrev", metavar="TYPE",
                          help="ledelsesgrundlag, strategibrev, udviklingsplan eller folder (standard: strategibrev)")
    template.add_argument("--output", type=Path, metavar="FIL",
                          help="filen der skrives, .docx eller .dotx (standard: "
                               "skabelon-ORGANISATION-TYPE.docx i den aktuelle mappe)")
    publish = command("publish", help="udgiv intranet-sitet fra output/site/ i en mappe på "
                                      "webserveren; den forrige version gemmes")
    publish.add_argument("target", metavar="MAPPE", type=Path,
                         help="mappen webserveren viser sitet fra; den bliver et link til den udgivne version")
    publish.add_argument("--rollback", action="store_true", help="gå tilbage til den forrige udgivne version")
    publish.add_argument("--intern", dest="internal", action="store_true",
                         help="udgiv det interne gennemsynssite (output/site-intern/) med kladder og publikationer "
                              "til godkendelse, mærket som sådan, til en anden mappe end det offentlige site")
    for each in (parser, *commands.choices.values()):
        each.commands = dict(commands.choices)
    return parser


def _check_project(root: Path, command: str) -> None:
    """The project folder is named on the command line (or is the current folder): a wrong one
    is a usage error, before any command reads from it."""
    where = "Kør kommandoen i projektets mappe, eller angiv den med --rod."
    if not root.is_dir():
        raise UsageError(f"projektmappen {root} findes ikke. {where}")
    if command != "publish" and not (root / "content").is_dir():
        raise UsageError(f"{root} har ingen content/-mappe, så det er ikke projektets mappe. {where}")


def _selected(args) -> tuple[str, ...] | None:
    """The publication ids asked for, as arguments or with --only, in order and each once."""
    asked = [*(getattr(args, "publications", None) or ()), *(getattr(args, "only", None) or ())]
    return tuple(dict.fromkeys(asked)) or None


def _with_command(argv: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """Without a command the build runs, so the build's options work without the word `build`:
    `python build.py --only X` is `python build.py build --only X`."""
    builds = parser.commands["build"]._option_string_actions
    index = 0
    while index < len(argv) and argv[index] in ("--debug", "--rod", "-h", "--help"):
        index += 2 if argv[index] == "--rod" else 1
    if index < len(argv) and argv[index].split("=", 1)[0] in builds and argv[index] not in ("-h", "--help"):
        return [*argv[:index], "build", *argv[index:]]
    return argv


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(_with_command(sys.argv[1:] if argv is None else list(argv), parser))
    command = args.command or "build"
    prog = f"build.py {command}"

    root = args.root.resolve()
    try:
        _check_project(root, command)
        if command == "build":
            from .commands import build as build_command

            output = (getattr(args, "output", None) or root / "output").resolve()
            build_command.main(root, output, only=_selected(args),
                               formats=tuple(dict.fromkeys(getattr(args, "formats", None) or ())) or None,
                               variants=tuple(getattr(args, "variants", None) or ()) or None,
                               jobs=getattr(args, "jobs", None))
        elif command == "check":
            from .commands import check

            check.run(root, only=_selected(args))
        elif command == "serve":
            from .commands import serve as serve_command

            serve_command.run(root, port=args.port)
        elif command == "new":
            from .commands import new as new_command

            new_command.run(root, args.pub_type, args.source, args.year)
        elif command == "diff":
            from .commands import diff as diff_command

            diff_command.run(root, args.names, page=args.page.expanduser().resolve() if args.page else None)
        elif command == "import":
            from .commands import import_docx

            try:
                import_docx.run(root, args.source.expanduser().resolve(), as_id=args.as_id,
                                organisation_id=args.organisation, pub_type=args.pub_type,
                                accept_changes=args.accept_changes)
            except import_docx.ImportRefused as exc:
                print(f"Fejl: {exc}\nImporten er stoppet; content/ er ikke ændret.", file=sys.stderr)
                return exits.CONTENT_ERRORS
        elif command == "skabelon":
            from .commands import template as template_command

            template_command.run(root, args.organisation, args.pub_type,
                                 args.output.expanduser().resolve() if args.output else None)
        elif command == "publish":
            from .commands import publish as publish_command
            from .site import INTERNAL_SITE_FOLDER, SITE_FOLDER

            try:
                if args.rollback:
                    publish_command.rollback(args.target)
                else:
                    publish_command.run(root / "output" / (INTERNAL_SITE_FOLDER if args.internal else SITE_FOLDER),
                                        args.target, internal=args.internal)
            except publish_command.PublishError as exc:
                print(f"Fejl: {exc}", file=sys.stderr)
                return exits.CONTENT_ERRORS
        return exits.OK
    except ContentError as exc:
        _trace(args)
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        if exc.warnings and command == "check":
            print(f"(og {len(exc.warnings)} advarsler, vist ovenfor)", file=sys.stderr)
        print(f"Stoppet: {len(exc.problems)} fejl i indholdet. output/ er ikke ændret.", file=sys.stderr)
        return exits.CONTENT_ERRORS
    except UsageError as exc:
        _trace(args)
        print(f"{prog}: fejl: {exc}\nSe 'python {prog} --help'.", file=sys.stderr)
        return exits.USAGE
    except BusyError as exc:
        _trace(args)
        print(f"{prog}: {exc}", file=sys.stderr)
        return exits.BUSY
    except KeyboardInterrupt:
        if command == "serve":
            print("Forhåndsvisningen er stoppet.", file=sys.stderr)
            return exits.OK
        print("Afbrudt. output/ er ikke ændret.", file=sys.stderr)
        return exits.INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the user gets a sentence, not a traceback
        _trace(args)
        print(f"Uventet fejl: {exc.__class__.__name__}: {exc}. output/ er ikke ændret. "
              "Kør igen med --debug og send udskriften til den, der vedligeholder værktøjet.",
              file=sys.stderr)
        return exits.INTERNAL


def _trace(args) -> None:
    """With --debug, where in the code a command stopped, for whoever maintains the tool."""
    if args.debug:
        traceback.print_exc()
