// The overview: headline figures, filters, map, timeline, the event table with pagination, and exports.
// The whole state lives in the URL hash (#/?country=Iraq&page=2), so any view can be bookmarked or linked.

import { FILTER_KEYS, allEvents, api, errorText } from "./api.js";
import { EVENT_TYPES, typeColor } from "./colors.js";
import { announce, append, clear, fmtDate, fmtFatalities, fmtInt, h } from "./dom.js";
import { EventMap } from "./map.js";
import { renderTimeline } from "./timeline.js";

const PAGE_SIZES = [25, 50, 100];
const MAP_CAP = 2000;

export function filtersFrom(params) {
  const filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

export function overviewHash(filters, page = 1, size = PAGE_SIZES[0]) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]);
  if (page > 1) params.set("page", String(page));
  if (size !== PAGE_SIZES[0]) params.set("size", String(size));
  const qs = params.toString();
  return qs ? `#/?${qs}` : "#/";
}

function field(label, input, hint) {
  return h("div", { class: "field" }, h("label", { for: input.id }, label), input,
    hint ? h("small", { class: "hint" }, hint) : null);
}

export class Overview {
  constructor(root) {
    this.root = root;
    this.filters = {};
    this.page = 1;
    this.size = PAGE_SIZES[0];
    this.loadedKey = null;
    this.token = 0;
    this.countries = new Set();
    this.types = new Set(EVENT_TYPES);
    this.build();
  }

  build() {
    const input = (id, attrs = {}) => h("input", { id: `f-${id}`, name: id, ...attrs });
    this.form = h("form", { class: "filters", role: "search", "aria-label": "Filter events" },
      h("h2", {}, "Filters"),
      h("div", { class: "field-row" },
        field("From", input("since", { type: "date" })),
        field("To", input("until", { type: "date" }))),
      field("Country", input("country", { type: "text", list: "country-list", autocomplete: "off",
        placeholder: "e.g. Syria or SY" })),
      h("datalist", { id: "country-list" }),
      field("Event type", h("select", { id: "f-event_type", name: "event_type" })),
      field("Actor", input("actor", { type: "text", placeholder: "part of a name" })),
      field("Min. fatalities", input("min_fatalities", { type: "number", min: "0", step: "1", inputmode: "numeric" })),
      field("Text", input("q", { type: "search", placeholder: "notes, place, actors" })),
      field("Review status", h("select", { id: "f-review_status", name: "review_status" },
        h("option", { value: "" }, "Any"),
        ["accepted", "edited", "rejected"].map((s) => h("option", { value: s }, s)))),
      h("div", { class: "form-actions" },
        h("button", { type: "submit", class: "primary" }, "Apply"),
        h("button", { type: "button", onclick: () => this.navigate({}, 1) }, "Reset")),
      h("p", { class: "hint" }, "Tip: click a bar in the timeline to filter to its dates; Shift+click extends."));
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.navigate(this.readForm(), 1);
    });
    this.form.addEventListener("change", (e) => {
      if (e.target.matches("select, input[type=date], input[type=number]")) this.navigate(this.readForm(), 1);
    });

    this.statsEl = h("section", { class: "stats", "aria-label": "Totals in the store" });
    this.mapEl = h("div", { id: "map", class: "map", role: "region", "aria-label": "Map of the filtered events" });
    this.mapNote = h("span", { "aria-live": "polite" });
    this.areaButton = h("button", { type: "button", class: "link", onclick: () => this.limitToView() },
      "Only events in this map view");
    this.areaClear = h("button", { type: "button", class: "link", hidden: true,
      onclick: () => this.navigate({ ...this.filters, bbox: "" }, 1) }, "Clear map area");
    this.timelineEl = h("div", { id: "timeline", class: "timeline" });
    this.timelineNote = h("span", { class: "muted" });
    this.clearDates = h("button", { type: "button", class: "link", hidden: true,
      onclick: () => this.navigate({ ...this.filters, since: "", until: "" }, 1) }, "Clear dates");
    this.summary = h("p", { class: "summary", "aria-live": "polite", id: "result-summary" });
    this.tableBody = h("tbody");
    this.pager = h("nav", { class: "pager", "aria-label": "Pages" });
    this.exports = h("div", { class: "exports" });
    this.error = h("div", { class: "error", role: "alert", hidden: true });

    this.root.append(
      this.statsEl,
      this.error,
      h("div", { class: "overview-grid" },
        this.form,
        h("div", { class: "viz" },
          h("section", { class: "card map-card", "aria-labelledby": "map-h" },
            h("h2", { id: "map-h", class: "sr-only" }, "Map"), this.mapEl,
            h("div", { class: "map-note muted" }, this.mapNote, this.areaButton, this.areaClear)),
          h("section", { class: "card timeline-card", "aria-labelledby": "timeline-h" },
            h("div", { class: "card-head" }, h("h2", { id: "timeline-h" }, "Timeline"), this.timelineNote,
              this.clearDates),
            this.timelineEl))),
      h("section", { class: "card list-card", "aria-labelledby": "list-h" },
        h("div", { class: "card-head" }, h("h2", { id: "list-h" }, "Events"), this.summary, this.exports),
        h("div", { class: "table-wrap" },
          h("table", { class: "events", id: "events-table" },
            h("caption", { class: "sr-only" }, "Events matching the filters, newest first"),
            h("thead", {}, h("tr", {}, ["Date", "Type", "Place", "Actors", "Fatalities", "Sources", "Status"]
              .map((c) => h("th", { scope: "col", class: `col-${c.toLowerCase()}` }, c)))),
            this.tableBody)),
        this.pager));
    this.map = new EventMap(this.mapEl);
    this.map.basemapReady.catch((err) => this.showError(`The basemap could not be loaded: ${err.message}`));
    let resizeTimer;
    window.addEventListener("resize", () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => this.drawTimeline(), 150);
    });
  }

  limitToView() {
    const b = this.map.map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v)).toFixed(3);
    const bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180),
      clamp(b.getNorth(), -90, 90)].join(",");
    this.navigate({ ...this.filters, bbox }, 1);
  }

  readForm() {
    const data = new FormData(this.form);
    const filters = {};
    for (const key of FILTER_KEYS) {
      const value = data.get(key);
      if (value !== null && String(value).trim() !== "") filters[key] = String(value).trim();
    }
    // Hidden filters that the form does not show (admin1, label, bbox) survive form edits.
    for (const key of ["admin1", "label", "bbox"]) if (this.filters[key]) filters[key] = this.filters[key];
    return filters;
  }

  navigate(filters, page = this.page, size = this.size) {
    const hash = overviewHash(filters, page, size);
    if (location.hash === hash || (hash === "#/" && !location.hash)) this.show(new URLSearchParams(hash.slice(3)));
    else location.hash = hash;
  }

  fillForm() {
    const select = this.form.elements.event_type;
    const current = this.filters.event_type || "";
    if (current) this.types.add(current);
    append(clear(select), [h("option", { value: "" }, "All types"),
      [...this.types].sort().map((t) => h("option", { value: t }, t))]);
    for (const key of FILTER_KEYS) {
      const el = this.form.elements[key];
      if (el) el.value = this.filters[key] || "";
    }
    const list = this.root.querySelector("#country-list");
    append(clear(list), [...this.countries].sort().map((c) => h("option", { value: c })));
  }

  async show(params) {
    this.filters = filtersFrom(params);
    this.page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
    const size = parseInt(params.get("size") || "", 10);
    this.size = size >= 1 && size <= 500 ? size : PAGE_SIZES[0];  // the API serves at most 500 a page
    this.fillForm();
    this.renderExports();
    this.map.invalidate();
    const token = ++this.token;
    this.error.hidden = true;
    const key = JSON.stringify(this.filters);
    const tasks = [this.loadStats(token), this.loadPage(token)];
    if (key !== this.loadedKey) tasks.push(this.loadViz(token, key));
    this.root.dataset.loading = "true";  // tests and assistive tech can tell when the view is settled
    this.root.setAttribute("aria-busy", "true");
    await Promise.all(tasks);
    if (token === this.token) {
      delete this.root.dataset.loading;
      this.root.removeAttribute("aria-busy");
    }
  }

  showError(message) {
    this.error.textContent = message;
    this.error.hidden = false;
  }

  async loadStats(token) {
    try {
      const s = await api.stats();
      if (token !== this.token) return;
      for (const t of Object.keys(s.by_type || {})) if (t !== "unknown") this.types.add(t);
      this.fillForm();
      const span = s.first_date ? `${fmtDate(s.first_date)} – ${fmtDate(s.last_date)}` : "–";
      const card = (label, value, id) => h("div", { class: "stat", dataset: { stat: id } },
        h("span", { class: "stat-value" }, value), h("span", { class: "stat-label" }, label));
      clear(this.statsEl).append(
        card("events", fmtInt(s.events), "events"),
        card("articles", fmtInt(s.articles), "articles"),
        card("events with several sources", fmtInt(s.events_with_several_sources), "events_with_several_sources"),
        card("contradictions", fmtInt(s.contradictions), "contradictions"),
        card("fatalities", fmtInt(s.fatalities), "fatalities"),
        card("period", span, "period"));
    } catch (err) {
      this.showError(`Could not load the totals: ${errorText(err)}`);
    }
  }

  async loadViz(token, key) {
    const { since, until, ...undated } = this.filters;
    try {
      const [mapped, timeline] = await Promise.all([
        allEvents(this.filters, MAP_CAP),
        since || until ? allEvents(undated, MAP_CAP) : null,
      ]);
      if (token !== this.token) return;
      this.loadedKey = key;
      const all = timeline || mapped;
      for (const ev of all.items) {
        if (ev.place && ev.place.country) this.countries.add(ev.place.country);
        if (ev.event_type) this.types.add(ev.event_type);
      }
      this.fillForm();
      const { placed, unplaced } = this.map.setEvents(mapped.items, { refit: true });
      const capped = mapped.total > mapped.items.length
        ? ` Only the newest ${fmtInt(mapped.items.length)} of ${fmtInt(mapped.total)} are drawn.` : "";
      this.mapNote.textContent = `${fmtInt(placed)} event${placed === 1 ? "" : "s"} on the map` +
        (unplaced ? `, ${fmtInt(unplaced)} without coordinates.` : ".") + capped;
      this.timelineDates = all.items.map((ev) => ev.event_date);
      this.timelineNote.textContent = since || until
        ? `selected ${since ? fmtDate(since) : "…"} – ${until ? fmtDate(until) : "…"}` : "";
      this.clearDates.hidden = !(since || until);
      this.areaClear.hidden = !this.filters.bbox;
      this.areaButton.hidden = Boolean(this.filters.bbox);
      this.drawTimeline();
    } catch (err) {
      if (token === this.token) this.showError(`Could not load the events for the map: ${errorText(err)}`);
    }
  }

  drawTimeline() {
    if (!this.timelineDates || this.root.closest("[hidden]")) return;
    renderTimeline(this.timelineEl, this.timelineDates, {
      since: this.filters.since,
      until: this.filters.until,
      onSelect: (since, until) => this.navigate({ ...this.filters, since, until }, 1),
    });
  }

  async loadPage(token) {
    const offset = (this.page - 1) * this.size;
    let page;
    try {
      page = await api.events(this.filters, this.size, offset);
    } catch (err) {
      if (token === this.token) this.showError(`Could not load the events: ${errorText(err)}`);
      return;
    }
    if (token !== this.token) return;
    clear(this.tableBody);
    if (!page.items.length) {
      const emptyStore = !Object.keys(this.filters).length;
      this.tableBody.append(h("tr", {}, h("td", { colspan: "7", class: "empty" },
        page.total ? "No events on this page."
          : emptyStore ? ["The store holds no events yet. Add some with ", h("code", {}, "eventledger ingest FILE"),
            " or ", h("code", {}, "eventledger demo"), "."]
            : "No events match these filters.")));
    }
    for (const ev of page.items) this.tableBody.append(this.row(ev));
    // The event page steps through this list (previous / next) without going back to it.
    window.eventList = page.items.map((ev) => ev.id);
    const first = page.total ? offset + 1 : 0;
    const last = offset + page.items.length;
    this.summary.textContent = `${fmtInt(page.total)} event${page.total === 1 ? "" : "s"} match` +
      (page.total ? ` · showing ${fmtInt(first)}–${fmtInt(last)}` : "");
    this.summary.dataset.total = String(page.total);
    this.renderPager(page.total);
    announce(this.summary.textContent);
  }

  row(ev) {
    const place = ev.place || {};
    const link = `#/event/${encodeURIComponent(ev.id)}`;
    const actors = [ev.actor1, ev.actor2].filter(Boolean).map((a) => a.name);
    const nContra = (ev.contradictions || []).length;
    return h("tr", { dataset: { eventId: ev.id } },
      h("td", { class: "col-date" }, h("a", { href: link }, fmtDate(ev.event_date))),
      h("td", {},
        h("span", { class: "dot", style: `background:${typeColor(ev.event_type)}`, "aria-hidden": "true" }),
        h("span", { class: "type" }, ev.event_type || ev.label || "–"),
        ev.sub_event_type ? h("div", { class: "sub muted" }, ev.sub_event_type) : null),
      h("td", {}, place.name || "–",
        (place.admin1 || place.country) ? h("div", { class: "sub muted" },
          [place.admin1 !== place.name ? place.admin1 : null, place.country].filter(Boolean).join(", ")) : null),
      h("td", { class: "col-actors" }, actors.length ? actors.join(" vs ") : "–"),
      h("td", { class: "num" }, fmtFatalities(ev.fatalities, ev.fatalities_bound),
        nContra ? h("span", { class: "flag", title: `${nContra} contradiction${nContra === 1 ? "" : "s"} between sources` },
          h("span", { "aria-hidden": "true" }, " ⚠"), h("span", { class: "sr-only" }, ` (${nContra} contradictions)`)) : null),
      h("td", { class: "num" }, String(ev.n_sources ?? (ev.article_ids || []).length)),
      h("td", {}, statusBadge(ev.review_status)));
  }

  renderPager(total) {
    const pages = Math.max(1, Math.ceil(total / this.size));
    const go = (p) => this.navigate(this.filters, p, this.size);
    clear(this.pager).append(
      h("button", { type: "button", disabled: this.page <= 1, onclick: () => go(this.page - 1) }, "← Previous"),
      h("span", { class: "page-no" }, `Page ${this.page} of ${pages}`),
      h("button", { type: "button", disabled: this.page >= pages, onclick: () => go(this.page + 1) }, "Next →"),
      h("label", { class: "page-size" }, "Per page ",
        h("select", { onchange: (e) => this.navigate(this.filters, 1, Number(e.target.value)) },
          [...new Set([...PAGE_SIZES, this.size])].sort((a, b) => a - b)
            .map((n) => h("option", { value: String(n), selected: n === this.size }, String(n))))));
  }

  renderExports() {
    const link = (label, href, title) => h("a", { class: "button", href, download: "", title }, label);
    clear(this.exports).append(
      h("span", { class: "muted" }, "Export:"),
      link("ACLED CSV", api.exportUrl("acled-csv", this.filters), "The filtered events as ACLED-style CSV"),
      link("GeoJSON", api.exportUrl("geojson", this.filters), "The filtered events as GeoJSON points"),
      link("JSON", api.exportUrl("json", this.filters), "The filtered events with all their evidence"),
      link("Gold reviews", api.reviewsExportUrl(), "Every analyst review as JSON Lines"));
  }
}

export function statusBadge(status) {
  return h("span", { class: `badge status-${status || "unreviewed"}` }, status || "unreviewed");
}
