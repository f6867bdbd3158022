/**
 * The port through which deadlines, reminders and new periods fire. A `DueSource` (the engine)
 * knows what is due (from the database); a scheduler only decides when to ask it. Implementations:
 * the embedded timer (`TimerScheduler`) and, with Redis, a BullMQ queue behind the same two methods.
 */
export interface Scheduler {
  /** Fires whatever is overdue now, then keeps firing things as they fall due. */
  start(): Promise<void>;
  /** Stops firing; nothing is lost, the database still knows what is due. */
  stop(): Promise<void>;
  /** Runs what is overdue now and looks at the next moment again (a `DueGate` opened). */
  reconcile(): Promise<void>;
}
