/**
 * Sentence splitting and verbal-form detection for requirement extraction.
 * Deliberately heuristic: standards prose is regular enough that a period,
 * question or exclamation mark followed by whitespace and a character that is
 * not a lowercase letter ends a sentence, unless the word before it is a known
 * abbreviation. Decimal numbers ("0.5 m", "5.2.1") never split because no
 * whitespace follows their inner periods.
 */

export type Obligation = 'SHALL' | 'SHOULD' | 'MAY';

// Abbreviations that are often followed by a capital or a digit ("e.g. ISO",
// "No. 5"). Those followed by lowercase words need no entry, and "etc." is
// left out on purpose because it usually ends a sentence.
const ABBREVIATIONS = new Set([
  'e.g.', 'i.e.', 'cf.', 'vs.', 'viz.', 'no.', 'nos.', 'fig.', 'figs.', 'ref.', 'refs.',
  'sect.', 'sec.', 'cl.', 'para.', 'vol.', 'pp.', 'p.', 'ed.', 'eds.', 'approx.', 'incl.', 'max.',
  'min.', 'dr.', 'mr.', 'mrs.', 'ms.', 'prof.', 'st.', 'al.', 'art.', 'tab.', 'eq.', 'resp.',
  'ca.', 'corr.', 'amd.', 'rev.', 'doc.', 'std.', 'int.', 'nat.',
]);

/** A pinned requirement key as the author writes it: `{#KEY}`. */
export const PIN_SOURCE = String.raw`\{#([A-Za-z0-9._-]+)\}`;
const LEADING_PIN = new RegExp(String.raw`^${PIN_SOURCE}(?=\s|$)`);
// No leading \s*: on a long run of spaces that would backtrack quadratically.
const TRAILING_PIN = new RegExp(String.raw`${PIN_SOURCE}(?:\s*([.!?]))?$`);

// Sentence-final punctuation, optionally followed by closing quotes or brackets.
const TERMINATOR = /[.!?]+["'’”)\]]*/g;

export interface SentenceSpan {
  start: number;
  end: number;
}

/** Splits text into sentence spans (trimmed of surrounding whitespace). */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = skipSpace(text, 0);
  TERMINATOR.lastIndex = 0;
  for (let m = TERMINATOR.exec(text); m !== null; m = TERMINATOR.exec(text)) {
    let end = m.index + m[0].length;
    const next = skipSpace(text, end);
    if (next === end && end < text.length) continue; // "5.2.1", "e.g" mid-token
    if (next < text.length && /\p{Ll}/u.test(text[next])) continue; // "e.g. the", "approx. five"
    if (m[0].startsWith('.') && ABBREVIATIONS.has(wordBefore(text, m.index + 1))) continue;
    // A pin written after the period ("... data. {#TRK-1}") belongs to this sentence.
    const pin = LEADING_PIN.exec(text.slice(next));
    if (pin) end = next + pin[0].length;
    if (end > start) spans.push({ start, end });
    start = skipSpace(text, end);
    TERMINATOR.lastIndex = start;
  }
  const tailEnd = trimEnd(text);
  if (tailEnd > start) spans.push({ start, end: tailEnd });
  return spans;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

function trimEnd(text: string): number {
  let i = text.length;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}

/** The whitespace-delimited word ending at `end`, lowercased, without leading brackets or quotes. */
function wordBefore(text: string, end: number): string {
  let i = end;
  while (i > 0 && !/\s/.test(text[i - 1])) i--;
  return text.slice(i, end).replace(/^[("'‘“[]+/, '').toLowerCase();
}

/** Removes a trailing `{#KEY}` (before or after the final period) and returns the key. */
export function stripPin(sentence: string): { text: string; key: string | null } {
  const trimmed = sentence.trimEnd();
  const m = TRAILING_PIN.exec(trimmed);
  if (!m) return { text: sentence, key: null };
  return { text: trimmed.slice(0, m.index).trimEnd() + (m[2] ?? ''), key: m[1] };
}

const VERBAL_FORM = /\b(shall|should|may)\b/gi;
const STRENGTH: Record<Obligation, number> = { SHALL: 3, SHOULD: 2, MAY: 1 };

/**
 * The strongest ISO/IEC Directives verbal form in a sentence, or null.
 * "shall not" is a prohibition and so SHALL; "should not" is SHOULD and
 * "may not"/"need not" are not told apart from "may": we match words, not
 * grammar. The month "May" is skipped when a day or year is next to it.
 */
export function detectObligation(sentence: string): Obligation | null {
  let best: Obligation | null = null;
  VERBAL_FORM.lastIndex = 0;
  for (let m = VERBAL_FORM.exec(sentence); m !== null; m = VERBAL_FORM.exec(sentence)) {
    if (m[1] === 'May' && isMonth(sentence, m.index, m.index + 3)) continue;
    const form = m[1].toUpperCase() as Obligation;
    if (best === null || STRENGTH[form] > STRENGTH[best]) best = form;
  }
  return best;
}

/** "May" with whitespace and then a digit on either side ("3 May", "May 2024"); scans only the neighbouring spaces. */
function isMonth(sentence: string, start: number, end: number): boolean {
  let after = end;
  while (after < sentence.length && /\s/.test(sentence[after])) after++;
  let before = start;
  while (before > 0 && /\s/.test(sentence[before - 1])) before--;
  return (after > end && /\d/.test(sentence[after] ?? '')) || (before < start && /\d/.test(sentence[before - 1] ?? ''));
}

/** Whitespace collapsed to single spaces, trimmed. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
