import { parseArgs } from 'node:util';
import { MmbError } from '../core/errors.ts';
import { createLogger } from '../core/logger.ts';
import { EMPTY_CONFIG, loadBotConfig } from '../store/bot-config.ts';
import { webBaseUrl } from '../web/web-env.ts';
import { commandPaths } from '../app/env.ts';
import { startMonitorFor } from '../app/monitor.ts';

export const WEB_USAGE = `gebruik: mmb web [--port N]
  De monitor: een webpagina met de cijfers van de teams, voor communicatieadviseurs en
  coördinatoren (inloggen met /web in het privégesprek met de bot).
  --port N   de poort (standaard MMB_WEB_PORT, anders 8080)
Leest MMB_DB (alleen lezen) en MMB_CONFIG zoals de bot; MMB_PUBLIC_URL is het adres van buiten,
MMB_WEB_PUBLIC=true zet een openbare pagina met alleen totalen aan.`;

/**
 * `mmb web [--port N]`: the monitor as its own process, until a signal stops it. Returns the exit
 * code: 0 stopped, 2 wrong input.
 *
 * @example
 * await runWeb(['--port', '8080']) // serves http://localhost:8080 until Ctrl-C
 */
export async function runWeb(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(WEB_USAGE);
    return 0;
  }
  const { env, config: configFile } = commandPaths();
  let port = env.MMB_WEB_PORT ?? 8080;
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) < 1 || Number(values.port) > 65535)
      throw new MmbError(
        `--port "${values.port}" is geen poort.`,
        'Geef een getal van 1 tot en met 65535, bv. --port 8080.',
      );
    port = Number(values.port);
  }
  const config = configFile ? loadBotConfig(configFile.path) : EMPTY_CONFIG;
  const logger = createLogger(env.LOG_LEVEL);
  const monitor = await startMonitorFor(env, config, port, logger);
  console.error(`mmb web: de monitor staat op ${webBaseUrl(env, monitor.port)} (Ctrl-C stopt hem)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await monitor.close();
  return 0;
}
