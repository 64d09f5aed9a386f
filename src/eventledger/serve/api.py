"""The REST API (FastAPI): browse and filter events, read an event with its articles and reviews, review events
(the corrections become gold data), submit articles for extraction, export; and the offline dashboard at `/`.

`create_app()` builds the app around one Store. The extraction pipeline (the models) loads on the first submitted
article, once, and is used by one request at a time. Interactive OpenAPI docs are at `/docs`.
"""

import json
import logging
import threading
from collections.abc import Callable, Iterable
from contextlib import asynccontextmanager
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import anyio
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import text as sql
from sqlalchemy.exc import DBAPIError
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventledger import __version__
from eventledger.ingest import IngestError, IngestProblem
from eventledger.ingest.html import extract_page
from eventledger.ingest.readers import Reader
from eventledger.models import Article, Event, Extraction, Review, ReviewAction
from eventledger.store import Store, StoreError

if TYPE_CHECKING:
    from eventledger.pipeline import Pipeline

log = logging.getLogger("eventledger.serve")

MAX_BODY_BYTES = 5 * 1024 * 1024  # a long article is ~100 kB; 5 MB leaves room for a batch of HTML pages
MAX_BATCH = 100
MAX_PAGE = 500
# Worker threads that submissions may hold at once: extraction runs one article at a time anyway, and submissions
# waiting for it must not take every thread of the pool, or reads would wait behind them.
SUBMISSION_THREADS = 2
# How long the server keeps an idle connection open (uvicorn's default is 5 s). Clients must drop idle connections
# before the server does, or a request sent as the server closes one fails with a read error; httpx also keeps them
# 5 s, so with equal timeouts such clients saw sporadic failures under load. Longer here: clients drop them first.
KEEP_ALIVE_SECONDS = 30
DASHBOARD_DIR = Path(__file__).parent / "static"

DESCRIPTION = """
Conflict events extracted from news reports, ACLED-style, each with the evidence spans it was built from and
the sources that reported it.

* **events**: list with filters and pagination, read one event with its articles, reviews and merge reasons;
* **reviews**: an analyst accepts, edits or rejects an event; reviewed events export as JSONL gold data;
* **articles**: submit an article (text or HTML) or a batch; events are extracted, deduplicated and stored;
* **export**: ACLED-style CSV, GeoJSON or JSON of the events matching the same filters as the list.

Errors are JSON `{"detail": ...}`: 404 unknown event, 413 body over 5 MB, 422 invalid input (with the reason),
503 database or models unavailable.
"""

TAGS = [
    {"name": "status", "description": "Is the service up, and what does the database hold."},
    {"name": "events", "description": "Browse, filter and read coded events."},
    {"name": "reviews", "description": "Analyst decisions on events, and the gold data they make."},
    {"name": "articles", "description": "Submit news reports: events are extracted and stored."},
    {"name": "export", "description": "Download events as ACLED-style CSV, GeoJSON or JSON."},
]


# -- request and response models -------------------------------------------------------------------------------

class Health(BaseModel):
    status: Literal["ok"] = "ok"
    db: str = Field(description="Database dialect: sqlite or postgresql.", examples=["sqlite"])


class Stats(BaseModel):
    articles: int
    events: int
    events_with_several_sources: int = Field(description="Events reported by more than one article.")
    contradictions: int = Field(description="Recorded disagreements between sources.")
    fatalities: int = Field(description="Sum of the events' headline fatality figures.")
    first_date: date | None
    last_date: date | None
    by_type: dict[str, int] = Field(description="Number of events per ACLED event type.")


class EventItem(Event):
    """An event as listed: the event record plus what the store knows about it."""

    review_status: Literal["accepted", "edited", "rejected"] | None = Field(
        default=None, description="The latest analyst decision; null until reviewed.")
    n_sources: int = Field(default=1, description="Number of articles that reported the event.")


class EventPage(BaseModel):
    total: int = Field(description="Number of events matching the filters (all pages).")
    limit: int
    offset: int
    items: list[EventItem]


class ArticleOut(BaseModel):
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: date | None
    text: str = Field(description="The article text; evidence offsets of the event point into it.")


class EventDetail(BaseModel):
    event: Event
    review_status: Literal["accepted", "edited", "rejected"] | None
    articles: list[ArticleOut] = Field(description="The articles that reported the event, oldest first.")
    reviews: list[Review] = Field(description="Analyst reviews of the event, oldest first.")
    merge_reasons: dict[str, str | None] = Field(
        default_factory=dict,
        description="Article id -> why its report was merged into this event (null: the article created it).")


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"action": "edit", "changes": {"fatalities": 4, "place.name": "Kirkuk"}, "reviewer": "ana",
         "note": "police updated the toll the next day"},
        {"action": "accept", "reviewer": "ana"},
    ]})

    action: ReviewAction = Field(description="accept: correct as coded; edit: apply `changes`; reject: not an event.")
    changes: dict[str, Any] = Field(
        default_factory=dict,
        description="For `edit`: field -> corrected value. Nested fields by dotted name (`place.name`, "
        "`actor1.name`). Editable: event_type, sub_event_type, label, event_date, end_date, time_precision, "
        "fatalities, notes, actor1/actor2 .name/.inter, place .name/.admin1/.admin2/.country/.latitude/"
        ".longitude/.geo_precision.")
    reviewer: str | None = Field(default=None, max_length=120)
    note: str = Field(default="", max_length=10_000)


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"text": "Gunmen attacked a checkpoint in Kirkuk on Monday, killing three policemen, police said.",
         "title": "Checkpoint attack in Kirkuk", "outlet": "Wire", "published": "2023-05-02"},
    ]})

    text: str = Field(description="The article: plain text, or a whole HTML page with `format: html` "
                      "(navigation, captions and bylines are removed).")
    format: Literal["text", "html"] = "text"
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = Field(default=None, description="Publication date; relative dates in the text "
                                   "('on Monday') are resolved against it. HTML pages may carry their own.")


class SubmittedEvent(BaseModel):
    id: str
    label: str | None
    merged: bool = Field(description="True if the report was merged into an event already stored.")
    reason: str | None = Field(default=None, description="Why it was merged.")


class ArticleResult(BaseModel):
    article_id: str
    stored: bool = Field(description="False if the same article was already stored (it is not extracted again).")
    events: list[SubmittedEvent]
    warnings: list[str]


class BatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_BATCH,
                                      description=f"1 to {MAX_BATCH} articles.")


class BatchItem(BaseModel):
    index: int = Field(description="Position of the article in the request.")
    ok: bool
    error: str | None = Field(default=None, description="Why the article was not stored.")
    result: ArticleResult | None = None


class BatchResult(BaseModel):
    stored: int = Field(description="New articles stored.")
    known: int = Field(description="Articles that were already stored.")
    failed: int
    items: list[BatchItem]


class ExportFormat(StrEnum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    json = "json"


EXPORT_TYPES = {
    ExportFormat.acled_csv: ("text/csv; charset=utf-8", "csv"),
    ExportFormat.geojson: ("application/geo+json", "geojson"),
    ExportFormat.json: ("application/json", "json"),
}

ReviewStatus = Literal["accepted", "edited", "rejected"]


# -- filters -------------------------------------------------------------------------------------------------------

def invalid(field: str, message: str, value: Any) -> RequestValidationError:
    """A 422 shaped like FastAPI's own validation errors."""
    return RequestValidationError([{"type": "value_error", "loc": ("query", field), "msg": message, "input": value}])


def parse_bbox(bbox: str | None) -> tuple[float, float, float, float] | None:
    if bbox is None or not bbox.strip():
        return None
    parts = bbox.split(",")
    try:
        if len(parts) != 4:
            raise ValueError
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise invalid("bbox", "bbox must be four numbers 'west,south,east,north' in degrees, "
                      "e.g. 38.0,32.0,49.0,38.0", bbox) from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90):
        raise invalid("bbox", "bbox longitudes must be within -180..180 and latitudes within -90..90", bbox)
    if west > east or south > north:
        raise invalid("bbox", "bbox must have west <= east and south <= north (boxes across the antimeridian "
                      "are not supported: split them in two)", bbox)
    return west, south, east, north


def event_filters(
    since: Annotated[date | None, Query(description="Events on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[date | None, Query(description="Events on or before this date (YYYY-MM-DD).")] = None,
    country: Annotated[str | None, Query(description="Country name or ISO 3166-1 alpha-2 code.",
                                         examples=["Iraq"])] = None,
    admin1: Annotated[str | None, Query(description="First-level region, e.g. a province.")] = None,
    event_type: Annotated[str | None, Query(description="ACLED event type.", examples=["Battles"])] = None,
    sub_event_type: Annotated[str | None, Query(description="ACLED sub-event type.",
                                                examples=["Armed clash"])] = None,
    label: Annotated[str | None, Query(description="Short event label, e.g. ARMED_CLASH.")] = None,
    actor: Annotated[str | None, Query(description="Part of an actor's name (actor 1 or 2).")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, description="At least this many fatalities.")] = None,
    bbox: Annotated[str | None, Query(description="Bounding box 'west,south,east,north' in degrees.",
                                      examples=["38.0,32.0,49.0,38.0"])] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the notes, place or actor names.")] = None,
    review_status: Annotated[ReviewStatus | None, Query(description="Only events with this review status.")] = None,
) -> dict[str, Any]:
    if since and until and since > until:
        raise invalid("until", f"until ({until}) is before since ({since})", str(until))
    return {"since": since, "until": until, "country": country, "admin1": admin1, "event_type": event_type,
            "sub_event_type": sub_event_type, "label": label, "actor": actor, "min_fatalities": min_fatalities,
            "bbox": parse_bbox(bbox), "text": q, "review_status": review_status}


Filters = Annotated[dict[str, Any], Depends(event_filters)]


# -- articles: ingest, extraction, storage -----------------------------------------------------------------------

class Extractor:
    """The extraction pipeline: built on first use (models load once), used by one thread at a time."""

    def __init__(self, factory: Callable[[], "Pipeline"] | None) -> None:
        self.factory = factory or _default_pipeline
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    def extract(self, article: Article) -> Extraction:
        with self._lock:
            if self._pipeline is None:
                try:
                    self._pipeline = self.factory()
                except Exception as err:
                    log.exception("cannot load the extraction pipeline")
                    raise HTTPException(503, f"the extraction models cannot be loaded ({type(err).__name__}: "
                                        f"{err}); the server log has the details") from err
            return self._pipeline.extract_one(article)


def _default_pipeline() -> "Pipeline":
    from eventledger.pipeline import Pipeline

    return Pipeline()


def to_article(item: ArticleIn) -> Article:
    """Clean and check a submitted article (HTML through the page extractor); IngestError says what is wrong."""
    text, title, url, outlet = item.text, item.title, item.url, item.outlet
    published: date | str | None = item.published
    if item.format == "html":
        page = extract_page(item.text, url=item.url)
        if not page.text.strip():
            raise IngestError("HTML page has no article text",
                              "check that this is an article page, not an index/login/script-only page")
        text, title, url = page.text, title or page.title, url or page.url
        outlet, published = outlet or page.outlet, published or page.published
    found = Reader().article(text, origin=url or "api", title=title, url=url, outlet=outlet, published=published,
                             known_title=title)
    if isinstance(found, IngestProblem):
        raise IngestError(found.reason, found.hint)
    return found


class Submitter:
    """Article in -> stored article and events out (runs in a worker thread: extraction is CPU-bound)."""

    def __init__(self, store: Store, extractor: Extractor) -> None:
        self.store, self.extractor = store, extractor

    def __call__(self, item: ArticleIn) -> ArticleResult:
        article = to_article(item)
        warnings: list[str] = []
        if self.store.has_article(article.id):  # idempotent, and no models needed to say so
            return self._result(article.id, stored=False, warnings=["this article was already stored; the events "
                                                                     "it reported are listed"])
        extraction = self.extractor.extract(article)
        added = self.store.add(extraction)
        warnings += extraction.warnings
        if not added.new_article:
            warnings.append("this article was stored by another request meanwhile")
        if article.published is None:
            warnings.append("no publication date: relative dates ('on Monday') could not be resolved; "
                            "send `published`")
        if not extraction.events:
            warnings.append("no event found in this article")
        return self._result(article.id, stored=added.new_article, warnings=warnings)

    def _result(self, article_id: str, *, stored: bool, warnings: list[str]) -> ArticleResult:
        events = [SubmittedEvent(id=event_id, label=label, merged=reason is not None, reason=reason)
                  for event_id, label, reason in self.store.article_events(article_id)]
        return ArticleResult(article_id=article_id, stored=stored, events=events, warnings=warnings)


# -- reviews: gold data ------------------------------------------------------------------------------------------

def gold_lines(store: Store) -> Iterable[str]:
    """One JSON line per reviewed event: the event as corrected, the decision and the article texts."""
    by_event: dict[str, list[Review]] = {}
    for review in store.reviews():
        by_event.setdefault(review.event_id, []).append(review)
    for event_id, reviews in by_event.items():
        event = store.get_event(event_id)
        if event is None:
            continue
        last = reviews[-1]
        changes: dict[str, Any] = {}
        for review in reviews:
            if review.action == "edit":
                changes.update(review.changes)
        yield json.dumps({
            "event_id": event_id,
            "action": last.action,
            "review_status": store.event_status(event_id),
            "reviewer": last.reviewer,
            "note": last.note,
            "reviewed_at": last.created_at.isoformat() if last.created_at else None,
            "changes": changes,
            "n_reviews": len(reviews),
            "event": event.model_dump(mode="json"),
            "articles": [_article_out(a).model_dump(mode="json") for a in store.event_articles(event_id)],
        }, ensure_ascii=False, default=str)


def _article_out(article: Article) -> ArticleOut:
    return ArticleOut(id=article.id, title=article.title, url=article.url, outlet=article.outlet,
                      published=article.published, text=article.text)


def _validation_message(err: ValueError) -> str:
    if isinstance(err, ValidationError):
        return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'value'}: {e['msg']}" for e in err.errors())
    return str(err)


# -- limits and errors -------------------------------------------------------------------------------------------

class BodySizeLimit:
    """413 for request bodies over the limit: by the declared Content-Length, and by the bytes actually received
    (a chunked upload declares none). The body is read here and handed on to the app."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await JSONResponse({"detail": "invalid Content-Length header"}, 400)(scope, receive, send)
                return
            if int(declared) > self.max_bytes:
                await self._too_large(scope, receive, send, int(declared))
                return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                await self._too_large(scope, receive, send, None)
                return
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send, size: int | None) -> None:
        limit = f"{self.max_bytes / 1_048_576:g} MB"
        sent = f"{size / 1_048_576:.1f} MB" if size is not None else f"over {limit}"
        detail = (f"request body too large: {sent}, the limit is {limit}. Send long articles one at a time "
                  f"(a batch holds at most {MAX_BATCH}).")
        await JSONResponse({"detail": detail}, 413)(scope, receive, send)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(IngestError)
    async def ingest_error(_request: Request, err: IngestError) -> JSONResponse:
        return JSONResponse({"detail": str(err)}, 422)

    @app.exception_handler(StoreError)
    async def store_error(_request: Request, err: StoreError) -> JSONResponse:
        log.error("store error: %s", err)
        return JSONResponse({"detail": str(err)}, 503)

    @app.exception_handler(DBAPIError)
    async def database_error(_request: Request, err: DBAPIError) -> JSONResponse:
        log.error("database error: %s", err)
        return JSONResponse({"detail": "the database is unavailable or refused the operation; try again later "
                             "(the server log has the details)"}, 503)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, err: Exception) -> JSONResponse:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": f"internal error ({type(err).__name__}); it is logged on the server, "
                             "please report it"}, 500)


def _mount_dashboard(app: FastAPI) -> None:
    """The dashboard's static files at `/`, after the API routes (so they take precedence), if it is built."""
    if DASHBOARD_DIR.is_dir():
        app.mount("/", StaticFiles(directory=DASHBOARD_DIR, html=True), name="dashboard")


# -- the app -------------------------------------------------------------------------------------------------------

def create_app(store: Store | None = None, *, db_url: str | None = None,
               pipeline_factory: Callable[[], "Pipeline"] | None = None) -> FastAPI:
    """The API over `store` (or a Store opened at `db_url`, closed with the app); `pipeline_factory` builds the
    extraction pipeline on the first submitted article (default: `Pipeline()`)."""
    own_store = store is None
    the_store = store if store is not None else Store(db_url)
    extractor = Extractor(pipeline_factory)
    submitter = Submitter(the_store, extractor)
    submission_threads = anyio.Semaphore(SUBMISSION_THREADS)

    async def submit(item: ArticleIn) -> ArticleResult:
        async with submission_threads:
            return await run_in_threadpool(submitter, item)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):  # type: ignore[no-untyped-def]
        yield
        if own_store:
            the_store.close()

    # The docs page is served with the vendored Swagger UI: the default loads it from a CDN (blank offline).
    app = FastAPI(title="eventledger", version=__version__, description=DESCRIPTION, openapi_tags=TAGS,
                  lifespan=lifespan, docs_url=None, redoc_url=None)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=app.openapi_url or "/openapi.json", title="eventledger API",
                                   swagger_js_url="/vendor/swagger-ui-bundle.js",
                                   swagger_css_url="/vendor/swagger-ui.css", swagger_favicon_url="/favicon.svg")
    app.state.store = the_store
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    _install_error_handlers(app)

    # -- status --

    @app.get("/api/health", tags=["status"], summary="Service and database are up")
    def health() -> Health:
        with the_store.engine.connect() as conn:
            conn.execute(sql("SELECT 1"))
        return Health(db=the_store.engine.dialect.name)

    @app.get("/api/stats", tags=["status"], summary="What the database holds")
    def stats() -> Stats:
        return Stats(**the_store.stats())

    # -- events --

    @app.get("/api/events", tags=["events"], summary="List events, newest first, with filters")
    def list_events(
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size.")] = 50,
        offset: Annotated[int, Query(ge=0, description="Events to skip.")] = 0,
    ) -> EventPage:
        records = the_store.event_records(limit=limit, offset=offset, **filters)
        items = [EventItem(**dict(r.event), review_status=r.review_status, n_sources=r.n_sources) for r in records]
        return EventPage(total=the_store.count_events(**filters), limit=limit, offset=offset, items=items)

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event with its articles and reviews",
             responses={404: {"description": "No such event."}})
    def get_event(event_id: str) -> EventDetail:
        event = the_store.get_event(event_id)
        if event is None:
            raise HTTPException(404, f"no event with id {event_id!r}")
        return EventDetail(
            event=event, review_status=the_store.event_status(event_id),
            articles=[_article_out(a) for a in the_store.event_articles(event_id)],
            reviews=the_store.reviews(event_id), merge_reasons=the_store.merge_reasons(event_id),
        )

    # -- reviews --

    @app.post("/api/events/{event_id}/reviews", tags=["reviews"], status_code=201,
              summary="Accept, edit or reject an event",
              responses={404: {"description": "No such event."},
                         422: {"description": "The changes cannot be applied (the reason is given)."}})
    def review_event(event_id: str, body: ReviewIn) -> Review:
        if body.action == "edit" and not body.changes:
            raise HTTPException(422, "an edit needs `changes` (field -> corrected value)")
        if body.action != "edit" and body.changes:
            raise HTTPException(422, f"`changes` are only for action 'edit', not {body.action!r}")
        try:
            return the_store.add_review(Review(event_id=event_id, **body.model_dump()))
        except KeyError:
            raise HTTPException(404, f"no event with id {event_id!r}") from None
        except ValueError as err:
            raise HTTPException(422, f"cannot apply the changes: {_validation_message(err)}") from None

    @app.get("/api/reviews", tags=["reviews"], summary="All reviews, oldest first")
    def list_reviews(
        event_id: Annotated[str | None, Query(description="Only the reviews of this event.")] = None,
    ) -> list[Review]:
        return the_store.reviews(event_id)

    @app.get("/api/reviews/export", tags=["reviews"], summary="Reviewed events as JSONL gold data",
             response_class=Response,
             responses={200: {"content": {"application/x-ndjson": {}},
                              "description": "One JSON object per line and reviewed event: `event` (as "
                              "corrected), `action`, `review_status`, `changes`, `reviewer`, `note`, `articles`."}})
    def export_gold() -> Response:
        body = "".join(line + "\n" for line in gold_lines(the_store))
        stamp = datetime.now().strftime("%Y%m%d")
        return Response(body, media_type="application/x-ndjson",
                        headers={"Content-Disposition": f'attachment; filename="eventledger-gold-{stamp}.jsonl"'})

    # -- articles --

    @app.post("/api/articles", tags=["articles"], status_code=201, summary="Submit one article",
              responses={422: {"description": "The article cannot be used (empty, not English, ...)."},
                         503: {"description": "The extraction models cannot be loaded."}})
    async def submit_article(item: ArticleIn) -> ArticleResult:
        return await submit(item)

    @app.post("/api/articles/batch", tags=["articles"], summary=f"Submit up to {MAX_BATCH} articles",
              description="Each article is processed on its own: good ones are stored even if others fail; "
              "each failure is reported with its index and reason.")
    async def submit_batch(batch: BatchIn) -> BatchResult:
        items: list[BatchItem] = []
        for index, item in enumerate(batch.articles):
            try:
                result = await submit(item)
            except IngestError as err:
                items.append(BatchItem(index=index, ok=False, error=str(err)))
            except HTTPException as err:
                items.append(BatchItem(index=index, ok=False, error=str(err.detail)))
            except (StoreError, DBAPIError) as err:
                log.error("store error on batch item %d: %s", index, err)
                items.append(BatchItem(index=index, ok=False, error="the database refused the article; try again "
                                       "later (the server log has the details)"))
            except Exception as err:
                log.exception("internal error on batch item %d", index)
                items.append(BatchItem(index=index, ok=False, error=f"internal error ({type(err).__name__}); it "
                                       "is logged on the server, please report it"))
            else:
                items.append(BatchItem(index=index, ok=True, result=result))
        stored = sum(1 for i in items if i.result and i.result.stored)
        known = sum(1 for i in items if i.result and not i.result.stored)
        return BatchResult(stored=stored, known=known, failed=sum(1 for i in items if not i.ok), items=items)

    # -- export --

    @app.get("/api/export", tags=["export"], summary="Download the events matching the filters",
             response_class=Response,
             responses={200: {"content": {"text/csv": {}, "application/geo+json": {}, "application/json": {}},
                              "description": "The file, as an attachment."}})
    def export_events(
        filters: Filters,
        fmt: Annotated[ExportFormat, Query(alias="format", description="acled-csv, geojson or json.")]
        = ExportFormat.acled_csv,
    ) -> Response:
        from eventledger.export import export

        media_type, suffix = EXPORT_TYPES[fmt]
        body = export(the_store.events(limit=10**9, **filters), fmt.value)
        return Response(body, media_type=media_type,
                        headers={"Content-Disposition": f'attachment; filename="eventledger-events.{suffix}"'})

    _mount_dashboard(app)
    return app
