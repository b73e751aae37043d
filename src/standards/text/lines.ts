/**
 * Lines with their own terminators ("\n", or "\r\n" whose "\r" stays in the
 * line); the last line may have none. Joining the result gives the text back
 * exactly, which merge and diff rely on to preserve line endings.
 */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** splitLines(text).length, without making the lines. */
export function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return text.length > 0 && !text.endsWith('\n') ? count + 1 : count;
}
