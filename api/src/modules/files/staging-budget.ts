/**
 * Bytes of upload blocks being sent to Blob Storage at once, across every upload in the
 * process: each upload may keep several blocks in flight (throughput), but all of them
 * together stay under `maxBytes` (memory). A block may always go when nothing is in flight,
 * whatever its size.
 */
export function createStagingBudget(maxBytes: number) {
  let inFlight = 0;
  const waiting: Array<{ bytes: number; go: () => void }> = [];
  const fits = (bytes: number) => inFlight === 0 || inFlight + bytes <= maxBytes;
  return {
    /** Resolves once `bytes` may be sent; call `release(bytes)` when they are. */
    async acquire(bytes: number): Promise<void> {
      if (waiting.length === 0 && fits(bytes)) {
        inFlight += bytes;
        return;
      }
      await new Promise<void>((go) => waiting.push({ bytes, go }));
    },
    release(bytes: number): void {
      inFlight -= bytes;
      while (waiting.length > 0 && fits(waiting[0]!.bytes)) {
        const next = waiting.shift()!;
        inFlight += next.bytes;
        next.go();
      }
    },
    inFlight: () => inFlight,
  };
}

export type StagingBudget = ReturnType<typeof createStagingBudget>;

/** The process's budget: 20 MiB of blocks in flight across all uploads (see docs/performance.md, Uploads). */
export const stagingBudget = createStagingBudget(20 * 1024 * 1024);
