// One colour per ACLED event type, shared by the map, the legend, the timeline and the table.
export const TYPE_COLORS = {
  "Battles": "#c62828",
  "Explosions/Remote violence": "#ef6c00",
  "Violence against civilians": "#6a1b9a",
  "Protests": "#1565c0",
  "Riots": "#b7950b",
  "Strategic developments": "#2e7d32",
};
export const OTHER_COLOR = "#616161";
export const EVENT_TYPES = Object.keys(TYPE_COLORS);

export function typeColor(type) {
  return TYPE_COLORS[type] || OTHER_COLOR;
}
