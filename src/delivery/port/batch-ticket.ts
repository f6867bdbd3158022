/**
 * One adapter's share in the core's group commit, from `AdapterHost.beginBatch`: the events handled
 * with it wait for one commit, shared with whatever other adapters batch at the same time.
 * Opaque to the adapter: it only passes it back (`handle`, `commitBatch`). Use InboundBatch.
 *
 * @example
 * const ticket = host.beginBatch();
 * host.handle(event, ticket);
 * host.commitBatch(ticket); // throws when its events were undone: ask the platform again
 */
export interface BatchTicket {
  /** Until `commitBatch`: events handled with it join the batch. */
  readonly open: boolean;
}
