/**
 * An error whose message is meant for a human at a terminal: one line, no stack trace.
 * The dev scripts print `err.message` alone for these and exit with status 1.
 */
export class StartupError extends Error {
  /**
   * @param {string} message one line, saying what happened and what to do about it
   * @param {{ code?: string, port?: number, envVar?: string, cause?: unknown }} [details]
   */
  constructor(message, details = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'StartupError';
    /** @type {string | undefined} */
    this.code = details.code;
    /** @type {number | undefined} */
    this.port = details.port;
    /** @type {string | undefined} */
    this.envVar = details.envVar;
  }
}

/**
 * Turns a listen() failure into a StartupError that names the port and the variable to change.
 * @param {NodeJS.ErrnoException} err
 * @param {{ port: number, host?: string, what: string, envVar: string }} where
 * @returns {Error}
 */
export function listenError(err, { port, host, what, envVar }) {
  const details = { code: err.code, port, envVar, cause: err };
  switch (err.code) {
    case 'EADDRINUSE':
      return new StartupError(
        `Port ${port} is already in use (${what}). Set ${envVar} to use another port.`,
        details,
      );
    case 'EACCES':
      return new StartupError(
        `Not allowed to listen on port ${port} (${what}). Set ${envVar} to a port above 1023.`,
        details,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new StartupError(
        `Cannot listen on ${host}:${port} (${what}): no such local address. Check SWITCHYARD_HOST.`,
        details,
      );
    default:
      return new StartupError(`Cannot listen on port ${port} (${what}): ${err.message}`, details);
  }
}
