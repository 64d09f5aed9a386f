"""Bytes to text: detect the encoding (charset-normalizer), refuse binary files and oversized input."""

from __future__ import annotations

import codecs
import os
import unicodedata

from charset_normalizer import from_bytes

from eventledger.ingest.problems import IngestError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # per article: a news report is ~5-50 kB; 5 MB is a wrong file
MAX_SIZE_ENV = "EVENTLEDGER_MAX_ARTICLE_MB"
RAISE_LIMIT_HINT = f"or raise the limit ({MAX_SIZE_ENV}=<megabytes>)"


def max_article_bytes() -> int:
    """The per-article limit: `EVENTLEDGER_MAX_ARTICLE_MB` if set (e.g. for a CLI run), else 5 MB."""
    value = os.environ.get(MAX_SIZE_ENV)
    if not value:
        return DEFAULT_MAX_BYTES
    try:
        megabytes = float(value)
    except ValueError:
        raise IngestError(f"{MAX_SIZE_ENV}={value!r} is not a number", "give the limit in megabytes, e.g. 10") from None
    if megabytes <= 0:
        raise IngestError(f"{MAX_SIZE_ENV} must be positive", "give the limit in megabytes, e.g. 10")
    return int(megabytes * 1024 * 1024)

# Magic numbers of files people drop into a news folder by mistake: named, so the message can say what to do.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "a PDF document", "convert it to text first (e.g. `pdftotext file.pdf`)"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)", "unpack or export it as text/HTML first"),
    (b"\x1f\x8b", "a gzip archive", "decompress it first (`gunzip`)"),
    (b"\x89PNG", "a PNG image", "remove it from the input"),
    (b"\xff\xd8\xff", "a JPEG image", "remove it from the input"),
    (b"GIF8", "a GIF image", "remove it from the input"),
    (b"\xd0\xcf\x11\xe0", "an old MS Office document", "export it as text first"),
    (b"\x7fELF", "an executable", "remove it from the input"),
    (b"SQLite format 3\x00", "an SQLite database", "pass news articles, not the database"),
)
_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}
MAX_CONTROL_RATIO = 0.01  # text has tabs/newlines only; a few stray controls are tolerated, binary has many


def too_large(size: int, limit: int) -> IngestError:
    return IngestError(
        f"too large: {size / 1_048_576:.1f} MB, the limit is {limit / 1_048_576:.1f} MB per article",
        f"split it into articles (e.g. JSONL, one article per line) {RAISE_LIMIT_HINT}",
    )


def control_ratio(text: str) -> float:
    """Share of control characters other than usual white space (high in binary data decoded as text)."""
    if not text:
        return 0.0
    sample = text[:100_000]
    bad = sum(1 for ch in sample if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc")
    return bad / len(sample)


def decode_bytes(data: bytes, *, limit: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """Return (text, encoding name); raise IngestError for binary, undecodable or oversized data."""
    if len(data) > limit:
        raise too_large(len(data), limit)
    for magic, what, hint in _MAGIC:
        if data.startswith(magic):
            raise IngestError(f"binary file ({what}), not text", hint)
    has_bom = data.startswith(_BOMS)
    wide: str | None = None  # a BOM-less UTF-16/32 encoding found below
    if b"\x00" in data[:8192] and not has_bom:
        # NUL bytes without a BOM: binary, or BOM-less UTF-16/32, which charset-normalizer can still tell.
        match = from_bytes(data[:65536]).best()
        if match is None or not match.encoding.startswith(("utf_16", "utf_32")):
            raise IngestError(
                "binary file (contains NUL bytes), not text", "pass plain text, HTML, RSS/Atom or JSONL files"
            )
        wide = match.encoding
    if wide:
        try:
            text, encoding = data.decode(wide), wide
        except UnicodeDecodeError as err:
            raise IngestError("binary file (contains NUL bytes), not text", "pass text files") from err
    elif not has_bom:
        try:  # UTF-8 is by far the most common and is unambiguous: checking it first avoids mis-detection
            text = data.decode("utf-8")
            encoding = "utf_8"
        except UnicodeDecodeError:
            text, encoding = _detect(data)
    else:
        text, encoding = _detect(data)
    text = text.lstrip("\ufeff")
    if control_ratio(text) > MAX_CONTROL_RATIO:
        raise IngestError(
            "binary file (too many control characters), not text",
            "pass plain text, HTML, RSS/Atom or JSONL files",
        )
    return text, encoding


# Ties between code pages that decode the bytes equally well are common on short English text (cp1250 vs
# cp1252 on "Genève"); English-language news is far more often cp1252 (superset of printable latin-1).
_TIE_PREFERENCE = ("utf_8", "cp1252", "latin_1", "iso8859_15")


def _detect(data: bytes) -> tuple[str, str]:
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise IngestError(
            "cannot detect the text encoding (binary file?)",
            "convert the file to UTF-8 (e.g. `iconv -f <encoding> -t UTF-8`)",
        )
    tied = {
        charset
        for match in matches
        if (match.chaos, match.coherence) == (best.chaos, best.coherence)
        for charset in match.could_be_from_charset
    }
    for encoding in _TIE_PREFERENCE:
        if encoding == best.encoding:
            break
        if encoding in tied:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    return str(best), best.encoding
