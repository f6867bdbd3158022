import { Dispatcher } from '../../src/delivery/dispatcher.ts';
import { BullmqDelivery } from '../../src/redis/bullmq-delivery.ts';
import { requestView } from '../../src/rules/request-view.ts';
import { deleteKeys, testPrefix, testRedisUrl } from '../support/redis.ts';
import { deliveryContract } from './delivery-contract.ts';

deliveryContract({
  name: 'embedded Dispatcher',
  make: (sql, clock, options) => new Dispatcher(sql, clock, undefined, requestView, options),
});

const prefixes: string[] = [];
deliveryContract({
  name: 'BullMQ on a real Redis',
  make: (sql, clock, options) => {
    const prefix = testPrefix();
    prefixes.push(prefix);
    return new BullmqDelivery({
      url: testRedisUrl(),
      prefix,
      sql,
      clock,
      viewOf: requestView,
      ...options,
    });
  },
  after: async () => {
    for (const prefix of prefixes.splice(0)) await deleteKeys(testRedisUrl(), prefix);
  },
});
