"""The ``recognition`` command line: a thin shell over the Python API.

Every command reads bundled datasets (``--dataset NAME``) or files
(``--data PATH``), all bundled datasets when neither is given, and prints
``--format table`` (default), ``csv`` or ``json``. Errors go to stderr,
with exit status 1 for bad data or queries and 2 for bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from recognition import __version__, render
from recognition.csvfile import read_csv
from recognition.datasets import datasets, load
from recognition.errors import DataFileError, Problem, RecognitionError
from recognition.events import Record
from recognition.jsonlfile import read_jsonl
from recognition.ledger import Ledger
from recognition.validate import ERROR, validate

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["main"]


def _read(path: Path, problems: list[Problem] | None = None) -> Ledger:
    if path.suffix in (".jsonl", ".json", ".ndjson"):
        return read_jsonl(path, problems=problems)
    return read_csv(path, problems=problems)


def _ledger(args: argparse.Namespace) -> Ledger:
    records: list[Record] = []
    names: list[str] = args.dataset or []
    paths: list[Path] = args.data or []
    if names or not paths:
        records.extend(load(*names).records)
    for path in paths:
        records.extend(_read(path).records)
    return Ledger(records)


def _emit(args: argparse.Namespace, payload: render.Payload) -> None:
    sys.stdout.write(render.render(payload, args.format))


def _who(args: argparse.Namespace) -> int:
    ledger = _ledger(args)
    answers = ledger.who(args.subject, on=args.on, known_on=args.known_on)
    _emit(args, render.statuses(answers, ledger.registry, args.subject))
    return 0


def _status(args: argparse.Namespace) -> int:
    ledger = _ledger(args)
    answer = ledger.status(args.actor, args.subject, on=args.on, known_on=args.known_on)
    _emit(args, render.status(answer, ledger.registry))
    return 0


def _relations(args: argparse.Namespace) -> int:
    ledger = _ledger(args)
    answer = ledger.relations(args.first, args.second, on=args.on, known_on=args.known_on)
    _emit(args, render.relations(answer))
    return 0


def _timeline(args: argparse.Namespace) -> int:
    ledger = _ledger(args)
    _emit(args, render.records(ledger.timeline(args.entity, known_on=args.known_on)))
    return 0


def _diff(args: argparse.Namespace) -> int:
    ledger = _ledger(args)
    changes = ledger.changes(args.subject, start=args.start, end=args.end, known_on=args.known_on)
    _emit(args, render.changes(changes))
    return 0


def _conflicts(args: argparse.Namespace) -> int:
    ledger = _ledger(args)
    _emit(args, render.conflicts(ledger.conflicts(known_on=args.known_on)))
    return 0


def _validate(args: argparse.Namespace) -> int:
    failed = False
    targets: list[tuple[str, Ledger]] = []
    for path in args.paths:
        problems: list[Problem] = []
        ledger = _read(path, problems)
        for problem in problems:
            sys.stderr.write(f"{problem}\n")
        failed = failed or bool(problems)
        targets.append((str(path), ledger))
    names = args.dataset or ([] if args.paths else [d.name for d in datasets()])
    targets.extend((name, load(name)) for name in names)
    for name, ledger in targets:
        findings = validate(ledger, today=args.today)
        for finding in findings:
            sys.stderr.write(f"{finding}\n")
        errors = sum(1 for f in findings if f.severity == ERROR)
        failed = failed or errors > 0
        sys.stdout.write(
            f"{name}: {len(ledger.current())} records, {errors} error(s), "
            f"{len(findings) - errors} warning(s)\n"
        )
    return 1 if failed else 0


def _datasets(args: argparse.Namespace) -> int:
    rows = []
    for info in datasets():
        ledger = load(info.name)
        rows.append(
            {
                "name": info.name,
                "title": info.title,
                "subjects": list(info.subjects),
                "records": len(ledger.current()),
            }
        )
    _emit(args, render.Payload(rows, ("name", "records", "subjects", "title")))
    return 0


def _save(args: argparse.Namespace, figure: go.Figure) -> int:
    from recognition import plot  # noqa: PLC0415 - plotly is slow to import

    path: Path = args.output
    if path.suffix.lower() in (".html", ".htm"):
        plot.write_html(figure, path, plotlyjs=args.plotlyjs)
    else:
        plot.write_image(figure, path)
    sys.stdout.write(f"{path}\n")
    return 0


def _map(args: argparse.Namespace) -> int:
    from recognition import plot  # noqa: PLC0415 - plotly is slow to import

    ledger = _ledger(args)
    if args.on is not None:
        if args.start is not None or args.end is not None:
            sys.stderr.write("recognition: error: give either --on or --from and --to\n")
            return 2
        figure = plot.choropleth(
            ledger, args.subject, on=args.on, known_on=args.known_on, title=args.title
        )
    elif args.start is not None and args.end is not None:
        figure = plot.choropleth_animation(
            ledger,
            args.subject,
            start=args.start,
            end=args.end,
            every=args.every,
            known_on=args.known_on,
            title=args.title,
        )
    else:
        sys.stderr.write("recognition: error: give --on DATE, or --from DATE and --to DATE\n")
        return 2
    return _save(args, figure)


def _chart(args: argparse.Namespace) -> int:
    from recognition import plot  # noqa: PLC0415 - plotly is slow to import

    ledger = _ledger(args)
    draw = plot.timeline if args.kind == "timeline" else plot.count
    figure = draw(
        ledger,
        args.subject,
        start=args.start,
        end=args.end,
        known_on=args.known_on,
        title=args.title,
    )
    return _save(args, figure)


def _figure_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="PATH",
        help="the file to write: .html (interactive, offline), .png, .svg or .pdf",
    )
    parser.add_argument("--title", help="the figure title (default: one naming the subject)")
    parser.add_argument(
        "--plotlyjs",
        choices=("inline", "directory"),
        default="inline",
        help="for .html: embed plotly.js (default) or write plotly.min.js beside the page",
    )


def _common(parser: argparse.ArgumentParser, *, on: bool = False, formats: bool = True) -> None:
    parser.add_argument(
        "--dataset",
        action="append",
        metavar="NAME",
        help="a bundled dataset (repeatable; default: all of them)",
    )
    parser.add_argument(
        "--data",
        action="append",
        type=Path,
        metavar="PATH",
        help="a CSV or JSON Lines file (repeatable)",
    )
    if formats:
        parser.add_argument(
            "--format",
            choices=("table", "csv", "json"),
            default="table",
            help="output format (default: table)",
        )
    parser.add_argument(
        "--known-on", metavar="DATE", help="answer as the data stood on this recording day"
    )
    if on:
        parser.add_argument("--on", required=True, metavar="DATE", help="the day asked about")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="recognition",
        description="Who recognised whom, when, and on what evidence.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, handler: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    sub = command("who", _who, "who recognises a state or a claimant on a day")
    sub.add_argument("subject", help="a state (XK) or a claimant (VE/guaido)")
    _common(sub, on=True)
    sub = command("status", _status, "where an actor stands toward a state or seat on a day")
    sub.add_argument("actor")
    sub.add_argument("subject", help="a state (XK), a seat (VE) or a claimant")
    _common(sub, on=True)
    sub = command("relations", _relations, "relations between two states on a day")
    sub.add_argument("first")
    sub.add_argument("second")
    _common(sub, on=True)
    sub = command("timeline", _timeline, "every record about an entity, by date")
    sub.add_argument("entity")
    _common(sub)
    sub = command("diff", _diff, "whose status toward a subject changed between two days")
    sub.add_argument("subject")
    sub.add_argument("--from", dest="start", required=True, metavar="DATE")
    sub.add_argument("--to", dest="end", required=True, metavar="DATE")
    _common(sub)
    sub = command("conflicts", _conflicts, "records from different sources that disagree")
    _common(sub)
    sub = command("validate", _validate, "check data files or bundled datasets")
    sub.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    sub.add_argument("--dataset", action="append", metavar="NAME")
    sub.add_argument("--today", metavar="DATE", help="treat later dates as future (default: today)")
    sub = command("map", _map, "draw a world map of positions on a state or seat")
    sub.add_argument("subject", help="a state (XK) or a seat (VE)")
    sub.add_argument("--on", metavar="DATE", help="the day drawn")
    sub.add_argument("--from", dest="start", metavar="DATE", help="animate from this day...")
    sub.add_argument("--to", dest="end", metavar="DATE", help="...to this day")
    sub.add_argument(
        "--every",
        choices=("day", "week", "month", "change"),
        default="week",
        help="one frame per day, week, month or change (default: week)",
    )
    _figure_options(sub)
    _common(sub, formats=False)
    sub = command("chart", _chart, "draw a timeline or a count of positions over time")
    sub.add_argument(
        "kind",
        choices=("timeline", "count"),
        help="timeline: each state's periods; count: how many recognise, over time",
    )
    sub.add_argument("subject", help="a state (XK) or a seat (VE)")
    sub.add_argument(
        "--from", dest="start", metavar="DATE", help="first day (default: first record)"
    )
    sub.add_argument("--to", dest="end", metavar="DATE", help="last day (default: today)")
    _figure_options(sub)
    _common(sub, formats=False)
    sub = command("datasets", _datasets, "list the bundled datasets")
    sub.add_argument("--format", choices=("table", "csv", "json"), default="table")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except DataFileError as exc:
        sys.stderr.write(f"recognition: cannot read data:\n{exc}\n")
        return 1
    except RecognitionError as exc:
        sys.stderr.write(f"recognition: error: {exc}\n")
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
