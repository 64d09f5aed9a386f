// Hash router: "#/?filters" is the overview, "#/event/<id>" an event page. The overview is built once and kept
// (hidden) while an event is open, so going back keeps the map where it was.

import { EventPage } from "./event.js";
import { Overview } from "./overview.js";

const overviewRoot = document.getElementById("view-overview");
const eventRoot = document.getElementById("view-event");
let overview = null;
const eventPage = new EventPage(eventRoot);
window.lastOverviewHash = "#/";

function route() {
  const hash = location.hash || "#/";
  const match = hash.match(/^#\/event\/(.+)$/);
  if (match) {
    overviewRoot.hidden = true;
    eventRoot.hidden = false;
    window.scrollTo(0, 0);
    eventPage.show(decodeURIComponent(match[1]));
    return;
  }
  if (!hash.startsWith("#/")) return;  // an in-page anchor such as the skip link
  window.lastOverviewHash = hash;
  document.title = "eventledger — conflict events and their evidence";
  eventRoot.hidden = true;
  overviewRoot.hidden = false;
  if (!overview) {
    overview = new Overview(overviewRoot);
    window.dashboardMap = overview.map.map;  // the Leaflet map, for the browser console and the tests
  }
  const q = hash.indexOf("?");
  overview.show(new URLSearchParams(q >= 0 ? hash.slice(q + 1) : ""));
}

document.querySelector(".skip").addEventListener("click", (e) => {
  e.preventDefault();
  const target = eventRoot.hidden ? document.getElementById("main") : document.getElementById("event-title");
  (target || document.getElementById("main")).focus();
});
window.addEventListener("hashchange", route);
route();
