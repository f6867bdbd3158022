/** The default keyword table: a category and the words in a description that put a grant in it. */
export const DEFAULT_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  wonen: [
    'grofvuil',
    'huur',
    'huurachterstand',
    'borg',
    'verhuizing',
    'verhuis',
    'meubel',
    'bed',
    'matras',
    'koelkast',
    'wasmachine',
    'schoonmaak',
    'ongedierte',
    'slot',
  ],
  levensonderhoud: [
    'boodschappen',
    'leefgeld',
    'pinpas',
    'voedsel',
    'eten',
    'kleding',
    'kleren',
    'luiers',
    'babyvoeding',
  ],
  vervoer: [
    'vervoer',
    'ov',
    'ov-kaart',
    'buskaart',
    'bus',
    'trein',
    'fiets',
    'fietsreparatie',
    'taxi',
    'benzine',
  ],
  energie: ['energie', 'gas', 'stroom', 'water', 'energierekening'],
  zorg: ['zorg', 'medicijn', 'medicijnen', 'eigen risico', 'tandarts', 'bril', 'apotheek'],
  school: ['school', 'schoolspullen', 'schoolreis', 'laptop', 'studie', 'cursus', 'zwemles'],
  documenten: ['paspoort', 'id-kaart', 'identiteitskaart', 'uittreksel', 'leges', 'pasfoto'],
  schulden: ['boete', 'aanmaning', 'incasso', 'schuld', 'achterstand'],
};

/** The category of everything no keyword matches. */
export const OTHER_CATEGORY = 'overig';

/**
 * Merges a team's own keywords into the default table: a team can add words to a category or
 * add categories of its own.
 *
 * @example
 * mergeCategories({ sport: ['contributie'] }).sport // ['contributie']
 */
export function mergeCategories(
  extra: Readonly<Record<string, readonly string[]>> = {},
): Record<string, string[]> {
  const merged: Record<string, string[]> = {};
  for (const [category, words] of Object.entries(DEFAULT_CATEGORIES)) merged[category] = [...words];
  for (const [category, words] of Object.entries(extra)) {
    const key = category.toLowerCase();
    merged[key] = [...new Set([...(merged[key] ?? []), ...words.map((w) => w.toLowerCase())])];
  }
  return merged;
}

const words = (text: string) => ` ${text.toLowerCase().replace(/[^\p{L}\p{N}-]+/gu, ' ')} `;

/**
 * The category of a grant, from the first keyword its description contains: as a whole word, or
 * for keywords of five letters or more also as the start of a word ("fietsreparatie" matches
 * "fiets", but "overleg" does not match "ov"). Categories are tried in table order.
 *
 * @example
 * categorize('grofvuil ophalen', mergeCategories()) // 'wonen'
 * categorize('zwemdiploma', mergeCategories())      // 'overig'
 */
export function categorize(
  description: string,
  table: Readonly<Record<string, readonly string[]>>,
): string {
  const text = words(description);
  for (const [category, keywords] of Object.entries(table)) {
    const hit = keywords.some((keyword) => {
      const word = keyword.toLowerCase();
      return text.includes(` ${word} `) || (word.length >= 5 && text.includes(` ${word}`));
    });
    if (hit) return category;
  }
  return OTHER_CATEGORY;
}
