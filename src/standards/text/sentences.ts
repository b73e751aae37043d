/**
 * Sentence splitting and verbal-form detection for provision extraction.
 * Deliberately heuristic: standards prose is regular enough that a period,
 * question or exclamation mark followed by whitespace and a character that is
 * not a lowercase letter ends a sentence, unless the word before it is a known
 * abbreviation. Decimal numbers ("0.5 m", "5.2.1") never split because no
 * whitespace follows their inner periods.
 */

/** The verbal form: shall (requirement), should (recommendation), may (permission), can (possibility). */
export type Obligation = 'SHALL' | 'SHOULD' | 'MAY' | 'CAN';
export type ProvisionKind = 'REQUIREMENT' | 'RECOMMENDATION' | 'PERMISSION' | 'POSSIBILITY';
export const KIND_OF: Record<Obligation, ProvisionKind> = {
  SHALL: 'REQUIREMENT',
  SHOULD: 'RECOMMENDATION',
  MAY: 'PERMISSION',
  CAN: 'POSSIBILITY',
};

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

/**
 * The verbal forms of ISO/IEC Directives Part 2 (Tables 3 to 6) with the
 * equivalent expressions the Directives list, each with the form it stands
 * for. "need not" and "it is not required that" are permissions (Table 5),
 * "is not allowed" and its kin say "shall not" (Table 3).
 */
const FORMS: readonly { form: Obligation; pattern: RegExp }[] = [
  { form: 'SHALL', pattern: /\bshall\b/gi },
  { form: 'SHALL', pattern: /\b(?:is|are) (?:not )?to\b/gi },
  { form: 'SHALL', pattern: /\b(?:is|are) required to\b|\bit is required that\b/gi },
  { form: 'SHALL', pattern: /\b(?:has|have) to\b|\bit is necessary\b/gi },
  { form: 'SHALL', pattern: /\b(?:is|are) not (?:allowed|permitted|acceptable|permissible)\b/gi },
  { form: 'SHOULD', pattern: /\bshould\b|\bit is (?:not )?recommended that\b|\bought (?:not )?to\b/gi },
  { form: 'MAY', pattern: /\bmay\b|\bneed not\b|\bit is not required that\b/gi },
  { form: 'MAY', pattern: /\b(?:is|are) (?:permitted|allowed|permissible)\b/gi },
  { form: 'CAN', pattern: /\bcan(?:not)?\b|\b(?:is|are) (?:un)?able to\b|\bit is (?:not )?possible to\b/gi },
];
const STRENGTH: Record<Obligation, number> = { SHALL: 4, SHOULD: 3, MAY: 2, CAN: 1 };

// "what is to be collected", "the purpose is to": a description, not a requirement.
const NOT_A_REQUIREMENT_BEFORE = /\b(?:what|which|that|who|how|where|when|purpose|aim|objective|goal|intent|intention|idea|task|role)\s+$/i;

/** A drafting error the Directives name: reported as a warning on the version, never refused. */
export interface VerbalFormWarning {
  code: 'MUST' | 'MAY_NOT';
  /** Offset in the sentence. */
  index: number;
}

const MUST = /\bmust\b/gi;
const MAY_NOT = /\bmay not\b/gi;

/**
 * The strongest verbal form in a sentence (SHALL > SHOULD > MAY > CAN), or
 * null, and the drafting errors in it. We match words, not grammar: "shall
 * not" is SHALL, "should not" SHOULD. "must" is not a verbal form of the
 * Directives (it states an external constraint) and "may not" is ambiguous
 * (shall not? need not?), so both are flagged. The month "May" is skipped
 * when a day or year is next to it, and "CAN" in capitals is the acronym.
 */
export function detectVerbalForm(sentence: string): { obligation: Obligation | null; warnings: VerbalFormWarning[] } {
  let best: Obligation | null = null;
  for (const { form, pattern } of FORMS) {
    if (best !== null && STRENGTH[form] <= STRENGTH[best]) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(sentence); m !== null; m = pattern.exec(sentence)) {
      if (m[0] === 'May' && isMonth(sentence, m.index, m.index + 3)) continue;
      if (m[0] === 'CAN' || m[0] === 'CANNOT') continue;
      if (/^(?:is|are) (?:not )?to$/i.test(m[0]) && NOT_A_REQUIREMENT_BEFORE.test(sentence.slice(Math.max(0, m.index - 40), m.index))) continue;
      best = form;
      break;
    }
  }
  const warnings: VerbalFormWarning[] = [];
  for (const [code, pattern] of [['MUST', MUST], ['MAY_NOT', MAY_NOT]] as const) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(sentence); m !== null; m = pattern.exec(sentence)) warnings.push({ code, index: m.index });
  }
  return { obligation: best, warnings };
}

/** The strongest verbal form in a sentence, or null (see detectVerbalForm). */
export function detectObligation(sentence: string): Obligation | null {
  return detectVerbalForm(sentence).obligation;
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
