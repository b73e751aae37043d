import type { PoolClient } from 'pg';
import { EntityManager, QueryFailedError } from 'typeorm';

/**
 * `sql` as a named prepared statement on the connection `manager` uses (its
 * transaction's, or one from the pool for the call): PostgreSQL parses and
 * plans it once per connection, not on every call. For the long statements
 * run on every keystroke of a form, whose planning was a large part of their
 * time (duplicationCheck: a dozen CTEs, about 2 ms of planning under load).
 * After five calls PostgreSQL keeps the generic plan if it costs no more than
 * the custom ones did. `name` must be unique to `sql` in the process. Errors
 * are TypeORM's QueryFailedError, as from manager.query().
 */
export async function queryPrepared<T>(manager: EntityManager, name: string, sql: string, params: unknown[]): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const client: PoolClient = await runner.connect();
    try {
      return (await client.query({ name, text: sql, values: params })).rows as T[];
    } catch (err) {
      throw new QueryFailedError(sql, params, err as Error);
    }
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}
