/** How long a process asked to stop (SIGTERM, SIGINT) may take before it exits regardless. */
export const STOP_DEADLINE_MS = 8_000;

export interface StopSignals {
  /** Aborted at the first SIGTERM or SIGINT (or `stop()`): what is starting or running ends. */
  readonly signal: AbortSignal;
  /** Resolves when the process is asked to stop. */
  readonly stopped: Promise<void>;
  /** Asks the process to stop from within (the console's input ended, a failure). */
  stop(): void;
  /** Says what the stop is doing now; the deadline's log line names it. */
  step(what: string): void;
  /** Removes the handlers and the deadline (the stop finished). */
  dispose(): void;
}

/**
 * SIGTERM and SIGINT as one AbortSignal, set up before anything else in a long-running command
 * (`mmb start`, `mmb worker`), so a stop ends the process in every state, also in the middle of
 * its start. Every stop has a deadline: when the process is still busy stopping `deadlineMs`
 * after it was asked, `late` is called with the step it hangs in (to log it) and the process
 * exits with code 1. The deadline's timer never keeps the process alive by itself. A second
 * signal ends the process at once (Node's default).
 *
 * @example
 * const stops = stopSignals({ late: (step) => logger.error({ step }, 'stop took too long') });
 * await startEverything(stops.signal);
 * await stops.stopped;
 * stops.step('closing the database');
 */
export function stopSignals(options: {
  late: (step: string) => void;
  deadlineMs?: number;
  exit?: (code: number) => void;
}): StopSignals {
  const controller = new AbortController();
  let step = 'stopping';
  let deadline: NodeJS.Timeout | null = null;
  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  const stop = () => {
    if (controller.signal.aborted) return;
    controller.abort(new Error('stopped'));
    resolveStopped();
  };
  const onSignal = () => {
    stop();
    deadline ??= setTimeout(() => {
      options.late(step);
      (options.exit ?? process.exit)(1);
    }, options.deadlineMs ?? STOP_DEADLINE_MS);
    deadline.unref();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return {
    signal: controller.signal,
    stopped,
    stop,
    step: (what) => (step = what),
    dispose() {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      if (deadline) clearTimeout(deadline);
    },
  };
}
