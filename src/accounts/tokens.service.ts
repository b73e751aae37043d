import { createHmac, createSecretKey, KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../config/config';
import { rootLogger } from '../common/logger';

/** The only algorithm accepted, so "alg: none" and key-confusion tokens are refused. */
const ALGORITHM = 'HS256';

@Injectable()
export class TokensService {
  private readonly secret: string;
  /**
   * The secret as a key object, made once: given a string, jsonwebtoken
   * tries it as a public key first on every verify (and fails), which was a
   * visible share of a signed-in request's CPU time.
   */
  private readonly key: KeyObject;

  constructor(private readonly config: AppConfig) {
    if (config.JWT_SECRET) {
      this.secret = config.JWT_SECRET;
    } else {
      // Outside production only (config refuses to start otherwise): tokens die with the process.
      this.secret = randomBytes(48).toString('base64');
      rootLogger.warn('JWT_SECRET is not set: using a random secret; tokens end when the service stops');
    }
    this.key = createSecretKey(Buffer.from(this.secret, 'utf8'));
  }

  /**
   * A keyed digest of a verification code. The key derives from the server
   * secret, so a copy of the database alone does not let anyone try the
   * million codes offline.
   */
  codeDigest(userId: string, purpose: string, code: string): string {
    const key = createHmac('sha256', this.secret).update('verification-code').digest();
    return createHmac('sha256', key).update(`${userId}:${purpose}:${code}`).digest('hex');
  }

  /**
   * A link token that stands for `subject` for one `purpose` without a session
   * (the one-click unsubscribe of a mail): `<subject>.<HMAC>`, the key derived
   * from the server secret and the purpose, so it cannot be made without the
   * secret nor used for another purpose. Nothing is stored.
   */
  signLink(purpose: string, subject: string): string {
    return `${subject}.${this.linkMac(purpose, subject).toString('base64url')}`;
  }

  /** The subject of a link token made by signLink for this purpose, or null for anything else. */
  verifyLink(purpose: string, token: string): string | null {
    const dot = token.lastIndexOf('.');
    if (dot <= 0 || token.length > 200) return null;
    const subject = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = this.linkMac(purpose, subject);
    return given.length === expected.length && timingSafeEqual(given, expected) ? subject : null;
  }

  private linkMac(purpose: string, subject: string): Buffer {
    const key = createHmac('sha256', this.secret).update(`link:${purpose}`).digest();
    return createHmac('sha256', key).update(subject).digest();
  }

  /** An access token names its session (sid), so ending the session ends the token at once. */
  issue(userId: string, sessionId: string): { accessToken: string; expiresAt: Date } {
    const ttl = this.config.JWT_TTL_SECONDS;
    const accessToken = jwt.sign({ sid: sessionId }, this.key, { algorithm: ALGORITHM, subject: userId, expiresIn: ttl });
    const { exp } = jwt.decode(accessToken) as { exp: number };
    return { accessToken, expiresAt: new Date(exp * 1000) };
  }

  /** The user and session, or null for any token that is not ours, not intact, not current or without a session. */
  verify(token: string): { userId: string; sessionId: string } | null {
    const known = this.verified.get(token);
    // jsonwebtoken's own rule: expired from the second `exp` names.
    if (known) return Date.now() < known.expiresAt ? known.claims : (this.verified.delete(token), null);
    try {
      const payload = jwt.verify(token, this.key, { algorithms: [ALGORITHM] });
      if (typeof payload !== 'object' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
      const claims = { userId: payload.sub, sessionId: payload.sid };
      if (typeof payload.exp === 'number' && payload.nbf === undefined) this.verified.set(token, { claims, expiresAt: payload.exp * 1000 });
      return claims;
    } catch {
      return null;
    }
  }

  /**
   * Tokens whose signature and claims were checked, by their exact text, until
   * they expire: a client sends the same token with each request for its
   * lifetime, and jsonwebtoken's parse, HMAC and claim checks were a visible
   * share of a signed-in request's CPU time (bench/load.bench.ts). Only the
   * signature and claims are remembered: the session and the account are
   * checked on every request all the same (CallerCache, which events keep current).
   */
  private readonly verified = new LRUCache<string, { claims: { userId: string; sessionId: string }; expiresAt: number }>({ max: 10_000 });
}
