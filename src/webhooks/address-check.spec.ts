import { describe, it } from 'node:test';
import { expect } from 'expect';
import { checkResolved, parseAllowList, refusedAddress } from './address-check';

/** The resolver's answers are given, so no test ever connects to these addresses. */
describe('webhook address check', () => {
  const none = parseAllowList('');

  it('refuses the cloud metadata address, private, loopback and link-local addresses', () => {
    expect(() => checkResolved('metadata.example', [{ address: '169.254.169.254', family: 4 }], none)).toThrow(/linkLocal/);
    expect(() => checkResolved('intranet.example', [{ address: '10.0.0.1', family: 4 }], none)).toThrow(/private/);
    for (const a of ['127.0.0.1', '192.168.1.20', '172.16.0.5', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:169.254.169.254']) {
      expect({ a, refused: refusedAddress(a, none) !== null }).toEqual({ a, refused: true });
    }
  });

  it('refuses a host when any of its addresses is refused, and accepts public ones', () => {
    expect(() => checkResolved('mixed.example', [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.1', family: 4 }], none)).toThrow(/10\.0\.0\.1/);
    expect(checkResolved('public.example', [{ address: '93.184.216.34', family: 4 }, { address: '2606:2800:220:1::1', family: 6 }], none).address).toBe('93.184.216.34');
    expect(() => checkResolved('nothing.example', [], none)).toThrow(/does not resolve/);
  });

  it('accepts what the operator allows, and only that', () => {
    const allowed = parseAllowList('127.0.0.1, 10.1.0.0/16');
    expect(refusedAddress('127.0.0.1', allowed)).toBeNull();
    expect(refusedAddress('10.1.2.3', allowed)).toBeNull();
    expect(refusedAddress('10.2.0.1', allowed)).toMatch(/private/);
    expect(refusedAddress('169.254.169.254', allowed)).toMatch(/linkLocal/);
  });
});
