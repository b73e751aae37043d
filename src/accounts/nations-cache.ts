import { DataSource } from 'typeorm';
import { NationEntity } from './nation.entity';

/**
 * The Alliance's nations, read once per process and data source. Only
 * migrations write the nation table (a nation joining the Alliance is a
 * release), and they run before the service answers, so the list cannot go
 * stale while it runs. Every comment, response and tally names nations:
 * this saves a statement on each such request. A failed read is not kept.
 */
const lists = new WeakMap<DataSource, Promise<NationEntity[]>>();

export function allianceNations(dataSource: DataSource): Promise<NationEntity[]> {
  let list = lists.get(dataSource);
  if (!list) {
    list = dataSource.getRepository(NationEntity).find({ order: { code: 'ASC' } });
    lists.set(dataSource, list);
    list.catch(() => lists.delete(dataSource));
  }
  return list;
}

const maps = new WeakMap<NationEntity[], Map<string, NationEntity>>();

/** The same nations by code: for lists that name a nation on every row (comments, ballot responses) and attach it to the row. */
export async function nationsByCode(dataSource: DataSource): Promise<Map<string, NationEntity>> {
  const list = await allianceNations(dataSource);
  let map = maps.get(list);
  if (!map) maps.set(list, (map = new Map(list.map((n) => [n.code, n]))));
  return map;
}
