import { adapterConformance } from './conformance.ts';
import { ConsoleDriver } from './console-driver.ts';
import { TelegramDriver } from './telegram-driver.ts';
import { WhatsAppDriver } from './whatsapp-driver.ts';

adapterConformance('console', ConsoleDriver.create, ConsoleDriver.create, {
  redelivers: false,
  keepsBacklog: false,
});
adapterConformance('telegram', TelegramDriver.create, ConsoleDriver.create, {
  redelivers: true,
  keepsBacklog: true,
});
adapterConformance('whatsapp', WhatsAppDriver.create, ConsoleDriver.create, {
  redelivers: true,
  keepsBacklog: true,
});
