"""`eventledger gazetteer`: build the offline gazetteer, import GeoNames dumps, look names up."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventledger.geo.gazetteer import Gazetteer, GazetteerError, base_path, ensure_built, user_path

app = typer.Typer(name="gazetteer", help="The offline GeoNames gazetteer used to geocode events.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
console = Console()
err_console = Console(stderr=True)


def _fail(err: Exception) -> typer.Exit:
    err_console.print(f"[red]error:[/red] {err}")
    return typer.Exit(2)


@app.command()
def build(force: Annotated[bool, typer.Option("--force", help="Rebuild even if the index exists.")] = False) -> None:
    """Build the index from the GeoNames data in the installed packages (done on first use anyway)."""
    path = base_path()
    if force:
        path.unlink(missing_ok=True)
    try:
        ensure_built(path)
    except GazetteerError as err:
        raise _fail(err) from None
    console.print(f"gazetteer ready: {path} ({path.stat().st_size / 1e6:.0f} MB)")


@app.command("import")
def import_(files: Annotated[list[Path], typer.Argument(help="GeoNames dumps: SY.txt, allCountries.txt, "
                                                               "alternateNamesV2.txt")]) -> None:
    """Add places from standard GeoNames dumps (e.g. villages) to the index."""
    from eventledger.geo.importer import import_files

    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=err_console, transient=True) as progress:
            stats = import_files(files, progress=progress)
    except GazetteerError as err:
        raise _fail(err) from None
    console.print(f"imported {stats.places} places and {stats.names} names ({stats.skipped} rows skipped) "
                  f"into {user_path()}")


@app.command()
def lookup(
    name: Annotated[str, typer.Argument(help="A place name as written, e.g. 'Deir ez-Zor'.")],
    country: Annotated[str | None, typer.Option("--country", "-c", help="ISO alpha-2 code, e.g. SY.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 10,
) -> None:
    """Show the places a name can mean, biggest first (close spellings if there is no exact match)."""
    try:
        gaz = Gazetteer()
    except GazetteerError as err:
        raise _fail(err) from None
    found = gaz.search(name, country=country)
    if not found:
        err_console.print(f"no place named {name!r}" + (f" in {country.upper()}" if country else ""))
        raise typer.Exit(1)
    table = Table()
    table.add_column("geonameid", no_wrap=True, min_width=9)  # the id must stay whole: users cite it
    for column in ("name", "type", "admin1", "admin2", "country", "population", "lat", "lon", "match"):
        table.add_column(column, overflow="fold")  # narrow terminals wrap values instead of cutting them
    for c in found[:limit]:
        table.add_row(str(c.geonameid), c.name, f"{c.feature_class}.{c.feature_code}", c.admin1 or "",
                      c.admin2 or "", c.country_code or "", f"{c.population:,}",
                      f"{c.latitude:.4f}" if c.latitude is not None else "",
                      f"{c.longitude:.4f}" if c.longitude is not None else "", f"{c.score:.0f}")
    console.print(table)
