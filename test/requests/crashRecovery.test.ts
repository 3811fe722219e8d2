/**
 * kill -9 during a delivery: the request is stored before the attempt, the next process picks it
 * up when the lease runs out, and the receiver — deduplicating by Idempotency-Key — gets it once.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SqliteRequestStore } from '../../src/requests/sqliteRequestStore';
import { verifySignature } from '../../src/requests/webhook';
import { tempDir } from './support';

const FIXTURE = join(__dirname, 'fixtures', 'deliverOnce.ts');
const SECRET = 'crash-test-secret';

interface Delivery {
  idempotencyKey: string;
  verified: boolean;
}

/** A webhook receiver on 127.0.0.1 that holds the first request unanswered and answers the rest 200. */
async function startReceiver() {
  const deliveries: Delivery[] = [];
  const held: ServerResponse[] = [];
  let firstArrived: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (firstArrived = resolve));
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const header = (name: string) => String(req.headers[name] ?? '');
      const body = Buffer.concat(chunks).toString('utf8');
      deliveries.push({
        idempotencyKey: header('idempotency-key'),
        verified: verifySignature(SECRET, header('x-personvern-timestamp'), body, header('x-personvern-signature')),
      });
      if (deliveries.length === 1) {
        held.push(res);
        firstArrived();
      } else {
        res.writeHead(200).end();
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/personvern`,
    deliveries,
    arrived,
    close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      server.close();
    },
  };
}

describe('delivery across a crash (kill -9)', function () {
  this.timeout(15_000);
  const dir = tempDir();
  const children: ChildProcess[] = [];
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  function run(mode: 'create' | 'recover'): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, mode], {
      cwd: join(__dirname, '..', '..'),
      env: {
        ...process.env,
        DATA_DIR: dir.path,
        WEBHOOK_URL: receiver.url,
        CRASH_TEST_SECRET: SECRET,
        // A short lease (longer than the time limit) keeps the test quick.
        DELIVERY_TIMEOUT_MS: '1000',
        DELIVERY_LEASE_MS: '1500',
        DELIVERY_POLL_MS: '100',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    return child;
  }

  before(async () => (receiver = await startReceiver()));
  after(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    receiver.close();
    dir.remove();
  });

  it('delivers after restart, once per Idempotency-Key', async () => {
    const first = run('create');
    let stderr = '';
    first.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [line] = (await once(first.stdout!, 'data')) as [Buffer];
    const reference = line.toString().trim();
    assert.match(reference, /^PV-\d{4}-000001$/, stderr);

    await receiver.arrived;
    first.kill('SIGKILL');
    await once(first, 'exit');

    const store = SqliteRequestStore.open(dir.path);
    assert.deepEqual(
      (await store.get(reference))?.deliveries.map((d) => [d.state, d.attempts]),
      [['sending', 1]],
      'the first process died during its attempt',
    );
    await store.close();

    const second = run('recover');
    second.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(second, 'exit')) as [number | null];
    assert.equal(code, 0, stderr);

    assert.ok(receiver.deliveries.every((d) => d.verified), 'every request was signed');
    assert.deepEqual([...new Set(receiver.deliveries.map((d) => d.idempotencyKey))], [reference]);
    const reopened = SqliteRequestStore.open(dir.path);
    assert.deepEqual((await reopened.get(reference))?.deliveries.map((d) => [d.state, d.attempts]), [['delivered', 2]]);
    await reopened.close();
  });
});
