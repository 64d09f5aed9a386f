// Small DOM helpers. Every piece of text reaches the page as a text node (or through escapeHtml), never as
// markup: article text, actor names and notes come from the news and may contain anything.

/** Escape text for the rare places that need an HTML string. */
export function escapeHtml(value) {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * Create an element: h("a", {href: "#/", class: "x", onclick: fn, dataset: {id: 1}}, "text", child, [more]).
 * Strings and numbers become text nodes; null, undefined and false are skipped; arrays are flattened.
 */
export function h(tag, attrs = {}, ...children) {
  const el = tag.includes(":")
    ? document.createElementNS("http://www.w3.org/2000/svg", tag.split(":")[1])
    : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "text") el.textContent = value;
    else if (key === "value" && "value" in el) el.value = value;
    else el.setAttribute(key === "className" ? "class" : key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function fmtInt(n) {
  return n === null || n === undefined ? "–" : Number(n).toLocaleString("en-GB");
}

const BOUND_SIGN = { at_least: "≥", more_than: ">", at_most: "≤", less_than: "<", about: "~", vague: "≈" };

/** "≥ 12" for a figure with a bound, "12" for an exact one, "–" for none. */
export function fmtFatalities(n, bound) {
  if (n === null || n === undefined) return "–";
  const sign = BOUND_SIGN[bound] || "";
  return sign ? `${sign} ${fmtInt(n)}` : fmtInt(n);
}

export function fmtDate(iso) {
  if (!iso) return "–";
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

export function fmtDateTime(iso) {
  if (!iso) return "–";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
}

/** Announce a message to screen readers (and keep it for tests). */
export function announce(message) {
  const region = document.getElementById("announce");
  if (region) region.textContent = message;
}
