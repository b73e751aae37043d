import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JoinRequestEntity } from '../accounts/join-request.entity';
import { JoinRequestFiledListener } from '../accounts/join-requests.service';
import { Role } from '../common/caller';
import { NotificationKind } from './notification-kind';
import { NotificationsService } from './notifications.service';

/**
 * "A join request waits": accounts (below) files the request and calls this
 * inside the filing transaction, so the secretariat's notification commits
 * with the request or not at all.
 */
@Injectable()
export class JoinRequestNotifier implements JoinRequestFiledListener {
  constructor(private readonly notifications: NotificationsService) {}

  async joinRequestFiled(m: EntityManager, request: JoinRequestEntity): Promise<void> {
    await this.notifications.notify(m, {
      kind: NotificationKind.JOIN_REQUEST_WAITING, key: `JOIN_REQUEST_WAITING:${request.id}`, subjectType: 'JoinRequest', subjectId: request.id,
      title: `${request.company} (${request.nationCode}) asks to join`,
      body: `${request.company}, ${request.website}, asks to join as a provider from ${request.nationCode}. Their reason: ${request.reason}`,
      link: '/app/join-requests',
      to: { roles: [Role.SECRETARIAT] },
    });
  }
}
