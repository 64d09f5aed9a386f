// The event map: Leaflet with a vendored world basemap (Natural Earth countries from world-atlas, drawn as a
// GeoJSON layer), so it needs no tile server and no internet.

import { escapeHtml, fmtDate, fmtFatalities, h } from "./dom.js";
import { EVENT_TYPES, OTHER_COLOR, typeColor } from "./colors.js";

const L = window.L;

export function markerRadius(fatalities) {
  const n = Math.max(0, Number(fatalities) || 0);
  return Math.min(24, 4 + 1.6 * Math.sqrt(n));
}

// Zoomed out over a whole region, full-size circles hide each other: shrink them, down to half size (but never
// below a size that can still be seen and clicked).
function zoomScale(zoom) {
  return Math.max(0.5, Math.min(1, (zoom + 1) / 6));
}

function scaledRadius(fatalities, zoom) {
  return Math.max(3.5, markerRadius(fatalities) * zoomScale(zoom));
}

function popupContent(ev) {
  const place = ev.place || {};
  const actors = [ev.actor1 && ev.actor1.name, ev.actor2 && ev.actor2.name].filter(Boolean).join(" vs ");
  return h("div", { class: "popup" },
    h("div", { class: "popup-type" },
      h("span", { class: "dot", style: `background:${typeColor(ev.event_type)}`, "aria-hidden": "true" }),
      ev.sub_event_type || ev.event_type || ev.label || "Event"),
    h("div", {}, fmtDate(ev.event_date), " · ", [place.name, place.country].filter(Boolean).join(", ")),
    actors ? h("div", { class: "popup-actors" }, actors) : null,
    h("div", {}, "Fatalities: ", fmtFatalities(ev.fatalities, ev.fatalities_bound),
      " · Sources: ", String(ev.n_sources ?? (ev.article_ids || []).length)),
    h("a", { href: `#/event/${encodeURIComponent(ev.id)}`, class: "popup-link" }, "Open event page →"));
}

/**
 * Rings that cross the 180th meridian (eastern Russia, Fiji) jump from +180 to -180; on a flat map that draws a
 * stripe across the world. Moving the western half of such a ring by +360 degrees draws it whole, east of 180.
 */
function unwrapAntimeridian(feature) {
  const fixRing = (ring) => {
    const crosses = ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180);
    return crosses ? ring.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat]) : ring;
  };
  const g = feature.geometry;
  if (!g) return feature;
  if (g.type === "Polygon") g.coordinates = g.coordinates.map(fixRing);
  if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map((poly) => poly.map(fixRing));
  return feature;
}

export class EventMap {
  constructor(container) {
    this.map = L.map(container, {
      worldCopyJump: true,
      minZoom: 1,
      maxZoom: 13,
      zoomSnap: 0.5,
      maxBounds: [[-85, -540], [85, 540]],
    });
    this.map.attributionControl.setPrefix("Leaflet");
    this.map.attributionControl.addAttribution("Borders: Natural Earth via world-atlas");
    this.map.setView([25, 20], 2);
    this.map.on("zoomend", () => {
      const zoom = this.map.getZoom();
      this.markers.eachLayer((m) => m.setRadius(scaledRadius(m.fatalities, zoom)));
      this.sizeLegend();
    });
    this.markers = L.featureGroup().addTo(this.map);
    this.fitted = false;
    this.basemapReady = this.loadBasemap();
    this.addLegend();
  }

  async loadBasemap() {
    const response = await fetch("vendor/countries-50m.json");
    if (!response.ok) throw new Error(`basemap: ${response.status}`);
    const topology = await response.json();
    const countries = window.topojson.feature(topology, topology.objects.countries);
    countries.features = countries.features.filter((f) => f.properties.name !== "Antarctica").map(unwrapAntimeridian);
    L.geoJSON(countries, {
      interactive: false,
      className: "country",
      style: { color: "#a8a396", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 },
    }).addTo(this.map);
    this.markers.bringToFront();
  }

  addLegend() {
    const legend = L.control({ position: "bottomright" });
    legend.onAdd = () => {
      // A <details>: open on wide screens, one click away on a phone where it would hide the map.
      const box = h("details", { class: "map-legend", open: window.innerWidth > 700 },
        h("summary", {}, "Legend"),
        h("div", { class: "legend-title" }, "Event type"),
        [...EVENT_TYPES, "Other"].map((type) => h("div", { class: "legend-row" },
          h("span", { class: "dot", style: `background:${type === "Other" ? OTHER_COLOR : typeColor(type)}` }),
          type)),
        h("div", { class: "legend-title" }, "Size: fatalities"),
        h("div", { class: "legend-sizes" }, [1, 10, 100].map((n) => h("span", { class: "legend-size" },
          h("span", { class: "ring", dataset: { n: String(n) } }), String(n)))));
      this.legendBox = box;
      this.sizeLegend();
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    legend.addTo(this.map);
  }

  /** The legend's circles at the size markers have at the current zoom. */
  sizeLegend() {
    if (!this.legendBox) return;
    for (const ring of this.legendBox.querySelectorAll(".ring")) {
      const d = 2 * scaledRadius(Number(ring.dataset.n), this.map.getZoom());
      ring.style.width = `${d}px`;
      ring.style.height = `${d}px`;
    }
  }

  /** Replace the markers; fit the view to them the first time and whenever `refit` is set. */
  setEvents(events, { refit = false } = {}) {
    this.markers.clearLayers();
    let placed = 0;
    const sorted = [...events].sort((a, b) => (b.fatalities || 0) - (a.fatalities || 0));  // small on top
    for (const ev of sorted) {
      const place = ev.place;
      if (!place || typeof place.latitude !== "number" || typeof place.longitude !== "number") continue;
      const color = typeColor(ev.event_type);
      const marker = L.circleMarker([place.latitude, place.longitude], {
        radius: scaledRadius(ev.fatalities, this.map.getZoom()),
        color: "#ffffff",
        weight: 1,
        fillColor: color,
        fillOpacity: 0.8,
        className: "event-marker",
      });
      marker.fatalities = ev.fatalities;
      marker.bindPopup(() => popupContent(ev), { maxWidth: 280 });
      // Leaflet inserts a string tooltip as HTML: the words from the news are escaped first.
      marker.bindTooltip(escapeHtml(`${fmtDate(ev.event_date)} · ${ev.sub_event_type || ev.event_type || ""} · ${place.name}`));
      marker.on("add", () => {
        const el = marker.getElement();
        if (el) el.dataset.eventId = ev.id;
      });
      marker.addTo(this.markers);
      placed += 1;
    }
    if (placed && (refit || !this.fitted)) {
      // No animation: the view is final when the markers are drawn (and screenshots never catch a half zoom).
      this.map.fitBounds(this.markers.getBounds().pad(0.3), { maxZoom: 5, animate: false });
      this.fitted = true;
    }
    return { placed, unplaced: events.length - placed };
  }

  invalidate() {
    this.map.invalidateSize();
  }
}
