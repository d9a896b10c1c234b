/** A configuration or environment problem the operator must fix; printed as one line, never a stack. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Exits the process with the one-line explanation for ConfigErrors and a stack for real bugs. */
export function exitOnStartupError(err: unknown): never {
  if (err instanceof ConfigError) {
    console.error(`Throughline cannot start. ${err.message}`);
  } else {
    console.error('Throughline failed to start:', err);
  }
  process.exit(1);
}
