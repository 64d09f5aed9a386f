"""eventledger: turn news reports into an auditable record of conflict events."""

from eventledger.models import (
    Actor,
    Article,
    Claim,
    Contradiction,
    Count,
    Event,
    Evidence,
    Extraction,
    Place,
    Review,
)

__version__ = "0.1.0"
__all__ = [
    "Actor", "Article", "Claim", "Contradiction", "Count", "Event", "Evidence", "Extraction", "Place",
    "Review",
]
