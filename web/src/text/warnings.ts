import { parseDocument } from '../../../src/standards/text/document';
import type { MessageId } from '../i18n';

export interface DraftingWarning {
  line: number;
  message: MessageId;
  values?: Record<string, string>;
}

/**
 * Drafting errors the service would not refuse but a reviewer would flag,
 * from the same parser the service uses (ISO/IEC Directives Part 2 forms).
 */
export function draftingWarnings(text: string): DraftingWarning[] {
  const warnings: DraftingWarning[] = [];
  const doc = parseDocument(text);
  const lines = text.split('\n');
  if (!/^#\s/.test(lines.find((l) => l.trim() !== '') ?? '')) warnings.push({ line: 1, message: 'warning.noTitle' });
  const seen = new Map<string, number>();
  for (const c of doc.clauses) {
    if (c.number && seen.has(c.number)) warnings.push({ line: c.line, message: 'warning.duplicateClause', values: { clause: c.number } });
    seen.set(c.number, c.line);
  }
  const pins = new Map<string, number>();
  lines.forEach((l, i) => {
    for (const m of l.matchAll(/\{#([A-Za-z0-9._-]+)\}/g)) {
      if (pins.has(m[1])) warnings.push({ line: i + 1, message: 'warning.duplicateKey', values: { key: m[1] } });
      pins.set(m[1], i + 1);
    }
    // "must" is not a verbal form of the Directives: a requirement says "shall".
    if (/\bmust\b/i.test(l) && !/^\s*>/.test(l)) warnings.push({ line: i + 1, message: 'warning.must' });
    if (/\b(shall|should)\s+(be\s+)?(able to\s+)?(preferably|normally|ideally)\b/i.test(l)) warnings.push({ line: i + 1, message: 'warning.vague' });
    if (/\b(will)\b/i.test(l) && /^\s*[^#>]/.test(l) && /\b(system|operator|provider|vendor|nation)s?\s+will\b/i.test(l)) warnings.push({ line: i + 1, message: 'warning.will' });
  });
  if (doc.clauses.length > 0 && doc.requirements.length === 0) warnings.push({ line: 1, message: 'warning.noProvisions' });
  return warnings.sort((a, b) => a.line - b.line);
}
