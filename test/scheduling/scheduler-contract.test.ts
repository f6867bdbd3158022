import { TimerScheduler } from '../../src/scheduling/timer-scheduler.ts';
import { BullmqScheduler } from '../../src/redis/bullmq-scheduler.ts';
import { deleteKeys, testPrefix, testRedisUrl } from '../support/redis.ts';
import { schedulerContract } from './scheduler-contract.ts';

schedulerContract({
  name: 'embedded TimerScheduler',
  make: (source, clock) => new TimerScheduler(source, clock),
});

const prefixes: string[] = [];
schedulerContract({
  name: 'BullMQ on a real Redis',
  make: (source, clock) => {
    const prefix = testPrefix();
    prefixes.push(prefix);
    return new BullmqScheduler(source, { url: testRedisUrl(), prefix, clock });
  },
  after: async () => {
    for (const prefix of prefixes.splice(0)) await deleteKeys(testRedisUrl(), prefix);
  },
});
