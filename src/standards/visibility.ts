import { Caller, hasRole, Role } from '../common/caller';
import { Visibility } from './standard.entity';

/**
 * Which drafts a caller may read: NATIONS drafts for the Alliance's own roles,
 * INDUSTRY adds vendors, PUBLIC adds any signed-in person. A standard outside
 * this list is NOT_FOUND to the caller, so its existence does not leak.
 */
export function visibleTo(caller: Caller | null): Visibility[] {
  if (!caller) return [];
  if (hasRole(caller, Role.ADMIN, Role.SECRETARIAT, Role.EXPERT, Role.DELEGATE)) {
    return [Visibility.NATIONS, Visibility.INDUSTRY, Visibility.PUBLIC];
  }
  if (hasRole(caller, Role.VENDOR)) return [Visibility.INDUSTRY, Visibility.PUBLIC];
  return [Visibility.PUBLIC];
}

export const maySee = (caller: Caller | null, visibility: Visibility) => visibleTo(caller).includes(visibility);
