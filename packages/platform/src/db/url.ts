/** Replaces the database (and optionally the user) in a postgres:// URL. */
export function withDatabase(url: string, database: string, user?: { name: string; password?: string }): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (user) {
    u.username = encodeURIComponent(user.name);
    u.password = user.password ? encodeURIComponent(user.password) : '';
  }
  return u.toString();
}

/** The URL with its password masked, for logs and tables. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable url)';
  }
}
