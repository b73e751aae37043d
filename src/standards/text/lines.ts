/**
 * Lines with their own terminators ("\n", or "\r\n" whose "\r" stays in the
 * line); the last line may have none. Joining the result gives the text back
 * exactly, which merge and diff rely on to preserve line endings.
 */
export function splitLines(text: string): string[] {
  // What text.match(/[^\n]*\n|[^\n]+$/g) gives, by indexOf: a regex match per line cost a cold redline more than hashing its blocks.
  const lines: string[] = [];
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
    lines.push(text.slice(start, end + 1));
    start = end + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** splitLines(text).length, without making the lines. */
export function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return text.length > 0 && !text.endsWith('\n') ? count + 1 : count;
}
