import type { RemoteRefs } from './remote-refs.js';

/** Lists the refs of an action repository (`owner/repo`); the git implementation is GitLsRemoteResolver. */
export interface RefResolver {
  listRefs(repository: string): Promise<RemoteRefs>;
  /** The URL a repository is fetched from (for messages and the history mirror). */
  urlOf(repository: string): string;
  /** How many remote listings were really made (cache hits excluded): the bench figure. */
  readonly calls: number;
}

/** A repository that could not be listed: missing (a finding) or unreachable (an error naming it). */
export class ResolveFailure extends Error {
  constructor(
    readonly repository: string,
    readonly reason: 'not-found' | 'unreachable',
    message: string,
  ) {
    super(message);
  }
}
