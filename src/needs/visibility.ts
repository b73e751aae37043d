import { ALLIANCE_ROLES, Caller, hasRole, Role } from '../common/caller';
import { NeedVisibility } from './need.entity';

/**
 * The one policy for who may read a need, used by the API, the public pages
 * and the feeds alike: NATIONS needs for the Alliance's roles, INDUSTRY adds
 * vendors, PUBLIC adds everyone, anonymous readers included. A need outside
 * this list is NOT_FOUND to the caller, so its existence does not leak.
 */
export function needVisibilitiesFor(caller: Caller | null): NeedVisibility[] {
  if (hasRole(caller, ...ALLIANCE_ROLES)) return [NeedVisibility.NATIONS, NeedVisibility.INDUSTRY, NeedVisibility.PUBLIC];
  if (hasRole(caller, Role.VENDOR)) return [NeedVisibility.INDUSTRY, NeedVisibility.PUBLIC];
  return [NeedVisibility.PUBLIC];
}

export const maySeeNeed = (caller: Caller | null, visibility: NeedVisibility) => needVisibilitiesFor(caller).includes(visibility);
