/** The value of an <input type="datetime-local"> for a moment, in the viewer's time zone. */
export function localInput(ms: number): string {
  const d = new Date(ms);
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The moment an <input type="datetime-local"> names, as ISO UTC for the API. */
export const fromLocalInput = (value: string): string => new Date(value).toISOString();
