import { describe, it } from 'node:test';
import { expect } from 'expect';
import { types } from 'pg';
import { parseTimestamptz } from './pg-types';

const postgresDate = types.getTypeParser(types.builtins.TIMESTAMPTZ, 'text') as (value: string) => Date;

describe('parseTimestamptz', () => {
  it('reads every form PostgreSQL writes as postgres-date does, to the millisecond', () => {
    const forms = [
      '2026-11-30 16:29:15.123456+00', '2026-11-30 16:29:15+00', '2026-11-30 16:29:15.1+05:30', '2026-01-02 03:04:05.999999-03',
      '1900-03-01 00:00:00-00:09:21', '0099-01-01 00:00:00+00', '2000-01-01 00:00:00+00 BC', 'infinity', '-infinity', '12026-01-01 00:00:00+00',
      '2026-11-30 16:29:15.000001+14', '2026-11-30 16:29:15.57+00',
    ];
    for (const s of forms) expect({ s, t: +parseTimestamptz(s) }).toEqual({ s, t: +postgresDate(s) });
    // Seeded, so that a failure comes back the same.
    let seed = 7;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let k = 0; k < 20_000; k++) {
      const when = new Date(Math.floor(next() * 4e12)).toISOString().slice(0, 19).replace('T', ' ');
      const micros = String(Math.floor(next() * 1e6)).padStart(6, '0').replace(/0+$/, '');
      const zone = ['+00', '-05', '+05:30', '+09:45', '-03:30'][k % 5];
      const s = `${when}${micros ? `.${micros}` : ''}${zone}`;
      expect({ s, t: +parseTimestamptz(s) }).toEqual({ s, t: +postgresDate(s) });
    }
  });
});
