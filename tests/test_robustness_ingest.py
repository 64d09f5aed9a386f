"""Property-based tests: the readers and the cleaner take any input without crashing, and what they return
keeps its promises (problems instead of exceptions, cleaned lines traceable to the input)."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventledger.ingest import IngestError, IngestProblem, clean_text, decode_bytes, read_paths, sniff
from eventledger.ingest.jsonl import parse_lines
from eventledger.models import Article

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Lines in the styles of real pages: report sentences, headings and every kind of furniture, in any order.
FURNITURE = [
    "Goran Tomasevic / Reuters", "Photo: AFP", "(Photo by John Moore/Getty Images)", "© 2023 Example Wire",
    "Advertisement", "Share  Tweet  Email", "READ MORE: Another story", "By Jane Roe", "source site-111",
    "Published: 14 March 2023 | 09:12 GMT", "Tags: war, police", "---", "In this photo, fighters gather.",
    "Reporting by Jane Roe; Editing by John Doe", "![image](a.jpg)", "Via: Example Daily",
]
SENTENCES = st.from_regex(r"[A-Z][a-z]{2,9}( [a-z]{1,9}){3,15}[.]", fullmatch=True)
HEADINGS = st.from_regex(r"[A-Z][a-z]{2,9}( [a-z]{1,9}){0,5}", fullmatch=True)
LINES = st.one_of(st.sampled_from(FURNITURE), SENTENCES, HEADINGS, st.just(""), st.text(max_size=80))
PAGES = st.lists(LINES, max_size=25).map("\n".join)


def normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@SETTINGS
@given(st.one_of(PAGES, st.text(max_size=400)))
def test_cleaning_keeps_whole_input_lines_at_mapped_offsets(raw):
    cleaned = clean_text(raw)
    source = normalised(raw)
    for clean_start, orig_start, length in cleaned.segments:
        assert cleaned.text[clean_start : clean_start + length] == source[orig_start : orig_start + length]
        assert cleaned.original_offset(clean_start) == orig_start
    assert "\n\n\n" not in cleaned.text
    kept = [line for line in cleaned.text.split("\n") if line.strip()]
    assert len(kept) + len(cleaned.removed) == len([line for line in source.split("\n") if line.strip()])
    if cleaned.title is not None:
        assert cleaned.title.strip() and "\n" not in cleaned.title


@SETTINGS
@given(st.lists(st.sampled_from(FURNITURE), min_size=1, max_size=10), st.lists(SENTENCES, min_size=1, max_size=5))
def test_report_sentences_survive_any_furniture(furniture, sentences):
    body = list(dict.fromkeys(sentences))  # distinct report paragraphs
    lines = [furniture[0], *body[:1], *furniture[1:], *body[1:]]
    cleaned = clean_text("\n\n".join(lines), extract_title=False)
    for sentence in body:
        assert sentence in cleaned.text


@SETTINGS
@given(st.binary(max_size=3000))
def test_decoding_any_bytes_gives_text_or_a_clear_error(data):
    try:
        text, encoding = decode_bytes(data)
    except IngestError as err:
        assert err.reason and err.hint
    else:
        assert isinstance(text, str) and encoding


@SETTINGS
@given(st.binary(max_size=2000))
def test_sniffing_any_bytes(data):
    assert sniff(data) in {"text", "html", "feed", "jsonl", "json"}


STRUCTURED = st.one_of(
    st.binary(max_size=1500),
    st.text(max_size=1500).map(lambda t: t.encode("utf-8")),
    st.builds(lambda body: f"<html><body><p>{body}</p></body></html>".encode(), st.text(max_size=500)),
    st.builds(lambda title, body: (f'<?xml version="1.0"?><rss version="2.0"><channel><item><title>{title}</title>'
                                   f"<description>{body}</description></item></channel></rss>").encode(),
              st.text(max_size=60), st.text(max_size=400)),
)


@SETTINGS
@given(data=STRUCTURED, suffix=st.sampled_from([".txt", ".md", ".html", ".xml", ".rss", ".jsonl", ".json", ""]))
def test_readers_turn_any_file_into_articles_or_problems(tmp_path, data, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    for item in read_paths([path], check_language=False):
        assert isinstance(item, Article | IngestProblem)
        if isinstance(item, Article):
            assert item.text.strip() and item.id
        else:
            assert item.reason


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=10,
)
RECORDS = st.fixed_dictionaries(
    {"text": st.text(min_size=1, max_size=200)},
    optional={"title": st.text(max_size=40) | st.none(), "published": st.dates().map(date.isoformat) | st.text(),
              "url": st.text(max_size=30), "outlet": st.integers() | st.text(max_size=20)},
)


@SETTINGS
@given(st.lists(st.one_of(RECORDS, JSON_VALUES).map(json.dumps) | st.text(max_size=60), max_size=12))
def test_every_jsonl_line_is_an_article_or_a_numbered_problem(lines):
    data = [line.encode("utf-8") for line in lines]
    results = list(parse_lines(data, max_bytes=10_000))
    non_blank = [n for n, line in enumerate(data, start=1) if line.strip()]
    numbers = [r.line if not isinstance(r, tuple) else r[0] for r in results]
    assert numbers == non_blank
