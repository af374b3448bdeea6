import { NetworkError } from '../core/errors.js';
import type { OsvRecord } from './osv.js';

export const DEFAULT_OSV_URL = 'https://api.osv.dev';

/**
 * Asks the OSV query API about one pin: by commit when there is one, else by repository URL and
 * tag in the GIT ecosystem. The API decides affectedness itself, so every returned record applies.
 */
export async function queryOsv(base: string, q: { commit?: string; url?: string; tag?: string }, timeoutMs = 30_000): Promise<OsvRecord[]> {
  const body = q.commit ? { commit: q.commit } : q.url && q.tag ? { package: { name: q.url, ecosystem: 'GIT' }, version: q.tag } : undefined;
  if (!body) return [];
  const url = `${base.replace(/\/+$/, '')}/v1/query`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new NetworkError(`OSV API ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new NetworkError(`OSV API ${url}: HTTP ${res.status}`);
  const json = (await res.json()) as { vulns?: OsvRecord[] };
  return json.vulns ?? [];
}
