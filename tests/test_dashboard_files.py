"""The dashboard's static files: shipped complete (vendored libraries with their licences), nothing fetched from
the internet, and the taxonomy it offers in the review form is the package's own."""

from __future__ import annotations

import json
import re
from pathlib import Path

from eventledger import taxonomy

STATIC = Path(__file__).resolve().parent.parent / "src" / "eventledger" / "serve" / "static"


def test_vendored_libraries_are_there_with_their_licences():
    vendor = STATIC / "vendor"
    for name in ("leaflet.js", "leaflet.css", "topojson-client.min.js", "countries-50m.json",
                 "LICENSE.leaflet", "LICENSE.topojson-client", "LICENSE.world-atlas", "README.md"):
        assert (vendor / name).stat().st_size > 0, name
    topology = json.loads((vendor / "countries-50m.json").read_text(encoding="utf-8"))
    assert len(topology["objects"]["countries"]["geometries"]) > 200
    assert "npm pack leaflet@1.9.4 world-atlas@2.0.2 topojson-client@3.1.0" in (vendor / "README.md").read_text()


def test_the_dashboard_references_no_remote_resource():
    remote = re.compile(r"""(src|href)\s*=\s*["']\s*(https?:)?//|url\(\s*["']?(https?:)?//""", re.I)
    for path in [STATIC / "index.html", STATIC / "app.css", *(STATIC / "js").glob("*.js")]:
        text = path.read_text(encoding="utf-8")
        assert not remote.search(text), f"{path.name} loads something from another host"
        assert "@import" not in text and "fonts.googleapis" not in text, path.name
        assert "innerHTML" not in text, f"{path.name}: build DOM nodes (text is escaped), not HTML strings"


def taxonomy_json() -> dict[str, list[dict[str, object]]]:
    """What static/taxonomy.json must hold: event type -> its sub-event types with their labels."""
    data: dict[str, list[dict[str, object]]] = {}
    for cls in taxonomy.CLASSES:
        data.setdefault(cls.event_type, []).append(
            {"sub_event_type": cls.sub_event_type, "label": cls.label, "acled": cls.acled})
    return data


def test_taxonomy_json_is_the_package_taxonomy():
    shipped = json.loads((STATIC / "taxonomy.json").read_text(encoding="utf-8"))
    assert shipped == taxonomy_json(), (
        "static/taxonomy.json is out of date with eventledger/taxonomy.py; regenerate it with "
        "`PYTHONPATH=src python tests/test_dashboard_files.py`")


if __name__ == "__main__":
    (STATIC / "taxonomy.json").write_text(json.dumps(taxonomy_json(), indent=1, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
