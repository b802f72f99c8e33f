// Named moments of a page's start-up (cw.*), recorded once each with the User Timing API: the
// wall bench reads them to say where the time went, and an engineer sees them in the browser's
// performance panel. Recording one costs microseconds.
export function markOnce(name: `cw.${string}`): void {
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}
