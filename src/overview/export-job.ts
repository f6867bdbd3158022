import type { OutboxFile } from '../delivery/port/outbox-message.ts';
import { EXPORT_FORMATS } from './export-formats.ts';
import type { Overview } from './overview.ts';

/**
 * The media type of an export job: what `/export` stores in the outbox instead of the files, in
 * the event's own (short) transaction. The files are rendered from it after the commit, outside
 * the write lock, and take its place (src/engine/export-rendering.ts). Never delivered: the message
 * that carries it is held back until then.
 */
export const EXPORT_JOB_MEDIA_TYPE = 'application/vnd.mmb.export-job+json';

/**
 * What to render: one overview, or several (one per team, with a totals page first, as
 * `mmb export --all` makes), as stored, under the files' common name.
 */
export type ExportJob = {
  /** The files' name without extension: `mmb-noord-ronde-1`. */
  base: string;
  households: boolean;
} & ({ overview: Overview } | { overviews: Overview[] });

/**
 * The outbox file that stands for the export's CSV and PDF until they are rendered.
 *
 * @example
 * exportJobFile({ base: 'mmb-noord-ronde-1', households: false, overview })
 * // { filename: 'mmb-noord-ronde-1.json', mediaType: EXPORT_JOB_MEDIA_TYPE, data: … }
 */
export function exportJobFile(job: ExportJob): OutboxFile {
  return {
    filename: `${job.base}.json`,
    mediaType: EXPORT_JOB_MEDIA_TYPE,
    data: new TextEncoder().encode(JSON.stringify(job)),
  };
}

/** Whether a reply's files hold an export job (and so must be rendered before delivery). */
export const holdsExportJob = (files: readonly OutboxFile[] | undefined): boolean =>
  files?.some((file) => file.mediaType === EXPORT_JOB_MEDIA_TYPE) ?? false;

/**
 * Renders an export job's files, one per export format (src/overview/export-formats.ts: the CSV
 * for Dutch Excel and the PDF), from the overview as it was when `/export` was typed (the job
 * holds it as JSON, as stored overviews are kept).
 */
export function renderExportJob(data: Uint8Array): OutboxFile[] {
  const job = JSON.parse(new TextDecoder().decode(data)) as ExportJob;
  const options = { households: job.households };
  const overviews = 'overviews' in job ? job.overviews : [job.overview];
  return EXPORT_FORMATS.map((format) => ({
    filename: `${job.base}.${format.name}`,
    mediaType: format.mediaType,
    data: format.render(overviews, options),
  }));
}
