"""Ingest: text, HTML, RSS/Atom, JSONL files, folders and stdin -> cleaned, checked Articles.

`read_paths` yields `Article`s and `IngestProblem`s (problems are reported, not raised, so a batch goes on);
`read_article`/`read_text` raise `IngestError` for a single unusable input.
"""

from eventledger.ingest.clean import Cleaned, clean_text
from eventledger.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes
from eventledger.ingest.problems import IngestError, IngestProblem
from eventledger.ingest.readers import Reader, read_article, read_paths, read_text, sniff

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Cleaned",
    "IngestError",
    "IngestProblem",
    "Reader",
    "clean_text",
    "decode_bytes",
    "read_article",
    "read_paths",
    "read_text",
    "sniff",
]
