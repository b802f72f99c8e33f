// Leaflet takes HTML where we have text: its attribution box sets innerHTML, and a divIcon's
// `html` is markup. An operator's attribution once carried <style> and <meta http-equiv=refresh>
// onto the wall (issue 12, row 4); every string from data or an operator goes through here first.
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
