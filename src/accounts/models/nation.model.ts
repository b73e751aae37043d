import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Nation', { description: 'An Allied nation. code is ISO 3166-1 alpha-3, e.g. FRA.' })
export class NationModel {
  @Field(() => ID) code: string;
  @Field() name: string;
}
