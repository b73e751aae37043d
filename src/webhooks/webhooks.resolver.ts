import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/access';
import { Caller, Role } from '../common/caller';
import { CurrentCaller } from '../common/context';
import { RegisterWebhookInput } from './dto/webhook.inputs';
import { RegisteredWebhookModel, WebhookDeliveryModel, WebhookModel } from './models/webhook.model';
import { DeliveryRow, WebhooksService } from './webhooks.service';

const asModel = (d: DeliveryRow): WebhookDeliveryModel => ({ ...d, payload: JSON.stringify(d.payload) });

@Resolver(() => WebhookModel)
export class WebhooksResolver {
  constructor(private readonly service: WebhooksService) {}

  @Mutation(() => RegisteredWebhookModel, { description: "ADMIN, or a VENDOR for its own organization. The secret is in this answer only." })
  @Allow(Role.ADMIN, Role.VENDOR)
  registerWebhook(@CurrentCaller() caller: Caller, @Args('input', { description: 'The organization, the URL and the events.' }) input: RegisterWebhookInput) {
    return this.service.register(caller, input);
  }

  @Query(() => [WebhookModel], { description: "ADMIN, or a VENDOR for its own organization: the organization's webhooks." })
  @Allow(Role.ADMIN, Role.VENDOR)
  webhooks(@CurrentCaller() caller: Caller, @Args('organizationId', { type: () => ID, description: 'The organization whose webhooks to list.' }) organizationId: string) {
    return this.service.list(caller, organizationId);
  }

  @Mutation(() => WebhookModel, { description: 'ADMIN, or a VENDOR of its organization: stops or resumes deliveries; enabling resets the failure count.' })
  @Allow(Role.ADMIN, Role.VENDOR)
  setWebhookEnabled(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, description: 'The webhook.' }) id: string, @Args('enabled', { description: 'False stops deliveries; true resumes them and resets the failure count.' }) enabled: boolean) {
    return this.service.setEnabled(caller, id, enabled);
  }

  @Query(() => [WebhookDeliveryModel], { description: "ADMIN, or a VENDOR of its organization: the webhook's delivery log, newest first. first: 1 to 100, default 20." })
  @Allow(Role.ADMIN, Role.VENDOR)
  async webhookDeliveries(
    @CurrentCaller() caller: Caller,
    @Args('webhookId', { type: () => ID, description: 'The webhook whose deliveries to list.' }) webhookId: string,
    @Args('first', { type: () => Int, nullable: true, description: 'How many deliveries, newest first: 1 to 100, default 20.' }) first?: number,
  ) {
    return (await this.service.deliveries(caller, webhookId, first ?? 20)).map(asModel);
  }

  @Mutation(() => WebhookDeliveryModel, { description: 'ADMIN, or a VENDOR of its organization: sends a delivery again, with the same id and body.' })
  @Allow(Role.ADMIN, Role.VENDOR)
  async resendWebhookDelivery(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, description: 'The delivery (its webhook-id) to send again.' }) id: string) {
    return asModel(await this.service.resend(caller, id));
  }
}
