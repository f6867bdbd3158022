import { formatCents as euro } from '../text/money.ts';
import type { Overview } from './overview.ts';
import { formatDay } from '../text/time.ts';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { ZONE } from '../text/time.ts';

const MAX_GRANT_LINES = 12;

/**
 * Minutes as a short Dutch duration.
 *
 * @example
 * formatMinutes(200) // '3 u 20 min'
 * formatMinutes(45)  // '45 min'
 */
export function formatMinutes(minutes: number): string {
  const rounded = Math.round(minutes);
  const hours = Math.floor(rounded / 60);
  const rest = rounded % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} u` : `${hours} u ${rest} min`;
}

const shortDate = (iso: string) => format(new TZDate(Date.parse(iso), ZONE), 'dd-MM');

/**
 * The overview as a chat message: short enough to read on a phone. `title` says what it is
 * ("Overzicht" for a posted cycle, "Tussenstand" for the running one). `households: false` (a
 * private chat, rule 11) leaves every household code out: a grant line without its `(hh 12)`,
 * the households near their cap as a count.
 *
 * @example
 * overviewText(overview, 'Tussenstand', { households: false })
 * // '📊 Tussenstand Team Noord · …\n…\nBijna aan het maximum: 1 huishouden\n…\n02-03 #1 € 33,00 grofvuil'
 */
export function overviewText(
  overview: Overview,
  title = 'Overzicht',
  options: { households: boolean } = { households: true },
): string {
  const lastDay = new Date(Date.parse(overview.to) - 1);
  const cycle = overview.cycle ? ` (ronde ${overview.cycle})` : '';
  const lines = [
    `📊 ${title} ${overview.teamName} · ${formatDay(new Date(overview.from))} t/m ${formatDay(lastDay)}${cycle}`,
  ];
  const granted = overview.grants.reduce((total, g) => total + g.amountCents, 0);
  lines.push(
    overview.grants.length
      ? `Toegekend: ${overview.grants.length}× · ${euro(granted)}`
      : 'Toegekend: nog niets in deze periode.',
  );
  if (overview.categories.length) {
    lines.push(overview.categories.map((c) => `${c.category} ${euro(c.amountCents)}`).join(' · '));
  }
  if (overview.earlierCorrectionsCents !== 0) {
    const sign = overview.earlierCorrectionsCents > 0 ? 'extra' : 'terug';
    lines.push(
      `Correcties op eerdere toekenningen: ${euro(Math.abs(overview.earlierCorrectionsCents))} ${sign}`,
    );
  }
  if (overview.lapsedCents !== 0) {
    lines.push(`Vervallen uit afgesloten periode: ${euro(Math.abs(overview.lapsedCents))}`);
  }
  if (overview.preventedCents > 0) {
    lines.push(`Voorkomen (schatting van het team): ${euro(overview.preventedCents)}`);
  }
  lines.push(`Saldo ${euro(overview.balanceCents)} · gereserveerd ${euro(overview.reservedCents)}`);
  const ended = [];
  if (overview.expired.length) ended.push(`verlopen ${overview.expired.length}`);
  if (overview.cancelled.length) ended.push(`geannuleerd ${overview.cancelled.length}`);
  if (ended.length) lines.push(`Niet doorgegaan: ${ended.join(' · ')}`);
  if (overview.nearCap.length) {
    const count = overview.nearCap.length;
    lines.push(
      options.households
        ? `Bijna aan het maximum: ${overview.nearCap.map((h) => `hh ${h.household} (${euro(h.usedCents)})`).join(', ')}`
        : `Bijna aan het maximum: ${count} ${count === 1 ? 'huishouden' : 'huishoudens'}`,
    );
  }
  const pace =
    overview.medianDecisionMinutes === null
      ? ''
      : `Beslistijd (mediaan) ${formatMinutes(overview.medianDecisionMinutes)} · `;
  lines.push(`${pace}${overview.voters} collega's stemden ${overview.votes}×`);
  if (overview.grants.length) {
    lines.push('Toekenningen:');
    for (const grant of overview.grants.slice(0, MAX_GRANT_LINES)) {
      const about = grant.description ? ` ${grant.description}` : '';
      lines.push(
        `${shortDate(grant.decidedAt)} #${grant.number} ${euro(grant.amountCents)}${about}` +
          (options.households ? ` (hh ${grant.household})` : ''),
      );
    }
    const more = overview.grants.length - MAX_GRANT_LINES;
    if (more > 0) lines.push(`… en nog ${more}. Alles staat in /export.`);
  }
  return lines.join('\n');
}
