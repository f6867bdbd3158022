/**
 * What a scheduler asks about due work (vote deadlines, reminders, new budget periods, overviews):
 * the database knows it, the engine reads it. A scheduler only decides when to call `runDue`;
 * a queue-based one (BullMQ) may need `runDue` alone.
 */
export interface DueSource {
  /** The earliest moment something falls due, or null when nothing is waiting. */
  nextDueAt(): Date | null;
  /** Fires everything that fell due up to `now`, in time order. Returns how many items fired. */
  runDue(now: Date): number;
  /** Calls `listener` after every commit that may have changed what is due; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}
