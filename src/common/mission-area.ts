import { registerEnumType } from '@nestjs/graphql';

/**
 * The mission areas an interoperability need, a subscription or a digest is
 * filed under: NATO's space support functions (Overarching Space Policy),
 * plus launch, which the Commercial Space Strategy names for providers.
 * Kept in common/ because needs, notifications and the public pages all use
 * it and none of them may import another.
 */
export enum MissionArea {
  SPACE_DOMAIN_AWARENESS = 'SPACE_DOMAIN_AWARENESS',
  SATCOM = 'SATCOM',
  PNT = 'PNT',
  ISR = 'ISR',
  SHARED_EARLY_WARNING = 'SHARED_EARLY_WARNING',
  ENVIRONMENTAL_MONITORING = 'ENVIRONMENTAL_MONITORING',
  LAUNCH = 'LAUNCH',
}
registerEnumType(MissionArea, {
  name: 'MissionArea',
  description: "A mission area of NATO's space support functions, under which needs are filed and people subscribe.",
  valuesMap: {
    SPACE_DOMAIN_AWARENESS: { description: 'Space domain awareness: knowing what is in orbit, where, and what it does.' },
    SATCOM: { description: 'Satellite communications.' },
    PNT: { description: 'Positioning, navigation and timing.' },
    ISR: { description: 'Intelligence, surveillance and reconnaissance from space, earth observation included.' },
    SHARED_EARLY_WARNING: { description: 'Shared early warning of missile launches.' },
    ENVIRONMENTAL_MONITORING: { description: 'Space weather and terrestrial weather and environment from space.' },
    LAUNCH: { description: 'Access to space: launch and its services.' },
  },
});

/** The English names, for mail, feeds and logs (the web app has its own translations). */
export const MISSION_AREA_NAMES: Record<MissionArea, string> = {
  SPACE_DOMAIN_AWARENESS: 'Space domain awareness',
  SATCOM: 'Satellite communications',
  PNT: 'Positioning, navigation and timing',
  ISR: 'Intelligence, surveillance and reconnaissance',
  SHARED_EARLY_WARNING: 'Shared early warning',
  ENVIRONMENTAL_MONITORING: 'Environmental monitoring',
  LAUNCH: 'Launch',
};
