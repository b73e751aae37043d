/**
 * Whether a round's title already names its standard ("National review of
 * STANAG 4712"): then the designation is not written a second time beside it
 * ("… STANAG 4712 — STANAG 4712"). Case and spacing aside; "STANAG 47120"
 * does not name "STANAG 4712".
 */
export function namesStandard(title: string, designation: string): boolean {
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  const d = squash(designation);
  if (!d) return true;
  const escaped = d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(squash(title));
}

/** A round as a list names it: "STANAG 4712 · Review", or the title alone when it names the standard. */
export const roundLabel = (title: string, designation: string): string => (namesStandard(title, designation) ? title : `${designation} · ${title}`);
