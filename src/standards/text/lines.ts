/**
 * Lines with their own terminators ("\n", or "\r\n" whose "\r" stays in the
 * line); the last line may have none. Joining the result gives the text back
 * exactly, which merge and diff rely on to preserve line endings.
 */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
