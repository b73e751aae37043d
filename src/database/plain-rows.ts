import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { QueryFailedError } from 'typeorm';
import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';

/**
 * Entities read with one plain SQL statement and copied into their class,
 * without TypeORM's query builder and hydration, for the reads every request
 * makes (pages of lists and the DataLoaders beneath them). TypeORM's
 * getMany() rebuilds its SQL, groups the raw rows by primary key and passes
 * every value through the driver and column metadata; for a page of 100
 * comments that was more CPU than the statement's round trip. Here each
 * entity's shape is worked out once: which columns, under which property
 * names. Only entities whose columns all come back from pg exactly as TypeORM
 * would hydrate them take this path (text, numbers, uuid, booleans, json,
 * timestamps; no transformer, embedded, relation or inheritance column);
 * any other entity, and any query builder with joins, locks or extra
 * selections, falls back to TypeORM, so the answer is the same either way.
 */

/** Normalized column types whose value from pg is already what TypeORM hydrates. */
const PLAIN_TYPES = new Set([
  'uuid', 'text', 'character varying', 'varchar', 'character', 'char', 'integer', 'int', 'int4', 'smallint', 'int2', 'bigint', 'int8',
  'boolean', 'bool', 'jsonb', 'json', 'timestamp with time zone', 'timestamptz', 'timestamp without time zone', 'timestamp',
  'double precision', 'real', 'numeric', 'tsvector',
]);

interface Shape {
  target: new () => ObjectLiteral;
  table: string;
  /** Selected by default (select: false columns are left out, as TypeORM leaves them). */
  columns: { property: string; column: string; timestamp: boolean }[];
}

const shapes = new WeakMap<EntityMetadata, Shape | null>();

function shapeOf(metadata: EntityMetadata, dataSource: DataSource): Shape | null {
  let shape = shapes.get(metadata);
  if (shape !== undefined) return shape;
  const plain =
    typeof metadata.target === 'function' &&
    metadata.embeddeds.length === 0 &&
    !metadata.discriminatorColumn &&
    metadata.childEntityMetadatas.length === 0 &&
    metadata.columns.every(
      (c) => !c.transformer && !c.embeddedMetadata && !c.relationMetadata && !c.isVirtual && !c.isVirtualProperty && PLAIN_TYPES.has(String(dataSource.driver.normalizeType(c))),
    );
  shape = plain
    ? {
        target: metadata.target as new () => ObjectLiteral,
        table: metadata.tablePath,
        columns: metadata.columns.filter((c) => c.isSelect).map((c) => ({
          property: c.propertyName, column: c.databaseName, timestamp: String(dataSource.driver.normalizeType(c)).startsWith('timestamp'),
        })),
      }
    : null;
  shapes.set(metadata, shape);
  return shape;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Copies rows keyed by property name into instances of the entity's class, as TypeORM returns them. */
function instances<T>(shape: Shape, rows: Record<string, unknown>[]): T[] {
  return rows.map((row) => Object.assign(new shape.target(), row) as T);
}

/**
 * The entities matching `where` (SQL on alias `t`, with $1... parameters),
 * in `order` (SQL on `t`), through `manager` (a transaction's, or the
 * data source's). TypeORM's find() where the entity does not qualify.
 * `extra` adds selections (SQL on `t`, aliased to a property name).
 */
export async function findPlain<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: string,
  params: unknown[],
  fallback: () => Promise<T[]>,
  order?: string,
  extra?: string,
): Promise<T[]> {
  const shape = shapeOf(manager.connection.getMetadata(entity), manager.connection);
  if (!shape) return fallback();
  const select = shape.columns.map((c) => `t.${quote(c.column)} AS ${quote(c.property)}`).join(', ') + (extra ? `, ${extra}` : '');
  const rows: Record<string, unknown>[] = await manager.query(
    `SELECT ${select} FROM ${shape.table.split('.').map(quote).join('.')} t WHERE ${where}${order ? ` ORDER BY ${order}` : ''}`,
    params,
  );
  return instances<T>(shape, rows);
}

/**
 * qb.getMany(), with TypeORM's SQL but without its hydration: for a query
 * builder on one entity, with no join or lock. A selection added with an
 * alias (addSelect(sql, alias)) comes on each entity under that alias, for
 * the caller to take off (getMany() would drop it).
 */
export async function getManyPlain<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<T[]> {
  const map = qb.expressionMap;
  const main = map.mainAlias;
  const shape = main?.hasMetadata ? shapeOf(main.metadata, qb.connection) : null;
  const simple =
    shape &&
    map.joinAttributes.length === 0 &&
    map.relationIdAttributes.length === 0 &&
    !map.lockMode &&
    map.selects.every((s) => s.selection === main!.name || !!s.aliasName) &&
    shape.columns.every((c) => `${main!.name}_${c.column}`.length <= 63);
  if (!simple) return qb.getMany();
  const [sql, params] = qb.getQueryAndParameters();
  const runner = (qb as unknown as { queryRunner?: QueryRunner }).queryRunner;
  const raw: Record<string, unknown>[] = await qb.connection.query(sql, params, runner);
  const prefix = `${main!.name}_`;
  const extras = map.selects.flatMap((s) => (s.aliasName ? [s.aliasName] : []));
  // The raw rows' keys, built once per statement rather than once per column per row.
  const keys = shape.columns.map((c) => prefix + c.column);
  const properties = shape.columns.map((c) => c.property);
  return raw.map((r) => {
    const entity = new shape.target();
    for (let i = 0; i < keys.length; i++) {
      const value = r[keys[i]];
      if (value !== undefined) entity[properties[i] as keyof typeof entity] = value as never;
    }
    for (const name of extras) entity[name as keyof typeof entity] = r[name] as never;
    return entity as T;
  });
}

function requireShape(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>): Shape {
  const shape = shapeOf(dataSource.getMetadata(entity), dataSource);
  if (!shape) throw new Error(`${dataSource.getMetadata(entity).name} has columns pg does not return as TypeORM hydrates them; read it with TypeORM`);
  return shape;
}

/**
 * The select list of an entity's columns on `alias`, each named `prefix` and
 * its property, so that one statement can read it beside other entities
 * (a product with its standard and version). `entityFrom` reads it back.
 */
export function entityColumns(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string, prefix: string): string {
  return requireShape(dataSource, entity).columns.map((c) => `${alias}.${quote(c.column)} AS ${quote(prefix + c.property)}`).join(', ');
}

/** The entity entityColumns selected under `prefix`, or null when its primary key is null (an outer join found none). */
export function entityFrom<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, row: Record<string, unknown>, prefix: string): T | null {
  const shape = requireShape(dataSource, entity as EntityTarget<ObjectLiteral>);
  const key = dataSource.getMetadata(entity).primaryColumns[0].propertyName;
  if (row[prefix + key] === null || row[prefix + key] === undefined) return null;
  const out = new shape.target();
  for (const c of shape.columns) out[c.property as keyof typeof out] = row[prefix + c.property] as never;
  return out as T;
}

/**
 * A JSON object of the entity's row on `alias`, for reading it inside another
 * entity's statement; `entitiesFromJson` reads it back. `extra` adds keys
 * ("'name', sql, ...").
 */
export function entityJson(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string, extra?: string): string {
  const fields = requireShape(dataSource, entity).columns.map((c) => `'${c.property}', ${alias}.${quote(c.column)}`);
  return `json_build_object(${[...fields, ...(extra ? [extra] : [])].join(', ')})`;
}

/** A JSON array of entityJson objects, over the rows the enclosing FROM and WHERE find, in `order`. */
export function entityJsonArray(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string, order: string): string {
  return `coalesce(json_agg(${entityJson(dataSource, entity, alias)} ORDER BY ${order}), '[]')`;
}

/** The entities of entityJson objects: JSON carries timestamps as text, so they become Dates again. */
export function entitiesFromJson<T extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<T>, list: Record<string, unknown>[]): T[] {
  const shape = requireShape(dataSource, entity as EntityTarget<ObjectLiteral>);
  const dates = shape.columns.filter((c) => c.timestamp).map((c) => c.property);
  return list.map((item) => {
    for (const d of dates) if (typeof item[d] === 'string') item[d] = new Date(item[d] as string);
    return Object.assign(new shape.target(), item) as T;
  });
}

/** Statement names by text, so that each text is parsed and planned once per connection. Texts built from constants only: a bound keeps stray ones out. */
const names = new Map<string, string>();
const MAX_NAMES = 500;

/**
 * A read through the data source's pool as a named prepared statement:
 * PostgreSQL parses and plans it once per connection, not on every request,
 * and the statement skips TypeORM's query runner. Not for a transaction's
 * reads (they must go through its manager). Errors are TypeORM's
 * QueryFailedError, as from manager.query(), so they map to the same answers.
 */
export async function readPrepared<R = Record<string, unknown>>(dataSource: DataSource, text: string, values: unknown[]): Promise<R[]> {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMES) {
    name = `r${createHash('sha1').update(text).digest('base64url')}`;
    names.set(text, name);
  }
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  try {
    return (await pool.query<R & object>({ name, text, values })).rows;
  } catch (err) {
    throw new QueryFailedError(text, values, err as Error);
  }
}

/**
 * A read through `manager`: prepared by name on the pool (readPrepared) for
 * the data source's own manager, through the transaction's connection otherwise.
 */
export function readRows<R = Record<string, unknown>>(manager: EntityManager, text: string, values: unknown[]): Promise<R[]> {
  return manager.queryRunner ? manager.query(text, values) : readPrepared<R>(manager.connection, text, values);
}
