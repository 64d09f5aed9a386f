"""The `eventledger` command line (typer). Errors are one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from enum import StrEnum
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventledger.classify import cli as classify_cli
from eventledger.geo.cli import app as gazetteer_app
from eventledger.models import Article, Event, Extraction

if TYPE_CHECKING:
    from eventledger.pipeline import Pipeline
    from eventledger.store import Store

app = typer.Typer(
    name="eventledger",
    help="Turn news reports into an auditable record of conflict events (who did what to whom, where, when, "
    "how many, according to whom).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True, soft_wrap=True)  # messages are not broken inside paths or URLs

EXIT_PARTIAL = 1  # some inputs were rejected; the good ones were processed
EXIT_USAGE = 2  # nothing could be done with the input
EXIT_INTERNAL = 70


class CliError(Exception):
    """An error the user can fix; the message says how."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(func: F) -> F:
    """Turn known errors into a one-line message and exit code; unknown ones into a short report."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from eventledger.ingest import IngestError
        from eventledger.store import StoreError

        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except CliError as err:
            err_console.print(f"[bold red]error:[/] {err}")
            raise typer.Exit(err.code) from None
        except (IngestError, StoreError, ValueError, KeyError, FileNotFoundError, PermissionError) as err:
            message = err.args[0] if isinstance(err, KeyError) and err.args else err
            err_console.print(f"[bold red]error:[/] {message}")
            raise typer.Exit(EXIT_USAGE) from None
        except KeyboardInterrupt:
            err_console.print("interrupted; everything stored so far is kept")
            raise typer.Exit(130) from None
        except Exception as err:
            if os.environ.get("EVENTLEDGER_DEBUG"):
                raise
            err_console.print(f"[bold red]internal error:[/] {type(err).__name__}: {err}\n"
                              "Re-run with EVENTLEDGER_DEBUG=1 to see the traceback, and please report it.")
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper  # type: ignore[return-value]


class OutputFormat(StrEnum):
    json = "json"
    table = "table"
    csv = "csv"


class ExportFormat(StrEnum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    json = "json"


class Engine(StrEnum):
    local = "local"
    ray = "ray"


DbOption = Annotated[str | None, typer.Option("--db", help="SQLAlchemy URL or SQLite file path "
                                              "(default: EVENTLEDGER_DB or eventledger.db in the user data dir).")]
PublishedOption = Annotated[datetime | None, typer.Option(
    "--published", formats=["%Y-%m-%d"], help="Publication date (YYYY-MM-DD) for inputs that do not carry one; "
    "relative dates ('Thursday') are resolved against it.")]


def db_url(db: str | None) -> str | None:
    """Accept a plain file path as well as a SQLAlchemy URL."""
    if db is None or "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def open_store(db: str | None, *, must_exist: bool = False) -> Store:
    # Imported here so that `eventledger --help` does not load SQLAlchemy.
    from eventledger.paths import default_db_url
    from eventledger.store import Store

    url = db_url(db) or default_db_url()
    if must_exist and url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        raise CliError(f"no database at {url.removeprefix('sqlite:///')}; run `eventledger ingest PATH` first "
                       "(or pass --db)")
    return Store(url)


def read_articles(paths: list[str], published: date | None, problems: list[Any]) -> Iterator[Article]:
    """Articles from the inputs; rejected inputs are reported on stderr and collected in `problems`."""
    from eventledger.ingest import IngestProblem, read_paths

    # Called here, not inside the generator: read_paths checks its settings (e.g. a --published date in the
    # future) at once, before a database is opened or the models are loaded.
    items = read_paths(paths, published=published)

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, IngestProblem):
                problems.append(item)
                err_console.print(f"[yellow]skipped[/] {item}")
            else:
                yield item

    return articles()


def make_pipeline() -> Pipeline:
    from eventledger.pipeline import Pipeline

    with err_console.status("loading models…"):
        return Pipeline()


# -- extract ------------------------------------------------------------------------------------------------------

@app.command()
@friendly_errors
def extract(
    files: Annotated[list[str], typer.Argument(help="Text, HTML, RSS/Atom, JSONL files or folders; '-' for stdin.")],
    published: PublishedOption = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.json,
) -> None:
    """Extract events from articles and print them (nothing is stored)."""
    problems: list[Any] = []
    articles = list(read_articles(files, published.date() if published else None, problems))
    if not articles:
        raise CliError("no usable article in the input (see the reasons above)")
    extractions = list(make_pipeline().extract(articles))
    print_extractions(extractions, output_format)
    if problems:
        raise typer.Exit(EXIT_PARTIAL)


def extraction_json(extraction: Extraction) -> dict[str, Any]:
    article = extraction.article
    return {
        "article": {"id": article.id, "title": article.title, "url": article.url, "outlet": article.outlet,
                    "published": article.published.isoformat() if article.published else None,
                    "origin": article.origin},
        "events": [e.model_dump(mode="json", exclude_none=True) for e in extraction.events],
        "facts": [f.model_dump(mode="json", exclude_none=True) for f in extraction.facts],
        "warnings": extraction.warnings,
    }


def print_extractions(extractions: list[Extraction], output_format: OutputFormat) -> None:
    from eventledger.export import to_acled_csv

    if output_format is OutputFormat.json:
        payload: Any = [extraction_json(x) for x in extractions]
        sys.stdout.write(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
    elif output_format is OutputFormat.csv:
        sys.stdout.write(to_acled_csv(e for x in extractions for e in x.events))
    else:
        for x in extractions:
            console.print(events_table(x.events, title=x.article.title or x.article.origin or x.article.id))


def events_table(events: Iterable[Event], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, header_style="bold")
    for column in ("date", "type", "actor 1", "actor 2", "place", "deaths", "sources"):
        table.add_column(column, overflow="fold")
    for e in events:
        deaths = "" if e.fatalities is None else str(e.fatalities)
        if e.fatalities is not None and e.fatalities_bound in ("at_least", "more_than", "vague", "about"):
            deaths = f"{'≥' if e.fatalities_bound != 'about' else '~'}{deaths}"
        place = e.place.name if e.place else ""
        if e.place and e.place.country:
            place = f"{place}, {e.place.country}" if place != e.place.country else place
        flag = " ⚠" if e.contradictions else ""
        table.add_row(
            (e.event_date.isoformat() if e.event_date else "?") + ("" if (e.time_precision or 1) == 1 else
                                                                  f" (p{e.time_precision})"),
            e.sub_event_type or e.label or "?",
            e.actor1.name if e.actor1 else "", e.actor2.name if e.actor2 else "", place, deaths,
            f"{len(e.article_ids)} art. / {len(e.sources)} src{flag}",
        )
    return table


# -- ingest ---------------------------------------------------------------------------------------------------------

@app.command()
@friendly_errors
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or '-' (stdin) to ingest into the database.")],
    db: DbOption = None,
    published: PublishedOption = None,
    engine: Annotated[Engine, typer.Option(help="Run extraction locally or on a Ray cluster.")] = Engine.local,
    address: Annotated[str | None, typer.Option(help="Ray cluster address (with --engine ray), e.g. auto or "
                                                "ray://head:10001; default: start a local Ray instance.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Ray actors (each loads the models once).")] = 2,
) -> None:
    """Extract events from articles and store them; the same article is stored once, events are merged."""
    problems: list[Any] = []
    articles = read_articles(paths, published.date() if published else None, problems)
    store = open_store(db)
    summary = ingest_articles(articles, store, engine=engine, address=address, workers=workers)
    print_ingest_summary(summary, problems, store)
    if problems:
        raise typer.Exit(EXIT_PARTIAL)
    if summary["read"] == 0:
        raise CliError("no usable article in the input")


def ingest_articles(articles: Iterable[Article], store: Store, *, engine: Engine = Engine.local,
                    address: str | None = None, workers: int = 2,
                    pipeline: Callable[[], Pipeline] | None = None) -> dict[str, int]:
    """Ingest with a progress bar; already-stored articles are skipped before the (costly) extraction.
    `pipeline` builds (or returns a kept) Pipeline; default: a new one."""
    summary = {"read": 0, "new": 0, "known": 0, "inserted": 0, "merged": 0}

    def unseen() -> Iterator[Article]:
        for article in articles:
            summary["read"] += 1
            if not store.has_article(article.id):
                yield article

    with Progress(SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=err_console) as progress:
        task = progress.add_task("ingesting", total=None)
        if engine is Engine.ray:
            from eventledger.engines.ray_engine import extract_with_ray

            fresh = list(unseen())
            progress.update(task, total=len(fresh), description=f"ingesting on Ray ({workers} workers)")
            extractions = extract_with_ray(fresh, workers=workers, address=address)
        else:
            # Models load only once there is a new article: bad or already-stored input is answered at once.
            fresh_articles = unseen()
            first = next(fresh_articles, None)
            extractions = iter(()) if first is None else (pipeline or make_pipeline)().extract(
                chain([first], fresh_articles))
        for extraction in extractions:
            result = store.add(extraction)
            summary["new"] += result.new_article
            summary["inserted"] += len(result.inserted)
            summary["merged"] += len(result.merged)
            progress.advance(task)
        progress.update(task, total=summary["new"], completed=summary["new"])
    summary["known"] = summary["read"] - summary["new"]
    return summary


def print_ingest_summary(summary: dict[str, int], problems: list[Any], store: Any) -> None:
    stats = store.stats()
    err_console.print(
        f"read {summary['read']} articles: {summary['new']} new, {summary['known']} already stored; "
        f"{summary['inserted']} new events, {summary['merged']} merged into known events; "
        f"{len(problems)} inputs skipped. Database now holds {stats['articles']} articles and "
        f"{stats['events']} events.")


@app.command()
@friendly_errors
def watch(
    source: Annotated[str, typer.Argument(help="Folder (or file) to watch, or an http(s) RSS/Atom feed URL to poll.")],
    db: DbOption = None,
    interval: Annotated[float, typer.Option(min=0.1, help="Seconds between feed polls; for folders, between full "
                                            "rescans (changes the OS reports are read at once).")] = 60.0,
    once: Annotated[bool, typer.Option("--once", help="Process what is there now and exit (cron, tests).")] = False,
) -> None:
    """Ingest new files of a folder, or new items of a feed, as they appear; Ctrl-C stops with a summary."""
    from eventledger.watch import Watcher

    problems: list[Any] = []

    def skipped(problem: Any) -> None:
        if problem.severity != "warning":
            problems.append(problem)
        err_console.print(f"[yellow]{'warning' if problem.severity == 'warning' else 'skipped'}[/] {problem}")

    watcher = Watcher(source, interval=interval, log=err_console.print, on_problem=skipped)
    watcher.check()  # a wrong feed URL is an error before anything is created
    store = open_store(db)
    pipeline = functools.cache(make_pipeline)  # models load once, at the first new article
    summary = watcher.run(lambda articles: ingest_articles(articles, store, pipeline=pipeline), once=once)
    stats = store.stats()
    err_console.print(f"{'interrupted; ' if summary.interrupted else ''}watch summary: {summary}. Database now "
                      f"holds {stats['articles']} articles and {stats['events']} events.")
    if once and problems:
        raise typer.Exit(EXIT_PARTIAL)


# -- events, export -----------------------------------------------------------------------------------------------

SinceOption = Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Events on or after this date.")]
UntilOption = Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Events on or before this date.")]
CountryOption = Annotated[str | None, typer.Option(help="Country name or ISO code.")]
TypeOption = Annotated[str | None, typer.Option("--type", help="ACLED event type, e.g. Battles.")]
ActorOption = Annotated[str | None, typer.Option(help="Part of an actor name.")]
MinDeathsOption = Annotated[int | None, typer.Option(min=0, help="At least this many fatalities.")]
TextOption = Annotated[str | None, typer.Option("--text", help="Words in the notes, place or actors.")]


def filters(since: datetime | None, until: datetime | None, country: str | None, event_type: str | None,
            actor: str | None, min_fatalities: int | None, text: str | None) -> dict[str, Any]:
    return {"since": since.date() if since else None, "until": until.date() if until else None,
            "country": country, "event_type": event_type, "actor": actor, "min_fatalities": min_fatalities,
            "text": text}


@app.command()
@friendly_errors
def events(
    db: DbOption = None, since: SinceOption = None, until: UntilOption = None, country: CountryOption = None,
    event_type: TypeOption = None, actor: ActorOption = None, min_fatalities: MinDeathsOption = None,
    text: TextOption = None,
    limit: Annotated[int, typer.Option(min=1, max=100_000)] = 50,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
) -> None:
    """List stored events, newest first."""
    store = open_store(db, must_exist=True)
    where = filters(since, until, country, event_type, actor, min_fatalities, text)
    found = store.events(limit=limit, **where)
    if output_format is OutputFormat.table:
        console.print(events_table(found, title=f"{len(found)} of {store.count_events(**where)} events"))
    else:
        from eventledger.export import export as render

        sys.stdout.write(render(found, "json" if output_format is OutputFormat.json else "acled-csv"))
        sys.stdout.write("\n" if output_format is OutputFormat.json else "")


@app.command()
@friendly_errors
def export(
    output_format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.acled_csv,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    db: DbOption = None, since: SinceOption = None, until: UntilOption = None, country: CountryOption = None,
    event_type: TypeOption = None, actor: ActorOption = None, min_fatalities: MinDeathsOption = None,
    text: TextOption = None,
) -> None:
    """Export stored events as ACLED-style CSV, GeoJSON or JSON."""
    from eventledger.export import export as render

    store = open_store(db, must_exist=True)
    where = filters(since, until, country, event_type, actor, min_fatalities, text)
    rendered = render(store.events(limit=10**9, **where), output_format.value)
    if output is None:
        sys.stdout.write(rendered)
    else:
        output.write_text(rendered, encoding="utf-8")
        err_console.print(f"wrote {output}")


# -- demo -----------------------------------------------------------------------------------------------------------

@app.command()
@friendly_errors
def demo(
    db: Annotated[str | None, typer.Option("--db", help="Where to store the demo (default: a fresh demo.db in "
                                           "the user data dir).")] = None,
) -> None:
    """Ingest the bundled demo corpus (reports in several versions) and print what was found."""
    from eventledger.paths import PACKAGE_DATA, data_dir

    corpus = PACKAGE_DATA / "demo"
    if not any(corpus.glob("*")):
        raise CliError(f"the demo corpus is missing from {corpus}; reinstall eventledger")
    if db is None:
        path = data_dir() / "demo.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        db = str(path)
    store = open_store(db)
    problems: list[Any] = []
    summary = ingest_articles(read_articles([str(corpus)], None, problems), store)
    console.print(events_table(store.events(limit=1000), title="Demo: events found in the bundled reports"))
    print_ingest_summary(summary, problems, store)
    stats = store.stats()
    console.print(f"{stats['events_with_several_sources']} events are backed by several articles; "
                  f"{stats['contradictions']} contradictions between sources are recorded. "
                  f"Explore with: eventledger events --db {db_url(db)}")


# -- serve --------------------------------------------------------------------------------------------------------

@app.command()
@friendly_errors
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on (0.0.0.0: every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the REST API (OpenAPI docs at /docs) and the dashboard."""
    import socket

    import uvicorn

    from eventledger.serve.api import KEEP_ALIVE_SECONDS, create_app

    try:  # a clear message now, rather than uvicorn's bind error once the store is open
        socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET).close()
    except OSError as err:
        raise CliError(f"cannot listen on {host}:{port}: {err.strerror or err}; "
                       "pass another --port or --host") from None
    store = open_store(db)
    where = store.engine.url.render_as_string(hide_password=True)
    err_console.print(f"serving {where} at http://{host}:{port} (API docs: /docs); Ctrl-C stops")
    uvicorn.run(create_app(store), host=host, port=port, log_level="info", timeout_keep_alive=KEEP_ALIVE_SECONDS)


# -- classify, train (the commands live with the classifier; here they get the CLI's error handling) -----------------

app.command("classify")(friendly_errors(classify_cli.classify))
app.command("train")(friendly_errors(classify_cli.train))
app.add_typer(gazetteer_app, name="gazetteer")
