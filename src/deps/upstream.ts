import type { Component } from '../sbom/model.js';
import { listRemoteTags, remoteUrl } from './remote.js';
import type { RemoteTag } from './tags.js';

/** ls-remote for every component with an upstream, a few at a time; same URL asked once. */
export async function fetchUpstreamTags(
  components: readonly Component[],
  gitBase?: string,
  concurrency = 8,
): Promise<Map<string, { tags?: RemoteTag[]; error?: string }>> {
  const byUrl = new Map<string, Promise<{ tags?: RemoteTag[]; error?: string }>>();
  const out = new Map<string, { tags?: RemoteTag[]; error?: string }>();
  // a submodule URL is a git repository; an archive or a README link is only one on GitHub
  const queue = components.filter((c) => c.url && (c.kind === 'submodule' || c.github));
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const c = queue[next++]!;
      const url = remoteUrl(c.url!, c.github, gitBase);
      if (!byUrl.has(url)) byUrl.set(url, listRemoteTags(url));
      out.set(c.key, await byUrl.get(url)!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  return out;
}
