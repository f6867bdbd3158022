import { adapterConformance } from './conformance.ts';
import { ConsoleDriver } from './console-driver.ts';
import { TelegramDriver } from './telegram-driver.ts';

adapterConformance('console', ConsoleDriver.create, ConsoleDriver.create);
adapterConformance('telegram', TelegramDriver.create, ConsoleDriver.create);
