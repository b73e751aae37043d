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
  @Field({ description: 'e.g. "STANAG 4790 Edition 1".' }) label: string;
  @Field(() => EditionStatus) status: EditionStatus;
  @Field() promulgatedAt: Date;
  @Field({ description: 'sha256 of the Markdown source, lowercase hex.' }) contentHash: string;
  @Field() html: string;
}
