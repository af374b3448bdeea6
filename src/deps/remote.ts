import { git } from '../services/git.js';
import { parseLsRemote, type RemoteTag } from './tags.js';

/**
 * The URL to ask for an upstream: with a git base (`--git-base`), `owner/repo` on GitHub maps to
 * `<base>/owner/repo`, as pinning does, so tests and mirrors work without the network.
 */
export function remoteUrl(url: string, github: string | undefined, gitBase: string | undefined): string {
  if (gitBase && github) return `${gitBase.replace(/\/+$/, '')}/${github}`;
  return url;
}

/** `git ls-remote --tags`; failures become undefined so one unreachable upstream does not stop the audit. */
export async function listRemoteTags(url: string, timeoutMs = 30_000): Promise<{ tags?: RemoteTag[]; error?: string }> {
  try {
    const out = await git(['-c', 'protocol.file.allow=always', 'ls-remote', '--tags', url], { timeoutMs });
    return { tags: parseLsRemote(out) };
  } catch (e) {
    const msg = (e as Error).message;
    return { error: /fatal: .*/.exec(msg)?.[0] ?? msg.split('\n')[0] };
  }
}
