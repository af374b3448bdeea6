/** A mistake in how the tool was called: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Input that cannot be processed at all (a missing directory, an unreadable config): exit code 2. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** The output itself could not be written (a full disk, /dev/full, a closed pipe): exit code 2. */
export class OutputError extends Error {
  override name = 'OutputError';
}

/** Needs the network and could not reach it, or resolution failed: exit code 2 with a clear message. */
export class NetworkError extends Error {
  override name = 'NetworkError';
}
