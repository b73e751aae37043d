import { registerEnumType } from '@nestjs/graphql';

/** What happened, as a person is told of it. */
export enum NotificationKind {
  ROUND_OPENED = 'ROUND_OPENED',
  ROUND_REMINDER = 'ROUND_REMINDER',
  BALLOT_OPENED = 'BALLOT_OPENED',
  BALLOT_REMINDER = 'BALLOT_REMINDER',
  BALLOT_CLOSED = 'BALLOT_CLOSED',
  EDITION_PUBLISHED = 'EDITION_PUBLISHED',
  EDITION_SUPERSEDED = 'EDITION_SUPERSEDED',
  STANDARD_CANCELLED = 'STANDARD_CANCELLED',
  COMMENT_DISPOSED = 'COMMENT_DISPOSED',
  CLAIM_STALE = 'CLAIM_STALE',
  NEED_ADDRESSED = 'NEED_ADDRESSED',
  NEED_AMENDED = 'NEED_AMENDED',
  JOIN_REQUEST_WAITING = 'JOIN_REQUEST_WAITING',
}
registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'The kind of event a notification tells of; preferences are set per kind.',
  valuesMap: {
    ROUND_OPENED: { description: "A comment round opened for the recipient's nation; carries its deadline." },
    ROUND_REMINDER: { description: "A comment round closes in 3 days, or 1 day, and the recipient's nation has not submitted." },
    BALLOT_OPENED: { description: "A ratification ballot opened for the recipient's nation; carries its deadline." },
    BALLOT_REMINDER: { description: "A ballot closes in 3 days, or 1 day, and the recipient's nation has not responded." },
    BALLOT_CLOSED: { description: 'A ballot closed with its outcome.' },
    EDITION_PUBLISHED: { description: 'An edition of a standard was published.' },
    EDITION_SUPERSEDED: { description: 'An edition was superseded, by a newer edition or by another standard.' },
    STANDARD_CANCELLED: { description: 'A standard was cancelled.' },
    COMMENT_DISPOSED: { description: "A comment the recipient wrote got a disposition." },
    CLAIM_STALE: { description: "A conformance claim of the recipient's organization became stale: the provision it names changed." },
    NEED_ADDRESSED: { description: 'An interoperability need the recipient supports or follows was addressed by a standard.' },
    NEED_AMENDED: { description: "An interoperability need the recipient's nation supports was amended (its title, statement, mission area or priority): the nation may withdraw its support." },
    JOIN_REQUEST_WAITING: { description: "A provider's request to join waits for the secretariat." },
  },
});

/** How a person wants to hear of one kind of event. */
export enum NotificationChannel {
  IN_APP = 'IN_APP',
  EMAIL = 'EMAIL',
  DIGEST = 'DIGEST',
  OFF = 'OFF',
}
registerEnumType(NotificationChannel, {
  name: 'NotificationChannel',
  description: 'How a person hears of one kind of event.',
  valuesMap: {
    IN_APP: { description: 'In the app only.' },
    EMAIL: { description: 'In the app, and by e-mail at once.' },
    DIGEST: { description: 'In the app, and in the weekly digest e-mail.' },
    OFF: { description: 'Not at all.' },
  },
});

/** A round or ballot opening is e-mailed at once; the rest goes in the app and the weekly digest. */
export function defaultChannel(kind: NotificationKind): NotificationChannel {
  return kind === NotificationKind.ROUND_OPENED || kind === NotificationKind.BALLOT_OPENED ? NotificationChannel.EMAIL : NotificationChannel.DIGEST;
}

export const ALL_KINDS = Object.values(NotificationKind);

/** A moment as mail and notification texts write it: "2026-12-10 14:21 UTC" (the app shows it in the reader's zone too). */
export const utcText = (d: Date | string): string => `${new Date(d).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
