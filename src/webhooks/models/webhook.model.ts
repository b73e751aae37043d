import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Webhook', { description: "An organization's subscription: events are POSTed to its URL as signed JSON." })
export class WebhookModel {
  @Field(() => ID, { description: 'The webhook\'s id.' }) id: string;
  @Field(() => ID, { description: 'The organization it belongs to, whose ADMIN or VENDOR members manage it.' }) organizationId: string;
  @Field({ description: 'Where deliveries are POSTed: https (http outside production); checked against private addresses at every delivery.' })
  url: string;
  @Field(() => [String], { description: 'Subscribed events: edition.published, claim.stale, round.opened, ballot.closed.' }) events: string[];
  @Field({ description: 'When it was registered.' }) createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'Set when disabled (by its organization, or after repeated failures); nothing is sent meanwhile.' })
  disabledAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it is disabled: by its organization, or after how many failures.' }) disabledReason: string | null;
  @Field(() => Int, { description: 'Failed attempts in a row; reaching WEBHOOK_DISABLE_AFTER_FAILURES disables the webhook.' }) consecutiveFailures: number;
}

@ObjectType('RegisteredWebhook', { description: 'The answer to registerWebhook: the signing secret, shown this once, and the webhook.' })
export class RegisteredWebhookModel {
  @Field({ description: 'whsec_…: the key of the webhook-signature header (Standard Webhooks). Keep it; it is not shown again.' }) secret: string;
  @Field(() => WebhookModel, { description: 'The webhook as webhooks lists it.' }) webhook: WebhookModel;
}

@ObjectType('WebhookDelivery', { description: 'One event for one webhook. Its id is the webhook-id header of every attempt: receivers deduplicate on it.' })
export class WebhookDeliveryModel {
  @Field(() => ID, { description: 'The delivery\'s id: the webhook-id header of every attempt.' }) id: string;
  @Field(() => ID, { description: 'The webhook it is for.' }) webhookId: string;
  @Field({ description: 'The event: edition.published, claim.stale, round.opened or ballot.closed.' }) event: string;
  @Field({ description: 'The data of the event as JSON text, as the body carries it under "data".' }) payload: string;
  @Field({ description: 'When the event happened (the delivery was written with it).' }) createdAt: Date;
  @Field({ description: 'PENDING (to be sent or retried), DELIVERED (a 2xx answer), FAILED (given up after WEBHOOK_MAX_ATTEMPTS).' }) status: string;
  @Field(() => Int, { description: 'Attempts so far (a re-send starts again at 0); at most WEBHOOK_MAX_ATTEMPTS.' }) attempts: number;
  @Field({ description: 'When the next attempt is due, while PENDING.' }) nextAttemptAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it was last sent; null before the first attempt.' }) lastAttemptAt: Date | null;
  @Field(() => Int, { nullable: true, description: "The receiver's last HTTP status." }) responseStatus: number | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' }) lastError: string | null;
  @Field(() => Date, { nullable: true, description: 'When a 2xx answer came; null until then.' }) deliveredAt: Date | null;
}
