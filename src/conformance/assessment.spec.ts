import { describe, it } from 'node:test';
import { expect } from 'expect';
import { assess, isStale } from './assessment';
import { ConformanceLevel } from './conformance-claim.entity';

const req = (key: string, text: string, obligation = 'SHALL', status: string | null = obligation === 'SHALL' ? 'M' : 'O') => ({ key, text, obligation, status });
const claim = (requirementKey: string, level: ConformanceLevel, claimedText: string) => ({ requirementKey, level, claimedText });

describe('assess', () => {
  const requirements = [
    req('R-001', 'The terminal shall log.'),
    req('R-002', 'The terminal shall encrypt.'),
    req('R-003', 'The terminal shall sign.'),
    req('R-004', 'The terminal should beep.', 'SHOULD'),
    req('R-005', 'If the terminal has a display, the terminal shall show the state.', 'SHALL', 'C'),
  ];

  it('counts a fresh CONFORMANT claim, or NOT_APPLICABLE on a conditional provision, as met and everything else as a gap', () => {
    const result = assess(requirements, [
      claim('R-001', ConformanceLevel.CONFORMANT, 'The terminal shall log.'),
      claim('R-002', ConformanceLevel.PARTIAL, 'The terminal shall encrypt.'),
      claim('R-004', ConformanceLevel.NON_CONFORMANT, 'The terminal should beep.'),
      claim('R-005', ConformanceLevel.NOT_APPLICABLE, 'If the terminal has a display, the terminal shall show the state.'),
    ]);
    expect(result).toMatchObject({ mandatoryTotal: 4, mandatoryMet: 2, conformant: false, staleClaims: [] });
    expect(result.coverage).toBeCloseTo(2 / 4);
    expect(result.gaps.map((g) => g.key)).toEqual(['R-002', 'R-003']);
  });

  it('does not let NOT_APPLICABLE meet a mandatory (M) provision', () => {
    const result = assess(requirements, [claim('R-003', ConformanceLevel.NOT_APPLICABLE, 'The terminal shall sign.')]);
    expect(result.gaps.map((g) => g.key)).toContain('R-003');
  });

  it('treats a claim on changed or removed text as stale, and a stale SHALL claim as a gap', () => {
    const claims = [
      claim('R-001', ConformanceLevel.CONFORMANT, 'The terminal shall log everything.'),
      claim('R-002', ConformanceLevel.CONFORMANT, 'The terminal shall encrypt.'),
      claim('R-003', ConformanceLevel.CONFORMANT, 'The terminal shall sign.'),
      claim('R-009', ConformanceLevel.CONFORMANT, 'The terminal shall hum.'),
    ];
    const result = assess(requirements, claims);
    expect(result.staleClaims.map((c) => c.requirementKey)).toEqual(['R-001', 'R-009']);
    expect(result.gaps.map((g) => g.key)).toEqual(['R-001', 'R-005']);
    expect(result).toMatchObject({ mandatoryMet: 2, conformant: false });
    expect(isStale(claims[1], new Map(requirements.map((r) => [r.key, r])))).toBe(false);
  });

  it('is conformant when every SHALL is met, and in full when there is none', () => {
    const all = requirements.filter((r) => r.obligation === 'SHALL').map((r) => claim(r.key, ConformanceLevel.CONFORMANT, r.text));
    expect(assess(requirements, all)).toMatchObject({ mandatoryMet: 4, coverage: 1, conformant: true, gaps: [] });
    expect(assess([req('R-004', 'x', 'MAY')], [])).toMatchObject({ mandatoryTotal: 0, coverage: 1, conformant: true });
  });
});
