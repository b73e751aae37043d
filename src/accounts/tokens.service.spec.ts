import { describe, it } from 'node:test';
import { expect } from 'expect';
import * as jwt from 'jsonwebtoken';
import { AppConfig } from '../config/config';
import { TokensService } from './tokens.service';

const SECRET = 'spec-secret-spec-secret-spec-secret-0123456';
const tokens = () => new TokensService({ JWT_SECRET: SECRET, JWT_TTL_SECONDS: 60 } as AppConfig);

/** verify remembers a checked token until it expires: what it remembers must never outlive what jsonwebtoken would accept. */
describe('TokensService.verify with checked tokens remembered', () => {
  it('accepts the same token again, and refuses it from the second it expires', (t) => {
    const service = tokens();
    const { accessToken, expiresAt } = service.issue('user-1', 'session-1');
    expect(service.verify(accessToken)).toEqual({ userId: 'user-1', sessionId: 'session-1' });
    expect(service.verify(accessToken)).toEqual({ userId: 'user-1', sessionId: 'session-1' });
    t.mock.method(Date, 'now', () => expiresAt.getTime());
    expect(service.verify(accessToken)).toBeNull();
  });

  it('remembers nothing for a token that fails: tampered, other key, alg none, not yet valid', () => {
    const service = tokens();
    const { accessToken } = service.issue('user-1', 'session-1');
    const tampered = `${accessToken.slice(0, -2)}xx`;
    const otherKey = jwt.sign({ sid: 's' }, 'another-secret-another-secret-another-0', { algorithm: 'HS256', subject: 'u', expiresIn: 60 });
    const none = jwt.sign({ sid: 's' }, '', { algorithm: 'none', subject: 'u', expiresIn: 60 });
    const early = jwt.sign({ sid: 's' }, SECRET, { algorithm: 'HS256', subject: 'u', expiresIn: 120, notBefore: 60 });
    for (const token of [tampered, otherKey, none, early]) {
      expect(service.verify(token)).toBeNull();
      expect(service.verify(token)).toBeNull();
    }
  });
});
