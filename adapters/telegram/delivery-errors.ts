import { GrammyError, HttpError } from 'grammy';
import { DeliveryError } from '../../src/delivery/port/index.ts';

/** How long to wait after a 429 that named no time, and after a refused token. */
const DEFAULT_RETRY_MS = 5_000;
const TOKEN_RETRY_MS = 60_000;

/**
 * What the dispatcher should do about a failed Bot API call: a 429 waits `retry_after`; a 403
 * (the bot was kicked, blocked or is no member) and a 400 (Telegram will never take this
 * message) give the message up; a network error, a 5xx or a refused token try again with
 * back-off. Anything else is a bug and is returned as it is.
 *
 * @example
 * toDeliveryError(new GrammyError('…', { ok: false, error_code: 403, description: 'Forbidden: bot was kicked from the group chat' }, 'sendMessage', {}))
 * // DeliveryError { options: { permanent: true } }
 */
export function toDeliveryError(error: unknown): unknown {
  if (error instanceof DeliveryError) return error;
  if (error instanceof GrammyError) {
    const what = `${error.method}: ${error.error_code}`;
    if (error.error_code === 429)
      return new DeliveryError(what, {
        retryAfterMs: (error.parameters.retry_after ?? DEFAULT_RETRY_MS / 1000) * 1000,
      });
    if (error.error_code === 403 || error.error_code === 400)
      return new DeliveryError(what, { permanent: true });
    if (error.error_code === 401 || error.error_code === 404)
      return new DeliveryError(what, { retryAfterMs: TOKEN_RETRY_MS });
    return new DeliveryError(what);
  }
  if (error instanceof HttpError) return new DeliveryError('network');
  return error;
}

/**
 * Whether an edit failed only because the message already looks like that.
 *
 * @example
 * isNotModified(new GrammyError('…', { ok: false, error_code: 400, description: 'Bad Request: message is not modified' }, 'editMessageText', {})) // true
 */
export function isNotModified(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    /message is not modified/i.test(error.description)
  );
}

/**
 * The supergroup a group became, when Telegram refused a call because of that migration.
 *
 * @example
 * migratedTo(error) // -1001234567890, or null
 */
export function migratedTo(error: unknown): number | null {
  if (!(error instanceof GrammyError)) return null;
  return error.parameters.migrate_to_chat_id ?? null;
}

/**
 * What may be logged about an error: its kind and code, never its text or the request.
 *
 * @example
 * errorFacts(grammyError) // { error: 'GrammyError', code: 403 }
 */
export function errorFacts(error: unknown): { error: string; code?: number; stack?: string } {
  if (error instanceof GrammyError) return { error: error.name, code: error.error_code };
  if (!(error instanceof Error)) return { error: typeof error };
  // The stack's first line repeats the message, which may hold user text: keep only the frames.
  const frames = error.stack?.split('\n').slice(1).join('\n');
  return { error: error.name, ...(frames ? { stack: frames } : {}) };
}
