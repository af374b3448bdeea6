import type { AuditCapability, AuditContext } from './capability.js';
import type { AuditData, CapabilityOutcome } from './types.js';

export type ProgressEvent =
  | { kind: 'start'; id: string; title: string }
  | { kind: 'done'; id: string; title: string; outcome: CapabilityOutcome };

/**
 * Runs every capability concurrently (each is async; the CPU-heavy ones use worker threads
 * themselves), timing each. A capability that throws is recorded as failed with its message;
 * the others still report.
 */
export async function runCapabilities(capabilities: readonly AuditCapability[], ctx: AuditContext, data: AuditData, onProgress: (e: ProgressEvent) => void = () => {}): Promise<void> {
  data.capabilities = await runConcurrently(capabilities.filter((c) => !c.after), ctx, data, onProgress);
  // Capabilities that read the others' findings run once those are in.
  data.capabilities.push(...(await runConcurrently(capabilities.filter((c) => c.after), ctx, data, onProgress)));
}

function runConcurrently(capabilities: readonly AuditCapability[], ctx: AuditContext, data: AuditData, onProgress: (e: ProgressEvent) => void): Promise<CapabilityOutcome[]> {
  return Promise.all(
    capabilities.map(async (cap): Promise<CapabilityOutcome> => {
      onProgress({ kind: 'start', id: cap.id, title: cap.title });
      const t0 = performance.now();
      let outcome: CapabilityOutcome;
      try {
        // Yield first so capabilities really start together rather than one after the other.
        await new Promise((r) => setImmediate(r));
        const r = await cap.run(ctx, data);
        outcome = { id: cap.id, title: cap.title, area: cap.area, ...r, ms: performance.now() - t0 };
      } catch (e) {
        outcome = { id: cap.id, title: cap.title, area: cap.area, status: 'failed', note: (e as Error).message.split('\n')[0], findings: [], ms: performance.now() - t0 };
      }
      onProgress({ kind: 'done', id: cap.id, title: cap.title, outcome });
      return outcome;
    }),
  );
}
