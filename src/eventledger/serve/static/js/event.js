// The event page: every field of the record, each article with its evidence highlighted, the sources and their
// claims, the contradictions between sources, the merge log, and the analyst's review form.

import { api, errorText, taxonomy } from "./api.js";
import { typeColor } from "./colors.js";
import { announce, clear, fmtDate, fmtDateTime, fmtFatalities, h } from "./dom.js";
import { FIELD_LABELS, collectSpans, highlight, spansForArticle } from "./highlight.js";
import { statusBadge } from "./overview.js";

const PRECISION = { 1: "exact day", 2: "week / approximate", 3: "month or longer" };
const GEO_PRECISION = { 1: "town", 2: "near or part of a region", 3: "region only" };

// The fields an analyst can correct from this page: [changes key, label, input type, read from the event].
const EDITABLE = [
  ["fatalities", "Fatalities", "number", (e) => e.fatalities],
  ["event_type", "Event type", "type", (e) => e.event_type],
  ["sub_event_type", "Sub-event type", "subtype", (e) => e.sub_event_type],
  ["event_date", "Event date", "date", (e) => e.event_date],
  ["actor1.name", "Actor 1", "text", (e) => e.actor1 && e.actor1.name],
  ["actor2.name", "Actor 2", "text", (e) => e.actor2 && e.actor2.name],
  ["place.name", "Place", "text", (e) => e.place && e.place.name],
  ["notes", "Notes", "textarea", (e) => e.notes],
];

function dl(rows) {
  return h("dl", { class: "fields" }, rows.filter(([, v]) => v !== null && v !== undefined && v !== "" &&
    !(Array.isArray(v) && !v.length)).map(([k, v]) => [h("dt", {}, k), h("dd", {}, Array.isArray(v) ? v.join(", ") : v)]));
}

function actorRows(label, actor) {
  if (!actor) return [[label, "–"]];
  const extra = [actor.inter !== null && actor.inter !== undefined ? `inter ${actor.inter}` : null,
    actor.mention && actor.mention !== actor.name ? `as written: “${actor.mention}”` : null,
    actor.country].filter(Boolean);
  return [[label, h("span", {}, h("strong", {}, actor.name), extra.length ? ` (${extra.join("; ")})` : "")]];
}

function section(id, title, ...children) {
  return h("section", { class: "card", id, "aria-labelledby": `${id}-h` }, h("h2", { id: `${id}-h` }, title), children);
}

export class EventPage {
  constructor(root) {
    this.root = root;
    this.token = 0;
    document.addEventListener("keydown", (event) => this.onKey(event));
  }

  async show(id, { message } = {}) {
    const token = ++this.token;
    clear(this.root).append(h("p", { class: "muted" }, "Loading event…"));
    let data;
    try {
      [data, this.taxonomy] = await Promise.all([api.event(id), taxonomy().catch(() => ({}))]);
    } catch (err) {
      if (token !== this.token) return;
      clear(this.root).append(
        h("p", {}, h("a", { href: window.lastOverviewHash || "#/" }, "← All events")),
        h("div", { class: "error", role: "alert" },
          err.status === 404 ? `There is no event with id “${id}”.` : `Could not load the event: ${errorText(err)}`));
      return;
    }
    if (token !== this.token) return;
    this.data = data;
    this.render(message);
  }

  render(message) {
    const { event: ev, articles = [], reviews = [], review_status: status } = this.data;
    const place = ev.place || {};
    document.title = `${ev.sub_event_type || ev.event_type || "Event"} · ${place.name || ""} · eventledger`;
    clear(this.root).append(
      this.listNav(ev.id),
      h("header", { class: "event-head card" },
        h("div", { class: "event-title" },
          h("span", { class: "dot big", style: `background:${typeColor(ev.event_type)}`, "aria-hidden": "true" }),
          h("h1", { id: "event-title", tabindex: "-1" },
            ev.sub_event_type || ev.event_type || ev.label || "Event", place.name ? ` in ${place.name}` : "")),
        h("p", { class: "event-sub" },
          h("span", {}, fmtDate(ev.event_date), ev.end_date && ev.end_date !== ev.event_date ? ` – ${fmtDate(ev.end_date)}` : ""),
          h("span", {}, [place.admin1, place.country].filter(Boolean).join(", ") || "place unknown"),
          h("span", {}, "Fatalities: ", h("strong", { id: "headline-fatalities" }, fmtFatalities(ev.fatalities, ev.fatalities_bound))),
          h("span", {}, `${(ev.article_ids || []).length || articles.length} article(s), ${(ev.sources || []).length} source(s)`),
          h("span", { id: "review-status", "aria-live": "polite" }, "Review: ", statusBadge(status))),
        ev.notes ? h("p", { class: "notes" }, ev.notes) : null),
      h("div", { class: "event-grid" },
        h("div", { class: "event-main" },
          this.contradictions(ev),
          this.articles(ev, articles),
          this.claims(ev, articles)),
        h("div", { class: "event-side" },
          this.review(ev, reviews, message),
          this.record(ev),
          this.counts(ev),
          this.mergeLog(ev))));
    const title = this.root.querySelector("#event-title");
    if (title) title.focus({ preventScroll: true });
  }

  /** "← All events" and, when the event is in the list last shown, links to its neighbours there. */
  listNav(id) {
    const list = window.eventList || [];
    const i = list.indexOf(id);
    const link = (target, label, rel) => h("a", { href: `#/event/${encodeURIComponent(target)}`, rel }, label);
    return h("nav", { class: "back", "aria-label": "Event list" },
      h("a", { href: window.lastOverviewHash || "#/" }, "← All events"),
      i >= 0 ? h("span", { class: "list-pos" },
        i > 0 ? link(list[i - 1], "‹ Previous", "prev") : h("span", { class: "muted" }, "‹ Previous"),
        h("span", { class: "muted" }, `${i + 1} of ${list.length} on this page`),
        i + 1 < list.length ? link(list[i + 1], "Next ›", "next") : h("span", { class: "muted" }, "Next ›"),
        h("span", { class: "muted keys" }, "keys: k / j"))
        : null);
  }

  /** k / j step to the previous / next event of the list, unless the analyst is typing in the form. */
  onKey(event) {
    if (this.root.hidden || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest && event.target.closest("input, textarea, select, [contenteditable]")) return;
    const rel = { j: "next", k: "prev" }[event.key];
    const target = rel && this.root.querySelector(`nav.back a[rel=${rel}]`);
    if (target) {
      event.preventDefault();
      location.hash = target.getAttribute("href");
    }
  }

  record(ev) {
    const place = ev.place || {};
    return section("record", "Record",
      dl([
        ["Event id", h("code", {}, ev.id)],
        ["Type", ev.event_type], ["Sub-event type", ev.sub_event_type], ["Label", ev.label],
        ["Disorder type", ev.disorder_type], ["PLOVER", ev.plover], ["CAMEO", ev.cameo],
        ["Confidence", ev.confidence !== null && ev.confidence !== undefined ? ev.confidence.toFixed(2) : null],
        ["Date", ev.event_date ? fmtDate(ev.event_date) : "unknown"],
        ["End date", ev.end_date && ev.end_date !== ev.event_date ? fmtDate(ev.end_date) : null],
        ["Time precision", ev.time_precision ? `${ev.time_precision} (${PRECISION[ev.time_precision]})` : null],
        ...actorRows("Actor 1", ev.actor1),
        ...actorRows("Actor 2", ev.actor2),
        ...(ev.assoc_actors || []).flatMap((a, i) => actorRows(`Associated actor ${i + 1}`, a)),
        ["Interaction", ev.interaction],
        ["Civilian targeting", ev.civilian_targeting ? "yes" : null],
        ["Place", place.name ? `${place.name}${place.mention && place.mention !== place.name ? ` (as written: “${place.mention}”)` : ""}` : "unknown"],
        ["Admin 1 / 2", [place.admin1, place.admin2].filter(Boolean).join(" / ")],
        ["Country", place.country ? `${place.country}${place.country_code ? ` (${place.country_code})` : ""}` : null],
        ["Region", place.region],
        ["Coordinates", typeof place.latitude === "number" ? `${place.latitude.toFixed(4)}, ${place.longitude.toFixed(4)}` : null],
        ["Geo precision", place.geo_precision ? `${place.geo_precision} (${GEO_PRECISION[place.geo_precision]})` : null],
        ["Place doubtful", place.uncertain ? "yes: the article's only place, read from a word not clearly a place; check the country" : null],
        ["GeoNames id", place.geonameid],
        ["Fatalities", fmtFatalities(ev.fatalities, ev.fatalities_bound) + (ev.fatalities_bound ? ` (${ev.fatalities_bound.replace("_", " ")})` : "")],
        ["Sources", ev.sources],
        ["Tags", ev.tags],
        ["Notes", ev.notes],
      ]));
  }

  counts(ev) {
    const counts = ev.counts || [];
    if (!counts.length) return section("counts", "Counts", h("p", { class: "muted" }, "No counts."));
    const range = (c) => (c.low !== null && c.low !== undefined) || (c.high !== null && c.high !== undefined)
      ? `range ${c.low ?? "…"}–${c.high ?? "…"}` : null;
    return section("counts", "Counts",
      h("ul", { class: "counts" }, counts.map((c) => h("li", { class: c.is_context ? "context" : null, dataset: { kind: c.kind } },
        h("div", { class: "count-head" },
          h("span", { class: "count-kind" }, c.kind),
          h("strong", { class: "count-value" }, fmtFatalities(c.value, c.bound)),
          c.subject ? h("span", {}, c.subject) : null,
          c.is_context ? h("span", { class: "badge" }, "context figure") : null),
        h("div", { class: "sub muted" }, [
          c.text ? `“${c.text}”` : null, c.bound !== "exact" ? c.bound.replace("_", " ") : null, range(c),
          c.source ? `according to ${c.source}` : null,
        ].filter(Boolean).join(" · "))))));
  }

  contradictions(ev) {
    const items = ev.contradictions || [];
    if (!items.length) {
      return section("contradictions", "Contradictions", h("p", { class: "muted" }, "The sources agree (no contradictions recorded)."));
    }
    const box = section("contradictions", `Contradictions (${items.length})`,
      items.map((c) => {
        const claimsById = new Map((ev.claims || []).map((cl) => [cl.id, cl]));
        const rows = c.values.map((value, i) => {
          const claim = claimsById.get((c.claim_ids || [])[i]);
          const chosen = c.chosen !== null && c.chosen !== undefined && String(c.chosen) === String(value);
          return h("tr", { class: chosen ? "chosen" : null },
            h("td", { class: "value" }, value),
            h("td", {}, (c.sources || [])[i] || (claim && claim.source) || "–"),
            h("td", {}, claim ? [claim.verb || claim.strength, claim.statement ? h("div", { class: "muted sub" }, `“${claim.statement}”`) : null] : ""),
            h("td", {}, chosen ? h("span", { class: "badge chosen-badge" }, "shown in the record") : ""));
        });
        return h("div", { class: "contradiction", dataset: { field: c.field } },
          h("h3", {}, h("span", { "aria-hidden": "true" }, "⚠ "), `Sources disagree on ${c.field}`),
          h("div", { class: "table-wrap" }, h("table", { class: "compact" },
            h("thead", {}, h("tr", {}, ["Value", "Source", "Claim", ""].map((t) => h("th", { scope: "col" }, t)))),
            h("tbody", {}, rows))),
          h("p", { class: "decision" },
            c.chosen !== null && c.chosen !== undefined
              ? [h("span", {}, "The record shows "), h("strong", { class: "chosen-value" }, String(c.chosen)),
                c.rule ? [h("span", {}, " — rule: "), h("em", { class: "rule" }, c.rule)] : null]
              : h("span", {}, "No value was chosen: both are kept.")),
          c.note ? h("p", { class: "muted" }, c.note) : null);
      }));
    box.classList.add("alert-card");
    return box;
  }

  claims(ev, articles) {
    const claims = ev.claims || [];
    if (!claims.length) return section("claims", "Sources and claims", h("p", { class: "muted" }, "No attributed claims."));
    const bySource = new Map();
    for (const claim of claims) {
      if (!bySource.has(claim.source)) bySource.set(claim.source, []);
      bySource.get(claim.source).push(claim);
    }
    const titles = new Map(articles.map((a, i) => [a.id, `Article ${i + 1}`]));
    return section("claims", `Sources and claims (${bySource.size} sources, ${claims.length} claims)`,
      [...bySource.entries()].map(([source, list]) => h("div", { class: "source", dataset: { source } },
        h("h3", {}, source, list[0].source_type ? h("span", { class: "badge" }, list[0].source_type.replace("_", " ")) : null),
        h("ul", { class: "claims" }, list.map((claim) => h("li", { class: "claim", dataset: { claimId: claim.id } },
          h("div", { class: "claim-head" },
            h("span", { class: `badge strength-${claim.strength}` }, claim.strength),
            claim.verb ? h("span", { class: "verb" }, `“${claim.verb}”`) : null,
            claim.field ? h("span", { class: "claim-value" }, `${claim.field}: `, h("strong", {}, claim.value ?? "–")) : null,
            claim.article_id && titles.has(claim.article_id)
              ? h("button", { type: "button", class: "link", onclick: () => this.jumpTo(claim) }, `in ${titles.get(claim.article_id)}`)
              : null),
          claim.via && claim.via.length
            ? h("div", { class: "via" }, "Chain: ", [source, ...claim.via].join(" ← ")) : null,
          claim.statement ? h("blockquote", {}, claim.statement) : null))))));
  }

  /** Options for a select: the given values, plus the current one when it is not among them (kept as is). */
  fillOptions(select, values, current) {
    const options = [...values];
    if (current && !options.includes(current)) options.unshift(current);
    clear(select);
    select.append(h("option", { value: "" }, "–"));
    for (const value of options) select.append(h("option", { value }, value));
    select.value = current || "";
  }

  jumpTo(claim) {
    const article = this.root.querySelector(`[data-article-id="${CSS.escape(claim.article_id)}"]`);
    if (!article) return;
    const span = (claim.evidence || [])[0];
    const mark = span ? article.querySelector(`mark[data-field="claim"][data-start="${span.start}"]`) : null;
    (mark || article).scrollIntoView({ behavior: "smooth", block: "center" });
    if (mark) {
      mark.classList.add("flash");
      setTimeout(() => mark.classList.remove("flash"), 1600);
    }
  }

  articles(ev, articles) {
    if (!articles.length) return section("articles", "Articles", h("p", { class: "muted" }, "No article text stored."));
    const spans = collectSpans(ev);
    const fields = [...new Set(spans.map((s) => s.field))];
    const texts = h("div", { class: "article-texts" });
    const legend = h("fieldset", { class: "legend" }, h("legend", {}, "Highlight"),
      fields.map((f) => h("label", { class: "legend-item" },
        h("input", { type: "checkbox", checked: true, onchange: (e) => texts.classList.toggle(`hide-${f}`, !e.target.checked) }),
        h("mark", { dataset: { field: f } }, FIELD_LABELS[f] || f))));
    articles.forEach((article, i) => {
      const mine = spansForArticle(spans, article, articles.length);
      const { fragment, mismatches } = highlight(article.text, mine);
      const body = h("div", { class: "article-text", lang: article.language || "en" }, fragment);
      body.addEventListener("mouseover", (e) => this.hoverSpan(body, e.target, true));
      body.addEventListener("mouseout", (e) => this.hoverSpan(body, e.target, false));
      texts.append(h("article", { class: "article", dataset: { articleId: article.id } },
        h("h3", {}, `Article ${i + 1}: `, article.title || "(untitled)"),
        h("p", { class: "article-meta muted" },
          [article.outlet, article.published ? fmtDate(article.published) : null].filter(Boolean).join(" · "),
          article.url ? [" · ", h("a", { href: article.url, rel: "noopener noreferrer", target: "_blank" }, "original")] : null,
          ` · ${mine.length} evidence span${mine.length === 1 ? "" : "s"}`),
        mismatches.length ? h("p", { class: "warning" },
          `${mismatches.length} span(s) do not match the stored text at their offsets (shown with a dashed outline).`) : null,
        body));
    });
    return section("articles", `Articles and evidence (${articles.length})`, legend, texts);
  }

  hoverSpan(body, target, on) {
    const mark = target.closest && target.closest("mark[data-span]");
    if (!mark) return;
    for (const piece of body.querySelectorAll(`mark[data-span="${mark.dataset.span}"]`)) piece.classList.toggle("hover", on);
  }

  mergeLog(ev) {
    const log = ev.merge_log || [];
    return section("merge-log", "Merge log",
      log.length ? h("ol", { class: "merge-log" }, log.map((line) => h("li", {}, line)))
        : h("p", { class: "muted" }, "Built from a single mention: nothing was merged."));
  }

  review(ev, reviews, message) {
    const status = h("div", { class: "review-result", role: "status", "aria-live": "polite", id: "review-result" });
    if (message) status.append(message);
    const inputs = {};
    const editFields = h("fieldset", { class: "edit-fields", hidden: true },
      h("legend", {}, "Corrections (only changed fields are sent)"),
      EDITABLE.map(([key, label, type, get]) => {
        const id = `edit-${key.replace(".", "-")}`;
        const current = get(ev);
        let input;
        if (type === "textarea") input = h("textarea", { id, name: key, rows: "3" });
        else if (type === "type" || type === "subtype") input = h("select", { id, name: key });
        else input = h("input", { id, name: key, type, ...(type === "number" ? { min: "0", step: "1" } : {}) });
        if (type === "type") this.fillOptions(input, Object.keys(this.taxonomy), current);
        if (type !== "type" && type !== "subtype") input.value = current === null || current === undefined ? "" : String(current);
        input.dataset.original = current === null || current === undefined ? "" : String(current);
        inputs[key] = input;
        return h("div", { class: "field" }, h("label", { for: id }, label), input);
      }));
    // The sub-event types offered follow the chosen event type (ACLED's taxonomy, from taxonomy.json).
    const subtypes = () => (this.taxonomy[inputs.event_type.value] || []).map((c) => c.sub_event_type);
    this.fillOptions(inputs.sub_event_type, subtypes(), ev.sub_event_type);
    inputs.event_type.addEventListener("change", () => {
      const offered = subtypes();
      const keep = offered.includes(inputs.sub_event_type.value) ? inputs.sub_event_type.value : offered[0];
      this.fillOptions(inputs.sub_event_type, offered, keep);
    });
    const reviewer = h("input", { id: "review-reviewer", name: "reviewer", type: "text", autocomplete: "name",
      value: localStorage.getItem("eventledger.reviewer") || "" });
    const note = h("textarea", { id: "review-note", name: "note", rows: "2" });
    const action = (value, label) => h("label", { class: "radio" },
      h("input", { type: "radio", name: "action", value, checked: value === "accept" }), label);
    const submit = h("button", { type: "submit", class: "primary", id: "review-submit" }, "Submit review");
    const form = h("form", { class: "review-form", "aria-label": "Review this event" },
      h("fieldset", { class: "actions" }, h("legend", {}, "Decision"),
        action("accept", "Accept"), action("edit", "Edit"), action("reject", "Reject")),
      editFields,
      h("div", { class: "field" }, h("label", { for: "review-reviewer" }, "Reviewer"), reviewer),
      h("div", { class: "field" }, h("label", { for: "review-note" }, "Note"), note),
      submit);
    form.addEventListener("change", () => {
      const chosen = form.elements.action.value;
      editFields.hidden = chosen !== "edit";
      submit.textContent = { accept: "Accept event", edit: "Save corrections", reject: "Reject event" }[chosen];
    });
    submit.textContent = "Accept event";
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const chosen = form.elements.action.value;
      const changes = {};
      if (chosen === "edit") {
        for (const [key, , type] of EDITABLE) {
          const input = inputs[key];
          if (input.value === input.dataset.original) continue;
          if (type === "number") changes[key] = input.value === "" ? null : Number(input.value);
          else changes[key] = input.value === "" && key !== "notes" ? null : input.value;
        }
        // A new sub-event type brings its short label along, so the record stays consistent.
        if ("sub_event_type" in changes || "event_type" in changes) {
          const cls = (this.taxonomy[inputs.event_type.value] || [])
            .find((c) => c.sub_event_type === inputs.sub_event_type.value);
          if (cls && cls.label !== ev.label) changes.label = cls.label;
        }
        if (!Object.keys(changes).length) {
          clear(status).append(h("span", { class: "error-text" }, "Change at least one field to save an edit."));
          return;
        }
      }
      localStorage.setItem("eventledger.reviewer", reviewer.value.trim());
      submit.disabled = true;
      clear(status).append("Saving…");
      try {
        const stored = await api.review(ev.id, {
          action: chosen, changes, reviewer: reviewer.value.trim() || null, note: note.value,
        });
        const summary = h("span", { class: "ok-text" },
          `Stored review #${stored.id}: ${stored.action}`,
          stored.reviewer ? ` by ${stored.reviewer}` : "",
          stored.created_at ? `, ${fmtDateTime(stored.created_at)}` : "",
          Object.keys(stored.changes || {}).length
            ? ` — ${Object.entries(stored.changes).map(([k, v]) => `${k} = ${v}`).join(", ")}` : "");
        announce(summary.textContent);
        await this.show(ev.id, { message: summary });
      } catch (err) {
        submit.disabled = false;
        clear(status).append(h("span", { class: "error-text" }, `Not stored: ${errorText(err)}`));
      }
    });
    const history = reviews.length
      ? h("ol", { class: "review-history" }, reviews.map((r) => h("li", {},
        h("span", { class: `badge status-${{ accept: "accepted", edit: "edited", reject: "rejected" }[r.action]}` }, r.action),
        ` ${r.reviewer || "anonymous"}, ${fmtDateTime(r.created_at)}`,
        Object.keys(r.changes || {}).length ? h("div", { class: "sub" },
          Object.entries(r.changes).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join("; ")) : null,
        r.note ? h("div", { class: "sub muted" }, `“${r.note}”`) : null)))
      : h("p", { class: "muted" }, "Not reviewed yet.");
    return section("review", "Review", status, form, h("h3", {}, "History"), history);
  }
}
