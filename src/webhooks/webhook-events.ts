/** The events an organization may subscribe to, and which kinds of organization hear each. */
export const WEBHOOK_EVENTS = ['edition.published', 'claim.stale', 'round.opened', 'ballot.closed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * Which organizations may hear of a standard's events, by the standard's
 * visibility, as standards/visibility.ts says for people: vendors see INDUSTRY
 * and PUBLIC standards, national bodies and the secretariat all of them.
 */
export function kindsFor(visibility: string): string[] {
  return visibility === 'NATIONS' ? ['NATIONAL_BODY', 'SECRETARIAT'] : ['NATIONAL_BODY', 'SECRETARIAT', 'VENDOR'];
}

/**
 * Who hears an event: the organizations of these kinds (rounds and ballots
 * are the nations' business: vendors never hear of them), or one organization.
 */
export type Audience = { kinds: string[] } | { organizationId: string };
