import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, Socket } from 'node:net';

/** The one line a test shows where no Redis can be had. */
export const NO_REDIS_SERVER =
  'The Redis tests need redis-server: install it (apt-get install redis-server) or set REDIS_URL to a Redis they may use.';

/**
 * Whether a Redis answers PING at host:port within `timeoutMs` (`locked`: a Redis that wants a
 * password first, answering NOAUTH, counts too).
 */
export function redisAnswers(
  port: number,
  host = '127.0.0.1',
  timeoutMs = 500,
  locked = false,
): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => {
      const answer = data.toString();
      done(answer.startsWith('+PONG') || (locked && answer.startsWith('-NOAUTH')));
    });
    socket.connect(port, host, () => socket.write('PING\r\n'));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A redis-server of the tests' own: no persistence, on a free port, stopped by `stop()`. */
export interface PrivateRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts `redis-server` on a free port (`--save '' --appendonly no`, then `extraArgs`, e.g.
 * `['--requirepass', 'geheim']`). Rejects with `NO_REDIS_SERVER` when the program is not installed.
 */
export async function startPrivateRedis(
  command = 'redis-server',
  port?: number,
  extraArgs: string[] = [],
): Promise<PrivateRedis> {
  const chosen = port ?? (await freePort());
  const child: ChildProcess = spawn(
    command,
    [
      '--port',
      String(chosen),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      ...extraArgs,
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<Error>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve(new Error(error.code === 'ENOENT' ? NO_REDIS_SERVER : error.message)),
    );
    child.once('exit', (code) =>
      resolve(new Error(`redis-server stopped at start (exit ${code})`)),
    );
  });
  const ready = (async () => {
    for (let i = 0; i < 100; i += 1) {
      if (await redisAnswers(chosen, '127.0.0.1', 500, extraArgs.includes('--requirepass')))
        return null;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return new Error('redis-server did not answer within 5 s');
  })();
  const problem = await Promise.race([exited, ready]);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await gone;
  };
  if (problem) {
    await stop();
    throw problem;
  }
  return { url: `redis://127.0.0.1:${chosen}`, port: chosen, stop };
}
