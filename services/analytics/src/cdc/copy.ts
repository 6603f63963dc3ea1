import type pg from 'pg';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { Mirrors, SourceColumn } from './mirror.js';
import { writeCopied } from './positions.js';

/** Every value as PostgreSQL's text: the mirror casts it (see pg-types.ts). */
const asText = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;
const FETCH_ROWS = 1000;

interface PublishedTable {
  schema: string;
  table: string;
  rowFilter: string | null;
  columns: SourceColumn[];
  key: string[];
}

/**
 * The tables of `publication` with the columns it sends (its column list, if any, less generated
 * columns, which pgoutput never sends) and the key a row is known by: the replica identity index
 * when there is one, else the primary key (also under REPLICA IDENTITY FULL).
 */
async function publishedTables(client: pg.Client, publication: string): Promise<PublishedTable[]> {
  const { rows } = await client.query<{ schema: string; table: string; row_filter: string | null; columns: SourceColumn[]; key: string[] | null }>(
    `SELECT pt.schemaname AS schema, pt.tablename AS table, pt.rowfilter AS row_filter,
            (SELECT json_agg(json_build_object('name', a.attname, 'typeOid', a.atttypid::int, 'typeMod', a.atttypmod) ORDER BY a.attnum)
               FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' AND a.attname = ANY (pt.attnames)) AS columns,
            (SELECT array_agg(a.attname::text ORDER BY k.ord)
               FROM pg_index i, unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord), pg_attribute a
              WHERE i.indrelid = c.oid AND a.attrelid = c.oid AND a.attnum = k.attnum
                AND CASE WHEN c.relreplident = 'i' THEN i.indisreplident ELSE i.indisprimary END) AS key
       FROM pg_publication_tables pt
       JOIN pg_namespace n ON n.nspname = pt.schemaname
       JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = pt.tablename
      WHERE pt.pubname = $1
      ORDER BY 1, 2`,
    [publication],
  );
  return rows.map((r) => ({ schema: r.schema, table: r.table, rowFilter: r.row_filter, columns: r.columns, key: r.key ?? [] }));
}

const pgIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Creates the slot, then copies every published table into its mirror (emptied first) and records
 * the slot's start as the source's position, all in one warehouse transaction: either the mirror
 * is complete and the stream takes over from the slot, or nothing was written and the next try
 * starts again with a new slot. The copy reads a snapshot taken after the slot was created, so a
 * change committed in between is both in the copy and in the stream; applying it twice is harmless
 * (upsert and delete by key).
 *
 * The warehouse's writer is held for the whole copy: fine for a data product of dimensions
 * (catalog's products and categories); a source of millions of rows would copy table by table
 * with a position per table, as PostgreSQL's own subscriptions do.
 */
export async function copySource(
  client: pg.Client,
  warehouse: Warehouse,
  mirrors: Mirrors,
  source: { source: string; publication: string; slot: string },
): Promise<{ lsn: string; tables: { table: string; rows: number }[] }> {
  const [created] = (await client.query<{ lsn: string }>("SELECT lsn::text AS lsn FROM pg_create_logical_replication_slot($1, 'pgoutput')", [source.slot])).rows;
  const lsn = created!.lsn;
  const copied: { table: string; rows: number }[] = [];
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const tables = await publishedTables(client, source.publication);
    await warehouse.write(async (tx) => {
      for (const t of tables) {
        const shape = await mirrors.ensure(tx, t.schema, t.table, t.columns, t.key);
        if (!shape) continue;
        await mirrors.empty(tx, shape);
        const names = t.columns.map((c) => c.name);
        await client.query(
          `DECLARE copy_cursor NO SCROLL CURSOR FOR SELECT ${names.map(pgIdent).join(', ')} FROM ${pgIdent(t.schema)}.${pgIdent(t.table)}${t.rowFilter ? ` WHERE ${t.rowFilter}` : ''}`,
        );
        let rows = 0;
        for (;;) {
          const batch = await client.query<(string | null)[]>({ text: `FETCH ${FETCH_ROWS} FROM copy_cursor`, rowMode: 'array', types: asText });
          if (batch.rows.length === 0) break;
          await mirrors.insertRows(tx, shape, names, batch.rows);
          rows += batch.rows.length;
        }
        await client.query('CLOSE copy_cursor');
        copied.push({ table: `${t.schema}.${t.table}`, rows });
      }
      await writeCopied(tx, source.source, source.slot, lsn);
    });
    await client.query('COMMIT');
  } catch (error) {
    mirrors.forget();
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return { lsn, tables: copied };
}
