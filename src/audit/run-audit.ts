import type { AuditCapability, AuditContext } from './capability.js';
import type { AuditData, CapabilityOutcome } from './types.js';

export type ProgressEvent = { kind: 'start'; id: string; title: string } | { kind: 'done'; id: string; title: string; outcome: CapabilityOutcome };

/**
 * Runs every capability in turn, timing each, then those that read the others' findings. A
 * capability that throws is recorded as failed with its message; the others still report.
 *
 * In turn, not concurrently: their work is CPU-bound JavaScript on one thread (git is called
 * synchronously), so interleaving them saved nothing and blurred each one's time. Parallelism lives
 * inside the capabilities that pay for it: the workflow check and the import check spread large trees
 * over worker threads on machines with enough cores.
 */
export async function runCapabilities(
  capabilities: readonly AuditCapability[],
  ctx: AuditContext,
  data: AuditData,
  onProgress: (e: ProgressEvent) => void = () => {},
): Promise<void> {
  data.capabilities = [];
  for (const cap of [...capabilities.filter((c) => !c.after), ...capabilities.filter((c) => c.after)]) {
    onProgress({ kind: 'start', id: cap.id, title: cap.title });
    const t0 = performance.now();
    let outcome: CapabilityOutcome;
    try {
      const r = await cap.run(ctx, data);
      outcome = { id: cap.id, title: cap.title, area: cap.area, ...r, ms: performance.now() - t0 };
    } catch (e) {
      outcome = {
        id: cap.id,
        title: cap.title,
        area: cap.area,
        status: 'failed',
        note: (e as Error).message.split('\n')[0],
        findings: [],
        ms: performance.now() - t0,
      };
    }
    data.capabilities.push(outcome);
    onProgress({ kind: 'done', id: cap.id, title: cap.title, outcome });
  }
}
