/**
 * RFC 4180 CSV: a header line, then a line per row, CRLF-terminated. A field holding a comma, quote
 * or line break is quoted; a text field starting with =, +, -, @, tab or CR gets a leading ' so a
 * spreadsheet opening the file shows it instead of running it as a formula.
 */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.map(field).join(',')];
  for (const row of rows) lines.push(columns.map((c) => field(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
