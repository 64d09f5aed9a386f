"""ACLED regions by ISO country code (ACLED's own grouping, which differs from the UN's in places)."""

from __future__ import annotations

_REGIONS: dict[str, str] = {
    "Middle East": "AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "Caucasus and Central Asia": "AM AZ GE KG KZ TJ TM UZ",
    "South Asia": "AF BD BT IN LK MV NP PK",
    "Southeast Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Northern Africa": "DZ EG EH LY MA SD TN",
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG",
    "Middle Africa": "AO CD CF CG CM GA GQ ST TD",
    "Eastern Africa": "BI DJ ER ET KE KM MG MU RE RW SC SO SS TZ UG YT",
    "Southern Africa": "BW LS MW MZ NA SZ ZA ZM ZW",
    "Central America": "BZ CR GT HN MX NI PA SV",
    "South America": "AR BO BR CL CO EC FK GF GY PE PY SR UY VE",
    "North America": "BM CA GL PM US",
    "Oceania": "AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU WF WS",
    "Antarctica": "AQ BV GS HM TF",
}
REGION_BY_COUNTRY = {code: region for region, codes in _REGIONS.items() for code in codes.split()}
# GeoNames continent code -> region, for countries not listed above (Europe and the Caribbean).
_BY_CONTINENT = {"EU": "Europe", "NA": "Caribbean", "AF": "Eastern Africa", "AS": "South Asia",
                 "OC": "Oceania", "SA": "South America", "AN": "Antarctica"}


def acled_region(country_code: str | None, continent: str | None = None) -> str | None:
    """ACLED region of a country ('SY' -> 'Middle East'); None if unknown."""
    if not country_code:
        return None
    return REGION_BY_COUNTRY.get(country_code.upper()) or _BY_CONTINENT.get(continent or "")
