import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Nation', { description: 'An Allied nation. code is ISO 3166-1 alpha-3, e.g. FRA.' })
export class NationModel {
  @Field(() => ID, { description: 'ISO 3166-1 alpha-3 code, e.g. FRA.' }) code: string;
  @Field({ description: 'The nation\'s name in English.' }) name: string;
}
