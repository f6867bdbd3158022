/** The PDF document the export draws on: pdfkit's, with its standard fonts. */
export type Doc = PDFKit.PDFDocument;
