"""The data model shared by every stage: Article in; Events with Actors, Places, Counts, Claims out.

Every field an analyst sees must be traceable to the words it came from, so every value object carries
`evidence`: character offsets into `Article.text`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Evidence(Model):
    """A span of the article text that supports one field of a record."""

    article_id: str | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    field: str | None = None  # e.g. "trigger", "actor1", "place", "date", "fatalities", "claim"

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.end < self.start:
            raise ValueError(f"evidence end {self.end} before start {self.start}")
        return self

    @classmethod
    def from_text(cls, text: str, start: int, end: int, field: str | None = None,
                  article_id: str | None = None) -> Evidence:
        return cls(start=start, end=end, text=text[start:end], field=field, article_id=article_id)


def normalise_text(text: str) -> str:
    """Canonical form used for the content hash: NFC, unified newlines, collapsed blank space."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[ \t]+", " ", text).strip()


def content_id(text: str) -> str:
    """Stable article id: the same article text ingested twice gets the same id."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:32]


class Article(Model):
    """One news report, as plain text after boilerplate removal."""

    id: str = ""
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None  # publisher / site name
    published: date | None = None
    language: str = "en"
    origin: str | None = None  # file path, feed URL or JSONL line it came from
    fetched_at: datetime | None = None

    @model_validator(mode="after")
    def _id(self) -> Article:
        if not self.id:
            self.id = content_id(self.text)
        return self


ActorRole = Literal["actor1", "actor2", "assoc_actor_1", "assoc_actor_2"]


class Actor(Model):
    """An actor normalised to an ACLED-style name with its ACLED 'inter' code (1-8)."""

    name: str  # canonical, e.g. "Islamic State", "Military Forces of Iraq", "Civilians (Syria)"
    mention: str | None = None  # the words used in the article
    inter: int | None = Field(default=None, ge=0, le=8)
    country: str | None = None
    aliases: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)

    @property
    def named(self) -> bool:
        """A group or force by its name, not one described ('Unidentified Armed Group', 'Rioters (Kenya)')."""
        return not self.name.startswith(UNNAMED_ACTORS)


# Names of actors described rather than named.
UNNAMED_ACTORS = ("Unidentified", "Civilians", "Protesters", "Rioters", "Prisoners", "Rebel Group")


class Place(Model):
    """A geocoded location with ACLED geo_precision (1 town, 2 near/part of region, 3 region only)."""

    name: str  # canonical gazetteer name ("Al-Hasakah")
    mention: str | None = None  # as written ("Hasaka")
    country: str | None = None
    country_code: str | None = None  # ISO 3166-1 alpha-2
    iso: int | None = None  # ISO 3166-1 numeric, as in ACLED's `iso` column
    region: str | None = None  # ACLED region, e.g. "Middle East"
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = Field(default=None, ge=1, le=3)
    geonameid: int | None = None
    feature_class: str | None = None  # GeoNames: P populated place, A admin area, ...
    feature_code: str | None = None
    population: int | None = None
    # the country rests on one doubtful read: no other name of the article lies in it, and this one was not
    # clearly a place or not clearly that place (see `eventledger.geo.stage.uncertain`)
    uncertain: bool = False
    evidence: list[Evidence] = Field(default_factory=list)


CountKind = Literal[
    "killed", "injured", "arrested", "abducted", "escaped", "displaced", "held", "missing", "other"
]
Bound = Literal["exact", "at_least", "more_than", "at_most", "less_than", "about", "vague"]


class Count(Model):
    """A number of people something happened to, with its bounds and who it is about."""

    kind: CountKind
    value: int | None = None  # the figure to use ("more than forty" -> 40; "dozens" -> 12)
    low: int | None = None
    high: int | None = None
    bound: Bound = "exact"
    subject: str | None = None  # "inmates", "soldiers", "civilians"
    text: str = ""  # the quantity phrase as written
    is_context: bool = False  # a context figure ("3,500 held"), not a casualty count
    source: str | None = None  # who gave the figure
    evidence: list[Evidence] = Field(default_factory=list)


Strength = Literal["confirmed", "reported", "said", "claimed", "alleged", "denied", "unattributed"]


class Claim(Model):
    """Who says what about an event: a first-class record linked to the event and its evidence."""

    id: str = ""
    source: str  # normalised source name ("Syrian Observatory for Human Rights", "Sana", "the article")
    source_type: str | None = None  # monitor, state_media, official, armed_group, activists, unnamed, media
    verb: str | None = None  # the reporting verb as written ("claimed")
    strength: Strength = "unattributed"
    via: list[str] = Field(default_factory=list)  # attribution chain: observatory <- activists on the ground
    field: str | None = None  # which event field the claim is about: fatalities, status, actor1, ...
    value: str | None = None  # the claimed value, as text ("40", "under control", "fighting continues")
    statement: str = ""  # the claim in the article's words
    article_id: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Contradiction(Model):
    """Sources disagree about one field of one event; both sides are kept, none is silently chosen."""

    field: str  # fatalities, status, actor1, ...
    claim_ids: list[str] = Field(default_factory=list)
    values: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    note: str = ""
    chosen: str | None = None  # what the event record shows, and why (see `rule`)
    rule: str | None = None


class Event(Model):
    """One coded event (ACLED-style), built from one or more article mentions."""

    id: str = ""
    event_type: str | None = None  # "Battles"
    sub_event_type: str | None = None  # "Armed clash"
    label: str | None = None  # "ARMED_CLASH" (short code from TAXONOMY.md) or a non-ACLED class
    disorder_type: str | None = None
    plover: str | None = None
    cameo: str | None = None
    confidence: float | None = None
    trigger: Evidence | None = None
    sentences: list[Evidence] = Field(default_factory=list)  # the text spans this event was built from
    actor1: Actor | None = None
    actor2: Actor | None = None
    assoc_actors: list[Actor] = Field(default_factory=list)
    interaction: int | None = None
    civilian_targeting: bool = False
    place: Place | None = None
    event_date: date | None = None
    end_date: date | None = None
    time_precision: int | None = Field(default=None, ge=1, le=3)
    date_evidence: list[Evidence] = Field(default_factory=list)
    fatalities: int | None = None  # headline figure: the most conservative credible one
    fatalities_bound: Bound | None = None
    counts: list[Count] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    contradictions: list[Contradiction] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)  # who reported it (claim sources)
    article_ids: list[str] = Field(default_factory=list)
    notes: str = ""
    tags: list[str] = Field(default_factory=list)
    merge_log: list[str] = Field(default_factory=list)  # why mentions were merged into this event

    def evidence(self) -> list[Evidence]:
        """All evidence spans of the event, field by field."""
        spans: list[Evidence] = []
        if self.trigger:
            spans.append(self.trigger)
        spans += self.sentences + self.date_evidence
        for actor in (self.actor1, self.actor2, *self.assoc_actors):
            if actor:
                spans += actor.evidence
        if self.place:
            spans += self.place.evidence
        for item in (*self.counts, *self.claims):
            spans += item.evidence
        return spans


class Extraction(Model):
    """What the pipeline found in one article: its events and the context facts that are not events."""

    article: Article
    events: list[Event] = Field(default_factory=list)
    facts: list[Count] = Field(default_factory=list)  # context figures: "60,000 held in Al-Hol"
    places: list[Place] = Field(default_factory=list)  # every resolved toponym in the article
    claims: list[Claim] = Field(default_factory=list)  # article-level claims not tied to one event
    warnings: list[str] = Field(default_factory=list)


ReviewAction = Literal["accept", "edit", "reject"]


class Review(Model):
    """An analyst's decision on a stored event; accepted/edited events can be exported as gold data."""

    id: int | None = None
    event_id: str
    action: ReviewAction
    changes: dict[str, object] = Field(default_factory=dict)  # field -> corrected value (for "edit")
    reviewer: str | None = None
    note: str = ""
    created_at: datetime | None = None
