/** Starts Azurite's blob service in memory on a free port, for one test file. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/** Azurite's well-known development account (public, in Microsoft's documentation). */
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  connectionString: string;
  stop(): Promise<void>;
}

export async function startAzurite(): Promise<Azurite> {
  const child = spawn(
    process.execPath,
    [require.resolve('azurite/dist/src/blob/main.js'), '--silent', '--inMemoryPersistence', '--extentMemoryLimit', '64', '--blobHost', '127.0.0.1',
      '--blobPort', '0', '--skipApiVersionCheck', '--loose', '--disableTelemetry'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const port = await listeningPort(child);
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    },
  };
}

/** Azurite prints "successfully listens on http://127.0.0.1:<port>" once the port (0: any free one) is open. */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Azurite did not start within 15 s: ${output}`)), 15_000);
    const onExit = (code: number | null) => fail(new Error(`Azurite exited with ${code}: ${output}`));
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(err);
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listens on https?:\/\/[^\s:]+:(\d+)/.exec(output)?.[1];
      if (!port) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout?.off('data', read);
      // Keep draining, so a full pipe never blocks Azurite.
      child.stdout?.resume();
      child.stderr?.resume();
      resolve(Number(port));
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', onExit);
  });
}
