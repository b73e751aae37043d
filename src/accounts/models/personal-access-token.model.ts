import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('PersonalAccessToken', {
  description: 'A credential for machines (a CI pipeline, a national tool) that acts as its owner, narrowed by its scopes. The secret is shown once, at creation.',
})
export class PersonalAccessTokenModel {
  @Field(() => ID, { description: 'The token\'s id (not its secret).' }) id: string;
  @Field({ description: 'What the owner calls it, 1 to 100 characters.' }) name: string;
  @Field(() => [String], { description: 'What it may be used for: standards:read, conformance:read, conformance:write.' }) scopes: string[];
  @Field({ description: 'The first characters of the secret (ssw_pat_ and six more), to tell which token a log or a leak is about.' }) prefix: string;
  @Field({ description: 'When it was made.' }) createdAt: Date;
  @Field({ description: 'At most one year after creation; the token is refused from then on.' }) expiresAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it was last used, to the minute; null if never.' }) lastUsedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while it is not.' }) revokedAt: Date | null;
}

@ObjectType('CreatedPersonalAccessToken', { description: 'The answer to createPersonalAccessToken: the secret, shown this once, and the token.' })
export class CreatedPersonalAccessTokenModel {
  @Field({ description: 'The secret (ssw_pat_…): send it as "Authorization: Bearer <token>". Only a digest is kept, so it cannot be shown again.' })
  token: string;
  @Field(() => PersonalAccessTokenModel, { description: 'The token as personalAccessTokens lists it.' }) personalAccessToken: PersonalAccessTokenModel;
}
