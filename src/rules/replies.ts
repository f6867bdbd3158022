import { formatCents as euro } from '../text/money.ts';
import type { Period } from './periods.ts';
import type { BudgetRequest, RequestStatus } from '../store/requests.ts';
import { formatDay, formatDeadline, localDateOf } from '../text/time.ts';

// Every sentence the bot says about requests and votes, in one place: short, friendly Dutch,
// and every refusal says why and what to do instead.

const what = (r: BudgetRequest) =>
  r.description ? `${euro(r.amountCents)} ${r.description}` : euro(r.amountCents);

/** The bot's answer to a new request. */
export function requestOpened(r: BudgetRequest, votesNeeded: number): string {
  return (
    `📝 Aanvraag #${r.number}: ${what(r)} voor huishouden ${r.household}. ` +
    `${votesNeeded}× ja vóór ${formatDeadline(r.deadlineAt)} en het is toegekend. ` +
    `Stem met 'ja #${r.number}' of reageer op de aanvraag.`
  );
}

/** The running count of votes on a request. */
export function tallyLine(
  r: BudgetRequest,
  yes: number,
  no: number,
  votesNeeded: number,
  blockOnNee: boolean,
): string {
  const noPart = no > 0 ? ` · ${no} nee` : '';
  const blocked =
    blockOnNee && no > 0 ? " Een 'nee' houdt deze aanvraag tegen zolang die blijft staan." : '';
  return `#${r.number}: ${yes} van ${votesNeeded} ja${noPart} · verloopt ${formatDeadline(r.deadlineAt)}.${blocked}`;
}

/** The confirmation when a request gets its last "ja". */
export function requestApproved(r: BudgetRequest, balanceCents: number): string {
  return `✅ Aanvraag #${r.number} is toegekend: ${what(r)} voor huishouden ${r.household}. Nieuw saldo: ${euro(balanceCents)}.`;
}

/** The message when a request ran out of time. */
export function requestExpired(r: BudgetRequest, yes: number, votesNeeded: number): string {
  return (
    `⌛ Aanvraag #${r.number} (${what(r)}) is verlopen met ${yes} van ${votesNeeded} keer ja. ` +
    `Het bedrag is weer vrij; plaats hem gerust opnieuw als het nog nodig is.`
  );
}

/** The reminder before the deadline. */
export function requestReminder(r: BudgetRequest, missing: number): string {
  return (
    `⏰ Aanvraag #${r.number} (${what(r)}, huishouden ${r.household}) heeft nog ${missing}× ja nodig ` +
    `vóór ${formatDeadline(r.deadlineAt)}.`
  );
}

/** The confirmation of a cancel. */
export function requestCancelled(r: BudgetRequest): string {
  return `🚫 Aanvraag #${r.number} (${what(r)}) is geannuleerd; ${euro(r.amountCents)} is weer vrij.`;
}

const STATUS_WORD: Record<RequestStatus, string> = {
  open: 'open',
  approved: 'toegekend',
  expired: 'verlopen',
  cancelled: 'geannuleerd',
};

/** The Dutch word for a status. */
export const statusWord = (status: RequestStatus): string => STATUS_WORD[status];

export const refuse = {
  overPot: (amount: number, available: number) =>
    `Die aanvraag past niet: er is nog ${euro(Math.max(available, 0))} vrij in de pot en je vraagt ${euro(amount)}. ` +
    `Vraag minder, of vraag een coördinator om bij te storten.`,
  overCap: (household: string, remaining: number, cap: number) =>
    remaining > 0
      ? `Die aanvraag past niet: huishouden ${household} kan deze periode nog ${euro(remaining)} krijgen (maximaal ${euro(cap)}). Vraag hooguit ${euro(remaining)}.`
      : `Die aanvraag past niet: huishouden ${household} heeft het maximum van ${euro(cap)} voor deze periode al (toegekend of open). Zoek samen een andere oplossing.`,
  noHousehold: () =>
    `Ik zie een bedrag maar geen huishoudcode. Zet er bijvoorbeeld 'huishouden 12' bij, dan plaats ik de aanvraag.`,
  householdIsName: () =>
    `Gebruik een huishoudcode, geen naam (privacy). Bijvoorbeeld: 'grofvuil €33 voor huishouden 12'.`,
  /** A name or street where the household code belongs (`hh DeVries3`); what was typed is not quoted (privacy). */
  householdFormat: () =>
    `Dat is geen huishoudcode: een code is een nummer, hooguit met een korte letter ervoor of erna (zoals 12, N12 of 12a), nooit een naam of straat (privacy). ` +
    `Ik heb niets gereserveerd. Zet de code erbij, bijvoorbeeld 'grofvuil €33 hh 12'.`,
  /** A range or estimate (`tussen 50 en 60 euro`, `ongeveer €50`): one certain amount is needed. */
  estimate: (seen: string) =>
    `Ik lees '${seen}' als een schatting of een bereik, en een aanvraag reserveert één vast bedrag: ik heb niets gereserveerd. ` +
    `Weet je het bedrag? Schrijf dan één getal met € ervoor, bijvoorbeeld 'grofvuil €55 hh 12'.`,
  /** A question that names an amount and a household (rule 16): not a request. */
  questionHint: () =>
    `Is dit een aanvraag? Zet het dan zo, zonder vraag: 'grofvuil €33 hh 12'. Ik heb niets gereserveerd.`,
  /** A report of money given or paid before (rule 16): not a request. */
  pastHint: () =>
    `Dit lees ik als iets wat al gebeurd is, dus ik heb niets gereserveerd. ` +
    `Is het een nieuwe aanvraag? Zet het dan zo: 'grofvuil €33 hh 12'.`,
  /** A vote taken back in the same message (rule 5): not counted. */
  voteUnclear: (number: number | null) => {
    const ref = number === null ? '' : ` #${number}`;
    return (
      `Stem je ja of nee${number === null ? '' : ` op #${number}`}? Dit bericht tel ik niet, want er staat ook 'nee', 'wacht' of 'sorry' in. ` +
      `Stuur alleen 'ja${ref}' of alleen 'nee${ref}'.`
    );
  },
  noAmount: () => `Ik mis het bedrag. Bijvoorbeeld: '/aanvraag 33 grofvuil huishouden 12'.`,
  unreadableAmount: () =>
    `Ik kan het bedrag niet lezen. Schrijf het bijvoorbeeld als €33 of € 33,50.`,
  negativeAmount: (seen: string) =>
    `Een aanvraag kan niet negatief zijn, en ik zie een minteken in '${seen}'. ` +
    `Schrijf het bedrag zonder min, bijvoorbeeld 'grofvuil €33 hh 12'; geld terug in de pot boekt een coördinator met /correctie.`,
  ambiguousAmount: (seen: string) =>
    `Ik weet niet zeker welk bedrag je bedoelt met '${seen}'. ` +
    `Schrijf het als één getal zonder spatie of letter, bijvoorbeeld €1.250 of €12,50.`,
  /** `seen`: the amounts as typed; the same amount twice may mean one amount or a total. */
  twoAmounts: (seen: readonly string[]) =>
    seen.every((s) => sameText(s, seen[0] ?? ''))
      ? `Ik zie ${seen[0]} ${timesWord(seen.length)} en weet niet of het één bedrag is of meer. ` +
        `Noem het totaal één keer met € ervoor, bijvoorbeeld 'bus en eten €40 hh 12'.`
      : `Ik weet niet zeker welk bedrag je bedoelt: ${joinNames([...seen])}. ` +
        `Noem één bedrag met € ervoor, bijvoorbeeld 'grofvuil €33 hh 12'; wat de aanvraag voorkomt mag na 'voorkomt'.`,
  twoHouseholds: (seen: readonly string[]) =>
    `Ik zie meer dan één huishouden: ${joinNames([...seen], 'en')}. ` +
    `Plaats één aanvraag per huishouden, bijvoorbeeld 'grofvuil €33 hh 12'.`,
  /** `example`: how to write it instead, e.g. `'hh 12'` or `/huishouden 12`. */
  ambiguousHousehold: (seen: string, example = "'hh 12'") =>
    `Ik weet niet zeker welk huishouden je bedoelt met '${seen}'. ` +
    `Schrijf de code zonder punt tussen de cijfers, bijvoorbeeld ${example}.`,
  zeroAmount: () =>
    `Een aanvraag van € 0,00 kan niet. Noem het bedrag dat nodig is, bijvoorbeeld €33.`,
  tooLarge: (cap: number) =>
    `Dat bedrag is te groot voor dit budget: een huishouden kan per periode hooguit ${euro(cap)} krijgen.`,
  beforeStart: (start: Date) =>
    `Het budget van dit team start op ${formatDay(start)}. Plaats de aanvraag vanaf dan.`,
  ownVote: (r: BudgetRequest) =>
    `Je eigen stem telt niet mee bij #${r.number}; er zijn stemmen van collega's nodig.`,
  decided: (r: BudgetRequest) =>
    `Aanvraag #${r.number} is al ${statusWord(r.status)}; stemmen kan niet meer.`,
  tooLate: (r: BudgetRequest) =>
    `De stemtijd van #${r.number} was al voorbij toen je stemde; deze stem telt niet.`,
  whichRequest: (numbers: number[]) =>
    `Er staan meerdere aanvragen open (${numbers.map((n) => `#${n}`).join(', ')}). ` +
    `Over welke gaat je stem? Typ bijvoorbeeld 'ja #${numbers[0]}' of reageer op de aanvraag.`,
  unknownRequest: (n: number) =>
    `Ik ken geen aanvraag #${n} in dit team. Typ /open voor de lopende aanvragen.`,
  unknownCommand: () => `Dat commando ken ik niet. Typ /help voor wat ik kan.`,
  /** `coordinators`: their names where known (null: the team has coordinators, none known by name). */
  coordinatorsOnly: (task: string, coordinators: string[] | null) =>
    `Alleen een coördinator kan ${task}. ${askCoordinator(coordinators)}`,
  advisersOnly: (task: string, coordinators: string[] | null) =>
    `Alleen een coördinator of communicatieadviseur kan ${task}. ${askCoordinator(coordinators)}`,
  adminsOnly: (task: string) =>
    `Alleen een beheerder kan ${task}. Vraag het aan de beheerder van de bot.`,
};

/**
 * A budget period as people name it: the year for a calendar year, otherwise its first and last day.
 *
 * @example
 * periodName(period2026) // '2026'
 * periodName(firstHalf2026) // '1 jan 2026 t/m 30 jun 2026'
 */
export function periodName(period: Period): string {
  const first = localDateOf(period.start);
  const year = Number(first.slice(0, 4));
  if (first.endsWith('-01-01') && localDateOf(period.end) === `${year + 1}-01-01`)
    return String(year);
  return `${formatDay(period.start)} t/m ${formatDay(new Date(period.end.getTime() - 1))}`;
}

/** What the bot says about a budget period that has closed (docs/rules.md rule 13). */
export const closedPeriod = {
  /** A request typed in a period that closed before the message arrived. */
  request: (typedAt: Date, period: Period) =>
    `Deze aanvraag is van ${formatDay(typedAt)} en kwam pas binnen toen budgetperiode ${periodName(period)} al was afgesloten, dus ik boek hem niet. ` +
    `Nog nodig? Plaats hem dan opnieuw: dan telt hij voor deze periode.`,
  /** A deposit typed in a period that closed before the message arrived. */
  deposit: (typedAt: Date, period: Period) =>
    `Deze storting is van ${formatDay(typedAt)}, maar budgetperiode ${periodName(period)} is inmiddels afgesloten: ik heb niets geboekt. ` +
    `Typ /storten opnieuw om in de pot van deze periode te storten.`,
  /** A correction up of a grant of a closed period. */
  correctionUp: (number: number, period: Period, extraCents: number) =>
    `#${number} is toegekend in budgetperiode ${periodName(period)}, en die is afgesloten: daar kan niets meer bij. ` +
    `Is er toch meer nodig? Plaats dan een nieuwe aanvraag voor het verschil (${euro(extraCents)}).`,
  /** Money back to a closed period of a team that does not carry over: it lapsed. */
  lapsed: (period: Period, balanceCents: number) =>
    `gaat terug naar budgetperiode ${periodName(period)}. Die is afgesloten, dus het bedrag vervalt. Het saldo blijft ${euro(balanceCents)}.`,
  /** Money back from a closed period of a team that carries over: it is in this period's pot. */
  carried: (amountCents: number, period: Period) =>
    `${euro(amountCents)} uit budgetperiode ${periodName(period)} naar de pot van deze periode`,
};

/** Two pieces of quoted text that differ only in spaces and case (`€ 20`, `€20`). */
function sameText(a: string, b: string): boolean {
  return a.replaceAll(' ', '').toLowerCase() === b.replaceAll(' ', '').toLowerCase();
}

/** `twee keer`, `drie keer`, `4 keer`. */
function timesWord(n: number): string {
  return `${n === 2 ? 'twee' : n === 3 ? 'drie' : String(n)} keer`;
}

function askCoordinator(names: string[] | null): string {
  if (names === null) return 'Vraag het aan een coördinator van dit team.';
  if (names.length === 0)
    return 'Dit team heeft nog geen coördinator: vraag de beheerder er een te benoemen.';
  return `Vraag het aan ${joinNames(names)}.`;
}

/** The warning when a message seems to hold personal data. */
export function privacyWarning(kinds: string): string {
  return (
    `🔒 Let op: dit bericht lijkt ${kinds} te bevatten. Dat sla ik niet op. ` +
    `Haal het bericht liever weg en gebruik alleen de huishoudcode.`
  );
}

/** The answer to an edited request or vote: the edit changes nothing. */
export function editIgnored(): string {
  return (
    `✏️ Een bewerkt bericht telt niet: de aanvraag of stem blijft zoals hij was. ` +
    `Klopt er iets niet? Trek de aanvraag in met /annuleer <nr> en plaats hem opnieuw, ` +
    `of stem opnieuw in een nieuw bericht.`
  );
}

/** The answer to a forwarded request or vote: it counts as neither (docs/rules.md rule 16). */
export function forwardedIgnored(): string {
  return `↪️ Doorgestuurde berichten tellen niet als aanvraag of stem: zet de aanvraag zelf in de groep.`;
}

/**
 * The answer to a typed vote of a member WhatsApp does not yet show with a phone number: it is
 * kept and counts once the bot knows who it is (docs/rules.md rule 15).
 */
export function votePending(r: BudgetRequest): string {
  return `⏳ Je stem op #${r.number} is bewaard. Hij telt mee zodra WhatsApp laat zien wie je bent.`;
}

/** The hint an administrator gets in a chat that is not linked to a team yet. */
export function unlinkedHint(): string {
  return `Deze groep is nog niet aan een team gekoppeld. Typ /koppel <team>, bijvoorbeeld /koppel noord.`;
}

/**
 * Joins names the Dutch way.
 *
 * @example
 * joinNames(['Anna', 'Bas', 'Carla']) // 'Anna, Bas of Carla'
 */
export function joinNames(names: string[], last = 'of'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${last} ${names[names.length - 1]}`;
}
