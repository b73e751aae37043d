import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayNotEmpty, IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { WEBHOOK_EVENTS, WebhookEvent } from '../webhook-events';

@InputType({ description: 'A webhook to register for an organization.' })
export class RegisterWebhookInput {
  @Field(() => ID, { description: 'The organization the webhook belongs to: a VENDOR registers for its own organization, an ADMIN for any.' })
  @IsUUID('all', { message: 'organizationId must be an organization id' })
  organizationId: string;

  @Field({ description: 'An https URL (http outside production), at most 2048 characters, without credentials.' })
  @IsString() @MaxLength(2048)
  url: string;

  @Field(() => [String], { description: `One or more of ${WEBHOOK_EVENTS.join(', ')}.` })
  @ArrayNotEmpty({ message: 'events must name at least one event' }) @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true, message: `each event must be one of ${WEBHOOK_EVENTS.join(', ')}` })
  events: WebhookEvent[];
}
