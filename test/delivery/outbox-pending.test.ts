import { describe, expect, it } from 'vitest';
import {
  enqueue,
  markAttemptFailed,
  markSent,
  nextPendingAt,
  pendingMessages,
} from '../../src/delivery/outbox.ts';
import { openDatabase } from '../../src/store/database.ts';
import { Statements } from '../../src/store/statements.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute));

function outbox() {
  const sql = new Statements(openDatabase(':memory:'));
  const put = (chat: string, text: string, minute = 0) => enqueue(sql, chat, { text }, at(minute));
  return { sql, put };
}

describe('the outbox: what may go out now', () => {
  it('gives per chat only the oldest waiting message, all chats in the order they were queued', () => {
    const { sql, put } = outbox();
    put('b', 'b1');
    put('a', 'a1');
    put('b', 'b2');
    put('c', 'c1');
    put('a', 'a2');
    expect(pendingMessages(sql, at(5)).map((m) => m.text)).toEqual(['b1', 'a1', 'c1']);
    markSent(sql, 1, at(5), 'x1');
    expect(pendingMessages(sql, at(5)).map((m) => m.text)).toEqual(['a1', 'b2', 'c1']);
  });

  it('takes at most `limit`, the oldest first', () => {
    const { sql, put } = outbox();
    for (const chat of ['e', 'd', 'c', 'b', 'a']) put(chat, chat);
    expect(pendingMessages(sql, at(5), 2).map((m) => m.text)).toEqual(['e', 'd']);
  });

  it('holds a chat back while its oldest message waits for a retry, and says when that is due', () => {
    const { sql, put } = outbox();
    const first = put('a', 'a1');
    put('a', 'a2');
    put('b', 'b1', 1);
    markAttemptFailed(sql, first, 'Timeout', at(30), at(2));
    expect(pendingMessages(sql, at(10)).map((m) => m.text)).toEqual(['b1']);
    expect(nextPendingAt(sql)).toEqual(at(1));
    markSent(sql, 3, at(10), 'x3');
    expect(nextPendingAt(sql)).toEqual(at(30)); // a2 waits behind a1, whatever its own time
    expect(pendingMessages(sql, at(30)).map((m) => m.text)).toEqual(['a1']);
  });

  it('leaves out what was sent or given up, and has nothing due when nothing waits', () => {
    const { sql, put } = outbox();
    const sent = put('a', 'a1');
    const failed = put('b', 'b1');
    markSent(sql, sent, at(1), null);
    markAttemptFailed(sql, failed, 'Forbidden', null, at(1));
    expect(pendingMessages(sql, at(5))).toEqual([]);
    expect(nextPendingAt(sql)).toBeNull();
  });
});
