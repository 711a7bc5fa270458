// Work that outlives the HTTP answer (a deferred interaction's follow-up). Tracked so tests can
// wait for it and shutdown can let it finish instead of cutting a reply off mid-send.
export interface BackgroundTasks {
  /** Tracks a task; its failure must already be handled (it is only awaited, never rethrown). */
  add(task: Promise<void>): void;
  /** Resolves when every task added so far (and any they add) has settled. */
  drain(): Promise<void>;
  readonly size: number;
}

export function createBackgroundTasks(): BackgroundTasks {
  const pending = new Set<Promise<void>>();
  return {
    add(task) {
      const tracked = task.catch(() => undefined).finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
    async drain() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    get size() {
      return pending.size;
    },
  };
}
