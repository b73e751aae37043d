import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Session', { description: 'A signed-in browser or client: one sign-in, kept alive by its refresh cookie.' })
export class SessionModel {
  @Field(() => ID, { description: 'The session\'s id, for revokeSession.' }) id: string;
  @Field({ description: 'When the person signed in.' }) createdAt: Date;
  @Field({ description: 'When the session was last used.' }) lastUsedAt: Date;
  @Field(() => String, { nullable: true, description: 'The User-Agent header of the client, if it sent one.' }) userAgent: string | null;
  @Field(() => String, { nullable: true, description: 'The client address last seen (behind a proxy, as TRUST_PROXY allows).' })
  ip: string | null;
  @Field({ description: 'True for the session of the access token that asks.' }) current: boolean;
}
