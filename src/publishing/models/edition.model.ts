import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EditionStatus } from '../edition.entity';

registerEnumType(EditionStatus, { name: 'EditionStatus' });

@ObjectType('Edition')
export class EditionModel {
  @Field(() => ID) id: string;
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
  @Field(() => EditionStatus) status: EditionStatus;
  @Field() promulgatedAt: Date;
  @Field({ description: 'sha256 of the Markdown source, lowercase hex.' }) contentHash: string;
  @Field() html: string;
}
