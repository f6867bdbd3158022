import { overviewsToCsv } from './export-csv.ts';
import { overviewsToPdf } from './export-pdf.ts';
import type { Overview } from './overview.ts';

/** One kind of file an overview can be exported as. */
export interface ExportFormat {
  /** The file's extension, and what `mmb export --format` takes: `csv`. */
  readonly name: string;
  /** The file's media type, as the chat platforms are told. */
  readonly mediaType: string;
  /** The file's bytes: one overview, or several (one per team) with the totals first. */
  render(overviews: readonly Overview[], options: { households: boolean }): Uint8Array;
}

/**
 * Every export format, in the order `/export` sends its files and `mmb export` names them (the
 * first is the CLI's default). A new format is one entry here: the chat's `/export` (through the
 * export job, src/overview/export-job.ts) and `mmb export --format` both take it from this table.
 * The PDF's library is loaded only when a PDF is rendered (src/overview/pdfkit-load.ts).
 */
export const EXPORT_FORMATS = [
  { name: 'csv', mediaType: 'text/csv', render: overviewsToCsv },
  { name: 'pdf', mediaType: 'application/pdf', render: overviewsToPdf },
] as const satisfies readonly ExportFormat[];

/** The name of an export format: `csv` or `pdf`. */
export type ExportFormatName = (typeof EXPORT_FORMATS)[number]['name'];

/** The format of this name (lower case), or undefined. */
export function exportFormat(name: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((format) => format.name === name);
}

/** Whether a word names an export format. */
export const isExportFormatName = (name: string): name is ExportFormatName =>
  exportFormat(name) !== undefined;
