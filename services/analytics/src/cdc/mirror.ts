import type { Pgoutput } from 'pg-logical-replication';
import type { Params, WarehouseTx } from '../warehouse/warehouse.js';
import { duckTypeOf, quote, textFor } from './pg-types.js';

/** A source column as both the stream (a Relation message) and the copy (pg_attribute) describe it. */
export interface SourceColumn {
  name: string;
  typeOid: number;
  typeMod: number;
}

/** A mirror table as the warehouse holds it: its columns' DuckDB types and its primary key. */
export interface Shape {
  qualified: string;
  types: Map<string, string>;
  key: string[];
}

export type Tuple = Record<string, string | null | undefined>;

/** `cdc_<source>`: each source's mirrors in a DuckDB schema of their own. */
export const mirrorSchemaOf = (source: string): string => `cdc_${source.replace(/-/g, '_')}`;

/** A source table's mirror name: its own name, prefixed by its schema when that is not `public`. */
export const mirrorTableOf = (schema: string, table: string): string => (schema === 'public' ? table : `${schema}__${table}`);

const ROWS_PER_STATEMENT = 200;

/**
 * One source's mirror tables, `cdc_<source>.<table>`: created from the first description of a table
 * (the copy's or the stream's), given the columns the source adds later, never a column dropped.
 * Every write is idempotent: a row image is upserted by its key, a delete is by key, so a replayed
 * transaction changes nothing.
 *
 * Generated columns are absent: PostgreSQL 15's pgoutput does not send them (16 neither; 18 only
 * when the publication asks), so the copy leaves them out too and the mirror has the columns they
 * derive from instead.
 */
export class Mirrors {
  private readonly shapes = new Map<string, Shape>();
  private readonly warned = new Set<string>();
  readonly schema: string;

  constructor(source: string, private readonly warn: (table: string, message: string) => void) {
    this.schema = mirrorSchemaOf(source);
  }

  /** Forgets what it knew of the warehouse's tables: after a rolled-back write, the catalogue is read again. */
  forget(): void {
    this.shapes.clear();
  }

  /**
   * The mirror of `schema.table`, created or given the columns it lacks. `key` names the columns
   * identifying a row; a table with none (no primary key, no replica identity index) is not
   * mirrored (undefined), with one warning: its updates and deletes could not be applied exactly.
   */
  async ensure(tx: WarehouseTx, schema: string, table: string, columns: SourceColumn[], key: string[]): Promise<Shape | undefined> {
    const name = mirrorTableOf(schema, table);
    let shape = this.shapes.get(name) ?? (await this.load(tx, name));
    if (!shape) {
      if (key.length === 0) {
        if (!this.warned.has(name)) this.warn(name, 'has no primary key or replica identity index: not mirrored');
        this.warned.add(name);
        return undefined;
      }
      const qualified = `${quote(this.schema)}.${quote(name)}`;
      const types = new Map(columns.map((c) => [c.name, duckTypeOf(c.typeOid, c.typeMod)]));
      const definitions = [...types].map(([column, type]) => `${quote(column)} ${type}`);
      await tx.run(`CREATE SCHEMA IF NOT EXISTS ${quote(this.schema)}`);
      await tx.run(`CREATE TABLE ${qualified} (${definitions.join(', ')}, PRIMARY KEY (${key.map(quote).join(', ')}))`);
      shape = { qualified, types, key };
    } else {
      for (const column of columns.filter((c) => !shape!.types.has(c.name))) {
        const type = duckTypeOf(column.typeOid, column.typeMod);
        await tx.run(`ALTER TABLE ${shape.qualified} ADD COLUMN ${quote(column.name)} ${type}`);
        shape.types.set(column.name, type);
      }
    }
    this.shapes.set(name, shape);
    return shape;
  }

  /** The mirror of a table as the stream describes it (its key from the relation, or the mirror's own for REPLICA IDENTITY FULL). */
  async ensureRelation(tx: WarehouseTx, relation: Pgoutput.MessageRelation): Promise<Shape | undefined> {
    const name = mirrorTableOf(relation.schema, relation.name);
    const known = this.shapes.get(name) ?? (await this.load(tx, name));
    // FULL marks every column as key: the mirror keeps the primary key the copy found instead.
    const key = relation.replicaIdentity === 'full' ? (known?.key ?? []) : relation.keyColumns;
    return this.ensure(tx, relation.schema, relation.name, relation.columns, key);
  }

  /** Empties a mirror before a full copy into it. */
  async empty(tx: WarehouseTx, shape: Shape): Promise<void> {
    await tx.run(`DELETE FROM ${shape.qualified}`);
  }

  /** Rows of the copy, in `columns` order, as plain inserts: the mirror was emptied first. */
  async insertRows(tx: WarehouseTx, shape: Shape, columns: string[], rows: (string | null)[][]): Promise<void> {
    for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) {
      const { values, params } = valuesOf(shape, columns, rows.slice(at, at + ROWS_PER_STATEMENT));
      await tx.run(`INSERT INTO ${shape.qualified} (${columns.map(quote).join(', ')}) VALUES ${values}`, params);
    }
  }

  /**
   * Row images, each the whole row but for `columns` it lacks (an unchanged TOASTed value, which the
   * mirror keeps), upserted by key. No two rows may share a key: DuckDB refuses to update a row twice
   * in one statement.
   */
  async upsertRows(tx: WarehouseTx, shape: Shape, columns: string[], rows: Tuple[]): Promise<void> {
    const others = columns.filter((c) => !shape.key.includes(c));
    const onConflict = others.length ? `DO UPDATE SET ${others.map((c) => `${quote(c)} = excluded.${quote(c)}`).join(', ')}` : 'DO NOTHING';
    for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) {
      const { values, params } = valuesOf(shape, columns, rows.slice(at, at + ROWS_PER_STATEMENT).map((row) => columns.map((c) => row[c] ?? null)));
      await tx.run(`INSERT INTO ${shape.qualified} (${columns.map(quote).join(', ')}) VALUES ${values} ON CONFLICT (${shape.key.map(quote).join(', ')}) ${onConflict}`, params);
    }
  }

  /** Deletes the rows of these keys (each row holds at least the key columns). */
  async removeRows(tx: WarehouseTx, shape: Shape, rows: Tuple[]): Promise<void> {
    const key = shape.key.map(quote).join(', ');
    for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) {
      const { values, params } = valuesOf(shape, shape.key, rows.slice(at, at + ROWS_PER_STATEMENT).map((row) => shape.key.map((c) => row[c] ?? null)));
      await tx.run(`DELETE FROM ${shape.qualified} WHERE (${key}) IN (SELECT * FROM (VALUES ${values}))`, params);
    }
  }

  private async load(tx: WarehouseTx, name: string): Promise<Shape | undefined> {
    const columns = await tx.all<{ column_name: string; data_type: string }>(
      'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
      [this.schema, name],
    );
    if (columns.length === 0) return undefined;
    const [constraint] = await tx.all<{ key: string[] }>(
      "SELECT constraint_column_names AS key FROM duckdb_constraints() WHERE schema_name = $1 AND table_name = $2 AND constraint_type = 'PRIMARY KEY'",
      [this.schema, name],
    );
    const shape: Shape = { qualified: `${quote(this.schema)}.${quote(name)}`, types: new Map(columns.map((c) => [c.column_name, c.data_type])), key: constraint?.key ?? [] };
    this.shapes.set(name, shape);
    return shape;
  }
}

/** `(CAST($1 AS T), …), (…)` and its parameters: every value is text, cast to its column's type. */
function valuesOf(shape: Shape, columns: string[], rows: (string | null | undefined)[][]): { values: string; params: Params } {
  const types = columns.map((c) => shape.types.get(c) ?? 'VARCHAR');
  const params: (string | null)[] = [];
  const values = rows.map((row) => `(${row.map((value, i) => {
    params.push(textFor(types[i]!, value ?? null));
    return `CAST($${params.length} AS ${types[i]})`;
  }).join(', ')})`);
  return { values: values.join(', '), params: params as Params };
}
