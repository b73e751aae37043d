import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Session', { description: 'A signed-in browser or client: one sign-in, kept alive by its refresh cookie.' })
export class SessionModel {
  @Field(() => ID) id: string;
  @Field() createdAt: Date;
  @Field() lastUsedAt: Date;
  @Field(() => String, { nullable: true }) userAgent: string | null;
  @Field(() => String, { nullable: true, description: 'The client address last seen (behind a proxy, as TRUST_PROXY allows).' })
  ip: string | null;
  @Field({ description: 'True for the session of the access token that asks.' }) current: boolean;
}
