import { useT, type MessageId } from '../i18n';
import type { RatificationResponse } from '../graphql/graphql';

export const RESPONSES: RatificationResponse[] = [
  'RATIFIED_IMPLEMENTING',
  'RATIFIED_FUTURE_IMPLEMENTATION',
  'RATIFIED_NOT_IMPLEMENTING',
  'NOT_RATIFYING',
  'NOT_PARTICIPATING',
];
export const RATIFYING: RatificationResponse[] = ['RATIFIED_IMPLEMENTING', 'RATIFIED_FUTURE_IMPLEMENTATION', 'RATIFIED_NOT_IMPLEMENTING'];

export const responseLabel = (r: RatificationResponse): MessageId => `response.${r}` as MessageId;
export const responseMeaning = (r: RatificationResponse): MessageId => `response.${r}.meaning` as MessageId;

/** A nation's position, coloured as Datatracker colours ballot positions; "pending" when not heard. */
export function ResponseBadge({ response }: { response: RatificationResponse | null }) {
  const t = useT();
  const kind = !response ? 'pending' : RATIFYING.includes(response) ? 'yes' : response === 'NOT_RATIFYING' ? 'no' : 'abstain';
  return <span className={`badge position position-${kind}`}>{response ? t(responseLabel(response)) : t('ballot.pending')}</span>;
}

export interface TallyFacts {
  ratifying: number;
  threshold: number;
  thresholdMet: boolean;
  pending: { code: string }[];
  responded: number;
  eligible: number;
}

/** The one line that says what the ballot still needs (UX: the tally explains itself). */
export function tallySentence(t: ReturnType<typeof useT>, tally: TallyFacts, closed: boolean, outcome: string): string {
  if (closed) return outcome === 'PASSED' ? t('tally.passed', { ratifying: tally.ratifying, threshold: tally.threshold }) : t('tally.failed', { ratifying: tally.ratifying, threshold: tally.threshold });
  if (tally.thresholdMet) return t('tally.met', { ratifying: tally.ratifying, threshold: tally.threshold });
  const needed = tally.threshold - tally.ratifying;
  if (needed > tally.pending.length) return t('tally.cannotPass', { needed, pending: tally.pending.length });
  return t('tally.needs', { needed, ratifying: tally.ratifying, threshold: tally.threshold });
}

/** "2 nations reserve on clause 4; 1 on the whole document." */
export function reservationSentence(t: ReturnType<typeof useT>, responses: { reservations: { clause?: string | null }[] }[]): string | null {
  const byClause = new Map<string, number>();
  for (const r of responses) {
    for (const clause of new Set(r.reservations.map((x) => x.clause ?? ''))) byClause.set(clause, (byClause.get(clause) ?? 0) + 1);
  }
  if (!byClause.size) return null;
  return [...byClause.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], undefined, { numeric: true }))
    .map(([clause, n]) => (clause ? t('tally.reserveClause', { n, clause }) : t('tally.reserveWhole', { n })))
    .join('; ');
}

/** Blocking answers first, then the silent, then abstentions, then ratifications (reservations before clean ones). */
export function positionRank(response: RatificationResponse | null, reservations: number): number {
  if (response === 'NOT_RATIFYING') return 0;
  if (!response) return 1;
  if (response === 'NOT_PARTICIPATING') return 2;
  return reservations ? 3 : 4;
}
