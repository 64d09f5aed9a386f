// Evidence spans -> article text with <mark data-field="..."> elements.
//
// Offsets come from Python, so they count Unicode code points, not the UTF-16 units of a JS string: the text is
// split into code points first. Spans may overlap (a claim sentence contains the trigger, the place, the count):
// the text is cut at every span boundary and each piece is wrapped in one <mark> per span that covers it,
// longest outermost, so the marks always nest properly whatever the overlaps.

import { h } from "./dom.js";

export const FIELD_LABELS = {
  trigger: "Trigger",
  actor1: "Actor 1",
  actor2: "Actor 2",
  assoc_actor: "Associated actor",
  place: "Place",
  date: "Date",
  count: "Counts",
  claim: "Claims",
  sentence: "Event sentences",
};

/** Every evidence span of an event, tagged with the record field it supports and a readable label. */
export function collectSpans(event) {
  const spans = [];
  const add = (ev, field, label) => {
    if (ev && Number.isInteger(ev.start) && Number.isInteger(ev.end) && ev.end > ev.start) {
      spans.push({ ...ev, field, label, detail: ev.field || null });
    }
  };
  add(event.trigger, "trigger", `trigger: ${event.trigger ? event.trigger.text : ""}`);
  for (const ev of event.sentences || []) add(ev, "sentence", "event sentence");
  for (const ev of event.date_evidence || []) add(ev, "date", `date: ${event.event_date || "?"}`);
  for (const [key, field] of [["actor1", "actor1"], ["actor2", "actor2"]]) {
    const actor = event[key];
    for (const ev of (actor && actor.evidence) || []) add(ev, field, `${field}: ${actor.name}`);
  }
  for (const actor of event.assoc_actors || []) {
    for (const ev of actor.evidence || []) add(ev, "assoc_actor", `associated actor: ${actor.name}`);
  }
  for (const ev of (event.place && event.place.evidence) || []) add(ev, "place", `place: ${event.place.name}`);
  for (const count of event.counts || []) {
    const value = count.value === null || count.value === undefined ? "?" : count.value;
    for (const ev of count.evidence || []) add(ev, "count", `${count.kind}: ${value} (${count.bound})`);
  }
  for (const claim of event.claims || []) {
    const label = `claim: ${claim.source}${claim.verb ? ` ${claim.verb}` : ""}` +
      (claim.field ? ` (${claim.field}${claim.value ? ` = ${claim.value}` : ""})` : "");
    for (const ev of claim.evidence || []) add({ ...ev, article_id: ev.article_id || claim.article_id }, "claim", label);
  }
  // The same span for the same field twice (a sentence listed by two stages) is shown once.
  const seen = new Set();
  return spans.filter((s) => {
    const key = `${s.article_id}|${s.start}|${s.end}|${s.field}|${s.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The spans that belong to one article: those with its article_id; spans without an id belong to it when the
 * event has a single article, or when their text is found at their offsets in this article.
 */
export function spansForArticle(spans, article, nArticles) {
  const chars = Array.from(article.text || "");
  return spans.filter((s) => {
    if (s.article_id) return s.article_id === article.id;
    if (nArticles === 1) return true;
    return typeof s.text === "string" && chars.slice(s.start, s.end).join("") === s.text;
  });
}

/**
 * Render `text` with the spans highlighted into a DocumentFragment.
 * Returns {fragment, mismatches}: spans whose stored text differs from the text at their offsets (stale offsets)
 * are still drawn, but flagged.
 */
export function highlight(text, spans) {
  const chars = Array.from(text || "");
  const n = chars.length;
  const usable = [];
  const mismatches = [];
  spans.forEach((span, index) => {
    const start = Math.max(0, Math.min(n, span.start));
    const end = Math.max(0, Math.min(n, span.end));
    if (end <= start) {
      mismatches.push(span);
      return;
    }
    const actual = chars.slice(start, end).join("");
    const mismatch = typeof span.text === "string" && span.text !== "" && span.text !== actual;
    if (mismatch) mismatches.push(span);
    usable.push({ ...span, start, end, index, mismatch });
  });

  const cuts = new Set([0, n]);
  for (const s of usable) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i += 1) {
    const a = points[i];
    const b = points[i + 1];
    const piece = chars.slice(a, b).join("");
    const covering = usable
      .filter((s) => s.start <= a && s.end >= b)
      .sort((x, y) => (y.end - y.start) - (x.end - x.start) || x.index - y.index);
    let node = document.createTextNode(piece);
    // Innermost (shortest) span first, so the longest ends up outermost.
    for (let k = covering.length - 1; k >= 0; k -= 1) {
      const s = covering[k];
      const mark = h("mark", {
        dataset: { field: s.field, span: String(s.index), start: String(s.start), end: String(s.end) },
        class: s.mismatch ? "mismatch" : null,
        title: s.mismatch ? `${s.label} — stored text differs: “${s.text}”` : s.label,
      });
      if (s.detail && s.detail !== s.field) mark.dataset.detail = s.detail;
      mark.append(node);
      node = mark;
    }
    fragment.append(node);
  }
  return { fragment, mismatches };
}
