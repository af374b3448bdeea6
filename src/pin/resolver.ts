import type { RemoteRefs } from './remote-refs.js';

/** Lists the refs of an action repository (`owner/repo`); the git implementation is GitLsRemoteResolver. */
export interface RefResolver {
  listRefs(repository: string): Promise<RemoteRefs>;
  /** The URL a repository is fetched from (for messages and the history mirror). */
  urlOf(repository: string): string;
  /** How many remote listings were really made (cache hits excluded): the bench figure. */
  readonly calls: number;
  /** What to do when the remotes cannot be reached: the ways to run without the network. */
  offlineHint?(): string;
}

/** The error of an unreachable remote, with the ways to run without the network when the resolver knows them. */
export function unreachableMessage(head: string, failures: readonly ResolveFailure[], resolver: RefResolver): string {
  const hint = resolver.offlineHint?.();
  return `${head}:\n  ${failures.map((u) => u.message).join('\n  ')}${hint ? `\n${hint}` : ''}`;
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
