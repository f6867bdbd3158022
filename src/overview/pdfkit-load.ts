import Module, { createRequire } from 'node:module';
import type PDFKitDocument from 'pdfkit';

/**
 * pdfkit, loaded at the first PDF rather than at start (a running bot that is never asked for an
 * export does not carry it in memory, about 25 MB), and without what the export never uses.
 * pdfkit requires fontkit (embedded fonts), all of crypto-js (encryption), png-js and jpeg-exif
 * (images) when it loads; the export draws with the standard Helvetica only, no images, no
 * password, and of crypto-js needs MD5 alone (the document's /ID). Loading those takes longer
 * than drawing a year of PDF, so each comes in as a stand-in that loads the real module at its
 * first use: the same module, only later (never, for the export). The PDF is the same bytes.
 */

const require = createRequire(import.meta.url);

/** Puts `exports` in Node's module cache under `path`, as if that file had been loaded. */
function preload(path: string, exports: unknown): void {
  const module = new Module(path);
  module.filename = path;
  module.loaded = true;
  module.exports = exports;
  require.cache[path] = module;
}

/**
 * A stand-in for the module at `path`: reading a property, calling it or `new` loads the real
 * module (once) and uses it; that is all pdfkit does with these modules. `own` answers some
 * properties from a smaller part of the module instead.
 */
function standIn(
  path: string,
  load: (path: string) => unknown,
  own: Record<string, () => unknown> = {},
): void {
  let real: unknown;
  const module = (): object => {
    if (real === undefined) {
      delete require.cache[path];
      real = load(path);
    }
    return real as object;
  };
  const target = function standIn() {};
  preload(
    path,
    new Proxy(target, {
      get: (_, key) =>
        typeof key === 'string' && Object.hasOwn(own, key)
          ? own[key]!()
          : Reflect.get(module(), key),
      apply: (_, self, args) => Reflect.apply(module() as () => unknown, self, args),
      construct: (_, args) => Reflect.construct(module() as new () => object, args),
    }),
  );
}

let pdfkit: typeof PDFKitDocument | null = null;

/**
 * The pdfkit document class, loaded once; the modules it needs only for embedded fonts, images
 * and encryption load when first used (a bot that later needs them gets the real ones).
 *
 * @example
 * const PDFDocument = loadPdfkit()
 * new PDFDocument({ size: 'A4' })
 */
export function loadPdfkit(): typeof PDFKitDocument {
  if (pdfkit) return pdfkit;
  const main = require.resolve('pdfkit');
  if (!require.cache[main]) {
    const fromPdfkit = createRequire(main);
    const later = (specifier: string, own?: Record<string, () => unknown>) => {
      const path = fromPdfkit.resolve(specifier);
      if (!require.cache[path]) standIn(path, fromPdfkit, own);
    };
    later('fontkit');
    later('png-js');
    later('jpeg-exif');
    later('crypto-js', {
      // The same functions crypto-js itself exports, from its own files: core and MD5 only.
      MD5: () => fromPdfkit('crypto-js/md5'),
      lib: () => (fromPdfkit('crypto-js/core') as { lib: unknown }).lib,
    });
  }
  return (pdfkit = require(main) as typeof PDFKitDocument);
}
