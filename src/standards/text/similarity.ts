/**
 * Word-level similarity used to recognise an edited requirement and to pair
 * edited blocks in a redline. Case and punctuation are ignored; numbers with
 * inner dots or hyphens ("0.5", "ISO-8601") stay one word.
 */

const WORD = /[\p{L}\p{N}]+(?:[.,'’_-][\p{L}\p{N}]+)*/gu;

export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/**
 * Sørensen–Dice coefficient over word multisets: 2·|A∩B| / (|A|+|B|).
 * 1 for identical word bags, 0 for nothing in common (or both empty).
 */
export function diceSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const w of a) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of b) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      common++;
      counts.set(w, n - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}
