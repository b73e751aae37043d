import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { Caller } from '../common/caller';
import { PubSub } from '../common/pubsub';

/** What a session's access tokens stand for: the caller, or why they are refused. */
export type SessionAnswer = { caller: Caller } | { refused: 'ACCOUNT' | 'SESSION' };

/** The channel a trigger on app_user, user_role and user_session announces a user's id on (migration CallerCacheNotify). */
export const CALLER_CHANGED = 'caller_changed';

/** Sessions remembered per process; an entry is a few hundred bytes. */
const MAX_SESSIONS = 20_000;

/**
 * Who a session's bearer is (account, roles, whether the session is live),
 * remembered between requests so that a signed-in request does not read
 * them from the database each time (it was two of the five statements of a
 * list query). Kept current by events, not by time: the database announces
 * every change to those rows on CALLER_CHANGED (a trigger, so no writer can
 * forget it), and every replica forgets that user's sessions when the
 * change commits. This process also forgets them at once when it writes the
 * change itself (`forget`), so its own next request never sees the old answer.
 *
 * An answer is remembered only while the LISTEN connection is up and no
 * change was announced while it was being read: otherwise a change that
 * commits while the answer is read, or while the connection was away
 * (NOTIFY keeps nothing for absent listeners), could be missed.
 */
@Injectable()
export class CallerCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sessions = new LRUCache<string, { userId: string; answer: SessionAnswer; connection: number }>({ max: MAX_SESSIONS });
  /** Counts the changes heard or made here; an answer read while one happened is not kept. */
  private changes = 0;
  private events: AsyncIterableIterator<string> | null = null;

  constructor(private readonly pubsub: PubSub) {}

  async onApplicationBootstrap(): Promise<void> {
    const events = (this.events = this.pubsub.subscribe<string>(CALLER_CHANGED));
    void (async () => {
      try {
        for await (const userId of events) this.forget(userId);
      } catch {
        // A consumer that fell behind (thousands of changes unread): forget everything and stop caching.
        this.sessions.clear();
        this.events = null;
      }
    })();
    await this.pubsub.ready(CALLER_CHANGED).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.events?.return?.();
    this.events = null;
  }

  /** Events are being heard: an answer may be used and kept. */
  private get listening(): boolean {
    return this.events !== null && this.pubsub.connected;
  }

  /** The answer for this session, from memory or from `read` (which is then remembered when that is safe). */
  async answer(sessionId: string, userId: string, read: () => Promise<SessionAnswer>): Promise<SessionAnswer> {
    const connection = this.pubsub.connectionEpoch;
    const changes = this.changes;
    const listening = this.listening;
    const hit = this.sessions.get(sessionId);
    // An entry made on an earlier LISTEN connection may have missed a change while it was away.
    if (hit && listening && hit.connection === connection && hit.userId === userId) return hit.answer;
    const answer = await read();
    // Kept only when no change was heard, and the connection stayed up, while it was read.
    if (listening && this.listening && this.pubsub.connectionEpoch === connection && this.changes === changes) {
      this.sessions.set(sessionId, { userId, answer, connection });
    }
    return answer;
  }

  /** Forgets every session of the user; called on each announced change, and by this process's own writers. */
  forget(userId: string): void {
    this.changes++;
    for (const [sessionId, entry] of this.sessions.entries()) if (entry.userId === userId) this.sessions.delete(sessionId);
  }
}
