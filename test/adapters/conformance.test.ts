import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../src/app/platforms.ts';
import { adapterConformance, type ConformanceDriver, type PlatformTraits } from './conformance.ts';
import { ConsoleDriver } from './console-driver.ts';
import { TelegramDriver } from './telegram-driver.ts';
import { WhatsAppDriver } from './whatsapp-driver.ts';

/**
 * How the suite drives each platform of the platform table (src/app/platforms.ts), faked at its
 * edge. A platform listed there without a driver here fails below: it is tested from the moment
 * it is listed.
 */
const DRIVERS: Record<string, { make: () => Promise<ConformanceDriver>; traits: PlatformTraits }> =
  {
    telegram: { make: TelegramDriver.create, traits: { redelivers: true, keepsBacklog: true } },
    whatsapp: { make: WhatsAppDriver.create, traits: { redelivers: true, keepsBacklog: true } },
  };

// The console chat (the terminal, no entry in the table) is the reference the others are held to.
adapterConformance('console', ConsoleDriver.create, ConsoleDriver.create, {
  redelivers: false,
  keepsBacklog: false,
});

for (const platform of PLATFORMS) {
  const driver = DRIVERS[platform.name];
  if (driver) adapterConformance(platform.name, driver.make, ConsoleDriver.create, driver.traits);
}

describe('the conformance suite runs over the platform table', () => {
  it('has a driver for every platform listed, and none for a platform that is not', () => {
    const listed = PLATFORMS.map((platform) => platform.name);
    expect(listed.filter((name) => !(name in DRIVERS))).toEqual([]);
    expect(Object.keys(DRIVERS).filter((name) => !listed.includes(name))).toEqual([]);
  });
});
