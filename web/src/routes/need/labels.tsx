import type { MissionArea, NeedPriority, NeedStatus } from '../../graphql/graphql';
import { useT } from '../../i18n';

export const MISSION_AREAS: MissionArea[] = ['SPACE_DOMAIN_AWARENESS', 'SATCOM', 'PNT', 'ISR', 'SHARED_EARLY_WARNING', 'ENVIRONMENTAL_MONITORING', 'LAUNCH'];
export const NEED_STATUSES: NeedStatus[] = ['RAISED', 'ACCEPTED', 'ADDRESSED', 'CLOSED', 'REJECTED'];
export const PRIORITIES: NeedPriority[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

export function NeedStatusBadge({ status }: { status: NeedStatus }) {
  const t = useT();
  return <span className={`badge need-status need-${status.toLowerCase()}`}>{t(`needStatus.${status}`)}</span>;
}
