// Events per day (or week, or month for long spans) as a small hand-written SVG bar chart. Clicking a bar (or
// pressing Enter/Space on it) filters to its date range; Shift extends the current range to that bar.

import { clear, fmtDate, h } from "./dom.js";

const DAY = 86400000;

function parse(iso) {
  return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
}

function iso(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function startOf(ms, unit) {
  const d = new Date(ms);
  if (unit === "week") return ms - ((d.getUTCDay() + 6) % 7) * DAY;  // Monday
  if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return ms;
}

function next(ms, unit) {
  const d = new Date(ms);
  if (unit === "week") return ms + 7 * DAY;
  if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return ms + DAY;
}

/** Bins {start, end (inclusive ISO), count} covering every date, with the unit chosen from the span. */
export function binDates(dates) {
  const times = dates.filter(Boolean).map((d) => parse(d)).filter((t) => !Number.isNaN(t));
  if (!times.length) return { unit: "day", bins: [] };
  const min = Math.min(...times);
  const max = Math.max(...times);
  const span = (max - min) / DAY;
  const unit = span <= 62 ? "day" : span <= 3 * 365 ? "week" : "month";
  const bins = [];
  const index = new Map();
  for (let t = startOf(min, unit); t <= max; t = next(t, unit)) {
    index.set(t, bins.length);
    bins.push({ start: iso(t), end: iso(next(t, unit) - DAY), count: 0 });
  }
  for (const t of times) bins[index.get(startOf(t, unit))].count += 1;
  return { unit, bins };
}

function binLabel(bin, unit) {
  if (unit === "day") return fmtDate(bin.start);
  if (unit === "week") return `Week of ${fmtDate(bin.start)}`;
  return new Date(`${bin.start}T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
}

export function renderTimeline(container, dates, { since, until, onSelect }) {
  clear(container);
  const { unit, bins } = binDates(dates);
  if (!bins.length) {
    container.append(h("p", { class: "muted" }, "No dated events to show."));
    return;
  }
  const width = Math.max(320, container.clientWidth || 600);
  const height = 120;
  const pad = { left: 34, right: 8, top: 10, bottom: 24 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const maxCount = Math.max(...bins.map((b) => b.count));
  const step = plotW / bins.length;
  const barW = Math.max(1, step - Math.min(4, step * 0.2));
  const total = dates.filter(Boolean).length;

  const svg = h("svg:svg", {
    viewBox: `0 0 ${width} ${height}`, width, height, class: "timeline-svg", role: "group",
    "aria-label": `Events per ${unit}: ${total} events from ${fmtDate(bins[0].start)} to ${fmtDate(bins.at(-1).end)}`,
  });
  const yTicks = maxCount <= 1 ? [maxCount] : [Math.ceil(maxCount / 2), maxCount];
  for (const tick of yTicks) {
    const y = pad.top + plotH - (tick / maxCount) * plotH;
    svg.append(h("svg:line", { x1: pad.left, x2: width - pad.right, y1: y, y2: y, class: "grid" }));
    svg.append(h("svg:text", { x: pad.left - 6, y: y + 4, class: "axis", "text-anchor": "end" }, String(tick)));
  }
  svg.append(h("svg:line", {
    x1: pad.left, x2: width - pad.right, y1: pad.top + plotH, y2: pad.top + plotH, class: "baseline",
  }));

  const selected = (bin) => (since || until) && (!since || bin.end >= since) && (!until || bin.start <= until);
  bins.forEach((bin, i) => {
    const x = pad.left + i * step + (step - barW) / 2;
    const barH = bin.count ? Math.max(2, (bin.count / maxCount) * plotH) : 0;
    const label = `${binLabel(bin, unit)}: ${bin.count} event${bin.count === 1 ? "" : "s"}`;
    const activate = (event) => {
      if (event.shiftKey && (since || until)) {
        onSelect(since && since < bin.start ? since : bin.start, until && until > bin.end ? until : bin.end);
      } else {
        onSelect(bin.start, bin.end);
      }
    };
    // A full-height transparent hit area makes short bars easy to click; the visible bar sits inside it.
    const group = h("svg:g", {
      class: `bar${selected(bin) ? " selected" : ""}${bin.count ? "" : " empty"}`,
      tabindex: "0", role: "button", "aria-label": label,
      dataset: { start: bin.start, end: bin.end, count: String(bin.count) },
      onclick: activate,
      onkeydown: (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          activate(event);
        }
      },
    },
    h("svg:title", {}, label),
    h("svg:rect", { x: pad.left + i * step, y: pad.top, width: step, height: plotH, class: "hit" }),
    h("svg:rect", { x, y: pad.top + plotH - barH, width: barW, height: barH, rx: Math.min(2, barW / 3), class: "fill" }));
    svg.append(group);
  });

  // Date labels: first, last and a few in between, spaced so they never overlap.
  const nLabels = Math.max(2, Math.min(bins.length, Math.floor(plotW / 110)));
  const used = new Set();
  for (let k = 0; k < nLabels; k += 1) {
    const i = Math.round((k * (bins.length - 1)) / Math.max(1, nLabels - 1));
    if (used.has(i)) continue;
    used.add(i);
    const x = pad.left + i * step + step / 2;
    const anchor = k === 0 ? "start" : k === nLabels - 1 ? "end" : "middle";
    svg.append(h("svg:text", {
      x: anchor === "start" ? pad.left : anchor === "end" ? width - pad.right : x,
      y: height - 6, class: "axis", "text-anchor": anchor,
    }, unit === "month" ? bins[i].start.slice(0, 7) : fmtDate(bins[i].start)));
  }
  container.append(svg);
  container.dataset.unit = unit;
}
