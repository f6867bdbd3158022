import { describe, expect, it } from 'vitest';
import { deliverSoon } from '../../src/delivery/outbox-delivery.ts';
import { recordingLogger } from '../adapters/whatsapp/rig.ts';

describe('deliverSoon', () => {
  it('logs a failed round by its name and never rejects, so the process lives on', async () => {
    const log: string[] = [];
    let settle = (): void => {};
    const done = new Promise<void>((resolve) => (settle = resolve));
    const failing = {
      flush: () => {
        const round = Promise.reject(new RangeError('disk full while marking "grofvuil €33"'));
        void round.catch(() => {}).then(() => setTimeout(settle, 0));
        return round;
      },
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      expect(deliverSoon(failing, recordingLogger(log))).toBeUndefined();
      await done;
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^error delivery round failed.*"error":"RangeError"/);
    expect(log[0]).not.toContain('grofvuil');
  });

  it('starts the round at once', () => {
    let rounds = 0;
    deliverSoon({ flush: async () => ++rounds }, recordingLogger([]));
    expect(rounds).toBe(1);
  });
});
