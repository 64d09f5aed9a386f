// The REST API, as the dashboard uses it. URLs are relative so the app also works under a path prefix.

export const FILTER_KEYS = [
  "since", "until", "country", "admin1", "event_type", "label", "actor", "min_fatalities", "bbox", "q",
  "review_status",
];

export class ApiError extends Error {
  constructor(status, detail) {
    super(typeof detail === "string" ? detail : JSON.stringify(detail));
    this.status = status;
    this.detail = detail;
  }
}

/** Query string from the non-empty filter values (and any extra parameters). */
export function queryString(filters = {}, extra = {}) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== null && String(value).trim() !== "") params.set(key, String(value).trim());
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  return params.toString();
}

async function request(url, options = {}) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" }, ...options });
  } catch (err) {
    throw new ApiError(0, `the server did not answer (${err.message}); is 'eventledger serve' still running?`);
  }
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && body.detail !== undefined ? body.detail : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, detail);
  }
  return body;
}

export function errorText(err) {
  if (!(err instanceof ApiError)) return String(err && err.message ? err.message : err);
  const detail = err.detail;
  if (Array.isArray(detail)) {
    // FastAPI validation errors: [{loc: [...], msg: "..."}]
    return detail.map((d) => `${(d.loc || []).slice(1).join(".") || "request"}: ${d.msg}`).join("; ");
  }
  return typeof detail === "string" ? detail : JSON.stringify(detail);
}

export const api = {
  stats: () => request("api/stats"),
  events: (filters, limit, offset) => request(`api/events?${queryString(filters, { limit, offset })}`),
  event: (id) => request(`api/events/${encodeURIComponent(id)}`),
  review: (id, body) =>
    request(`api/events/${encodeURIComponent(id)}/reviews`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    }),
  exportUrl: (format, filters) => `api/export?${queryString(filters, { format })}`,
  reviewsExportUrl: () => "api/reviews/export",
};

/**
 * Every event matching the filters, up to `cap`, page by page (the map and the timeline need them all).
 * Returns {items, total}: total is the server's count, which can exceed items.length when capped.
 */
export async function allEvents(filters, cap = 2000) {
  let pageSize = 500;
  const items = [];
  let total = 0;
  for (;;) {
    let page;
    try {
      page = await api.events(filters, pageSize, items.length);
    } catch (err) {
      // A server with a lower page-size limit answers 422: ask for smaller pages.
      if (err instanceof ApiError && err.status === 422 && pageSize > 100) {
        pageSize = 100;
        continue;
      }
      throw err;
    }
    total = page.total;
    items.push(...page.items);
    if (!page.items.length || items.length >= total || items.length >= cap) break;
  }
  return { items: items.slice(0, cap), total };
}

let taxonomyPromise = null;

/** ACLED event types -> [{sub_event_type, label, acled}], shipped with the dashboard (see taxonomy.json). */
export function taxonomy() {
  if (!taxonomyPromise) {
    taxonomyPromise = fetch("taxonomy.json").then((r) => {
      if (!r.ok) throw new ApiError(r.status, "taxonomy.json is missing from the dashboard");
      return r.json();
    });
    taxonomyPromise.catch(() => { taxonomyPromise = null; });
  }
  return taxonomyPromise;
}
