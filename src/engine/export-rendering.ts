import type { OutboxFile } from '../delivery/port/outbox-message.ts';
import { inWriteTransaction } from '../store/database.ts';
import {
  appendText,
  deleteFile,
  insertFile,
  releaseHeld,
  setNextAttempt,
  waitingFilesOfType,
} from '../store/outbox.ts';
import type { Logger } from '../core/logger.ts';
import { EXPORT_JOB_MEDIA_TYPE, renderExportJob } from '../overview/export-job.ts';
import type { Statements } from '../store/statements.ts';

/** The latest moment a Date can hold: a held message never comes due by itself. */
const HELD = 8_640_000_000_000_000;

/** What a reply says when its files could not be made: it goes without them, and says so. */
const NO_FILES =
  '\n\n⚠️ De bestanden konden niet worden gemaakt en zitten er niet bij. Typ /export nog eens.';

/**
 * Holds an outbox message back until its export is rendered: the dispatcher sends a chat's
 * messages in order, so the ones queued after it wait too. Run in the transaction that queued it.
 */
export function holdForRendering(sql: Statements, outboxId: number): void {
  setNextAttempt(sql, outboxId, HELD);
}

/**
 * Renders every export job waiting in the outbox (see src/overview/export-job.ts) into its files
 * and releases its message, each in its own short write transaction. The slow part (the PDF) runs
 * outside any transaction, so it never holds the write lock. Run after the commit that queued the
 * job, and at start: a job whose rendering a crash cut short is still in the outbox, held, and is
 * rendered then. A job that cannot be rendered releases its message without files, saying so.
 * Returns how many jobs it handled.
 */
export function renderHeldExports(sql: Statements, logger: Logger): number {
  const jobs = waitingFilesOfType(sql, EXPORT_JOB_MEDIA_TYPE);
  for (const job of jobs) {
    let files: OutboxFile[] | null = null;
    try {
      files = renderExportJob(new Uint8Array(job.data));
    } catch (error) {
      logger.error({ error: (error as Error).name, outbox: job.outbox_id }, 'export not rendered');
    }
    inWriteTransaction(sql.db, () => {
      deleteFile(sql, job.outbox_id, job.position);
      if (files) {
        files.forEach((file, index) => insertFile(sql, job.outbox_id, job.position + index, file));
      } else {
        appendText(sql, job.outbox_id, NO_FILES);
      }
      releaseHeld(sql, job.outbox_id, HELD);
    });
  }
  return jobs.length;
}
