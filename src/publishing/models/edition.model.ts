import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EditionStatus } from '../edition.entity';

registerEnumType(EditionStatus, {
  name: 'EditionStatus',
  description: "Whether an edition is the one in force.",
  valuesMap: {
    IN_FORCE: { description: "The current edition of its standard (one per standard)." },
    SUPERSEDED: { description: "Replaced by a later edition; kept readable for the record." },
    CANCELLED: { description: 'Its standard was cancelled after promulgation; kept readable for the record.' },
  },
});

@ObjectType('Edition', { description: 'A published, immutable edition of a standard, with the national responses and reservations of its ballot.' })
export class EditionModel {
  @Field(() => ID, { description: 'The edition\'s id.' }) id: string;
  standardId: string;
  versionId: string;
  ballotId: string;
  publishedById: string;
  @Field(() => Int, { description: '1, 2, 3 … within its standard.' }) number: number;
  @Field({ description: 'e.g. "STANAG 4790 Edition 1", or "ASpP-7 Edition A Version 1" for an Allied Publication.' }) label: string;
  @Field(() => Int, { description: 'Version within the edition: 1 when ratified, 2, 3 … for corrections promulgated without ratification.' })
  versionNumber: number;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD from which the edition is effective; null: effective on receipt.' })
  effectiveDate: string | null;
  @Field(() => String, { nullable: true, description: 'Why this Version 2, 3 … was promulgated without a new ratification; null for Version 1.' })
  correctionReason: string | null;
  @Field(() => EditionStatus, { description: 'IN_FORCE, SUPERSEDED or CANCELLED; the only change an edition ever sees.' }) status: EditionStatus;
  @Field({ description: 'When the secretariat published it, by the database clock.' }) promulgatedAt: Date;
  @Field({ description: 'sha256 of the Markdown source, lowercase hex.' }) contentHash: string;
  @Field({ description: 'The text rendered from Markdown to HTML (raw HTML off, links checked), safe to put in a page.' }) html: string;
}
