"""Whether one place lies in another: in that country, province or district, or within some distance of a town.

Works on anything with GeoNames-style fields (a gazetteer `Candidate` while resolving, a stored `Place` while
merging reports), so that both stages follow one rule and state their differences as arguments.
"""

from __future__ import annotations

from typing import Protocol

from eventledger.geo.distance import km


class Located(Protocol):
    country_code: str | None
    admin1: str | None
    admin2: str | None
    feature_code: str | None
    latitude: float | None
    longitude: float | None


def lies_in(inner: Located, outer: Located, *, max_km: float, unknown_distance: bool) -> bool:
    """`inner` is in `outer`: in its country, in its province or district (by their names), or no more than
    `max_km` from it; `unknown_distance` is the answer when a point is missing."""
    if inner.country_code != outer.country_code:
        return False
    code = outer.feature_code or ""
    if code.startswith("PCL"):
        return True
    if code == "ADM1":
        return inner.admin1 == outer.admin1
    if code == "ADM2":
        return inner.admin2 == outer.admin2 and inner.admin1 == outer.admin1
    if None in (inner.latitude, inner.longitude, outer.latitude, outer.longitude):
        return unknown_distance
    return km(inner.latitude, inner.longitude, outer.latitude, outer.longitude) <= max_km
