/**
 * True when an error means "PostgreSQL cannot be reached right now" (server down, restarting,
 * connection dropped, pool exhausted) rather than a fault in the request or the code: such errors
 * become 503 problem+json, never 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const err = error as { code?: unknown; message?: unknown; driverError?: unknown; name?: unknown };
  // TypeORM's error when a transaction's connection died under it (server restart) and it tries to go on.
  if (err.name === 'QueryRunnerProviderAlreadyReleasedError' || err.name === 'QueryRunnerAlreadyReleasedError') return true;
  const code = typeof err.code === 'string' ? err.code : '';
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
  // SQLSTATE class 08 (connection exception), 57P01-57P03 (admin shutdown, crash shutdown, cannot connect now), 53300 too many connections.
  if (/^08/.test(code) || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true;
  const text = typeof err.message === 'string' ? err.message : '';
  if (
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|the database system is (starting up|shutting down)/i.test(
      text,
    )
  ) {
    return true;
  }
  return err.driverError !== undefined && err.driverError !== error ? isDatabaseUnavailable(err.driverError) : false;
}
