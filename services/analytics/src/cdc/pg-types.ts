import { PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';

/**
 * PostgreSQL's types as the warehouse stores them. Values travel as PostgreSQL's own text (the
 * stream's and the copy's alike) and DuckDB casts them: no JavaScript Date (milliseconds, local
 * zone) or float in between, so a timestamp keeps its microseconds and a numeric its digits.
 */

const BY_OID: Record<number, string> = {
  16: 'BOOLEAN',
  20: 'BIGINT',
  21: 'INTEGER',
  23: 'INTEGER',
  25: 'VARCHAR',
  114: 'JSON',
  700: 'DOUBLE',
  701: 'DOUBLE',
  1042: 'VARCHAR',
  1043: 'VARCHAR',
  1082: 'DATE',
  1114: 'TIMESTAMP',
  1184: 'TIMESTAMPTZ',
  2950: 'UUID',
  3802: 'JSON',
};
const NUMERIC = 1700;

/**
 * The DuckDB type of a column of PostgreSQL type `oid` with modifier `typmod`. Anything not listed
 * (enums, arrays, intervals, bytea…) is kept as its text in a VARCHAR: nothing is refused.
 *
 * numeric(p, s) with p ≤ 38 is DECIMAL(p, s), exact. An unconstrained numeric (or p > 38) is a
 * DOUBLE: PostgreSQL lets it hold any magnitude and scale, and a fixed DECIMAL would refuse some
 * value one day and stop the stream; a double keeps 15–17 significant digits. Bazaar's money is
 * integer minor units, never numeric, so no amount goes through this approximation.
 */
export function duckTypeOf(oid: number, typmod: number): string {
  if (oid === NUMERIC) {
    if (typmod < 4) return 'DOUBLE';
    const precision = ((typmod - 4) >> 16) & 0xffff;
    const scale = (typmod - 4) & 0xffff;
    return precision <= 38 ? `DECIMAL(${precision},${scale})` : 'DOUBLE';
  }
  return BY_OID[oid] ?? 'VARCHAR';
}

/**
 * A value's text as the column takes it. numeric(p, s) may hold NaN, which no DECIMAL can: it
 * becomes NULL rather than a transaction the warehouse refuses forever. (A DOUBLE takes NaN and
 * ±Infinity as they are.)
 */
export function textFor(type: string, value: string | null): string | null {
  if (value !== null && type.startsWith('DECIMAL') && !/^[-+]?[0-9.]+$/.test(value)) return null;
  return value;
}

/**
 * The session settings of every connection to a source, so that its text output is one format
 * whatever the server's defaults: timestamps in ISO at UTC, floats with every digit.
 */
export const SESSION_OPTIONS = '-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=postgres -c extra_float_digits=3';

/** An LSN (`16/B374D848`) as a number, to compare. */
export function lsnValue(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  if (high === undefined || low === undefined) throw new Error(`not an LSN: ${lsn}`);
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}

/** An LSN as PostgreSQL writes it. */
export function lsnText(value: bigint): string {
  return `${(value >> 32n).toString(16).toUpperCase()}/${(value & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** `"name"`, quoted for DuckDB. */
export const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Values stay PostgreSQL's text: the parsers are replaced as each relation is parsed, before its rows. */
export class TextPgoutputPlugin extends PgoutputPlugin {
  override parse(buffer: Buffer): Pgoutput.Message {
    const message = super.parse(buffer);
    if (message.tag === 'relation') for (const column of message.columns) column.parser = (raw: unknown) => raw;
    return message;
  }
}
