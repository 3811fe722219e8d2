/**
 * The simulated residents of the Direct Line bench: each opens a conversation the way the chat page
 * does (POST /api/chat/token → POST /v3/directline/conversations) and asks its questions one after
 * the other (POST activity, which answers after the bot's turn, then GET the replies).
 *
 * Runs in a worker thread by default (see runInWorker), so that the load generator does not share
 * the server's event loop; the two still share the machine's cores.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { rng } from './corpus';
import { msSince, now } from './stats';

export interface RoundResult {
  turnMs: number[];
  getMs: number[];
  turns: number;
  requests: number;
  wallMs: number;
  errors: number;
  rateLimited: number;
  noReply: number;
}

export const emptyRound = (): RoundResult => ({ turnMs: [], getMs: [], turns: 0, requests: 0, wallMs: 0, errors: 0, rateLimited: 0, noReply: 0 });

export interface RoundSpec {
  url: string;
  conversations: number;
  turns: number;
  municipalities: string[];
  questions: string[];
  offset: number;
  /** Number of the first resident: each has its own client address. */
  firstResident: number;
  /**
   * Mean time a resident reads the reply and types the next question (ms); 0 for none, which
   * saturates the server. Each pause, and each resident's start, is drawn uniformly from 0.5–1.5 ×
   * this (the start from 0–1 ×), with a seeded generator, so rounds offer the same load.
   */
  thinkMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class Client {
  requests = 0;
  errors = 0;
  rateLimited = 0;
  constructor(private readonly base: string, private readonly ip: string) {}

  async call<T>(method: string, path: string, { token, body }: { token?: string; body?: unknown } = {}): Promise<T | undefined> {
    this.requests++;
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        // The app trusts X-Forwarded-For from loopback: each resident is its own client for the rate limiters.
        'x-forwarded-for': this.ip,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status === 429) this.rateLimited++;
    if (!res.ok) {
      this.errors++;
      return undefined;
    }
    return (text ? JSON.parse(text) : {}) as T;
  }
}

interface DlActivities {
  activities: { from: { id: string; role?: string }; type: string }[];
  watermark: string;
}

/** One resident: opens a conversation for a municipality and asks `questions` in a row, pausing `pause()` ms before each. */
async function converse(base: string, ip: string, municipality: string, questions: string[], into: RoundResult, pause: () => number): Promise<void> {
  const client = new Client(base, ip);
  try {
    const issued = await client.call<{ token: string }>('POST', '/api/chat/token', { body: { municipality } });
    if (!issued) return;
    const opened = await client.call<{ conversationId: string; token: string }>('POST', '/v3/directline/conversations', { token: issued.token });
    if (!opened) return;
    const path = `/v3/directline/conversations/${opened.conversationId}/activities`;
    let watermark = (await client.call<DlActivities>('GET', path, { token: opened.token }))?.watermark ?? '0';
    for (const text of questions) {
      const pauseMs = pause();
      if (pauseMs > 0) await sleep(pauseMs);
      const t = now();
      const posted = await client.call<{ id: string }>('POST', path, {
        token: opened.token,
        body: { type: 'message', from: { id: `resident-${ip}` }, text, channelData: { municipality } },
      });
      into.turnMs.push(msSince(t));
      into.turns++;
      if (!posted) continue;
      const g = now();
      const got = await client.call<DlActivities>('GET', `${path}?watermark=${watermark}`, { token: opened.token });
      into.getMs.push(msSince(g));
      if (!got) continue;
      watermark = got.watermark;
      // The POST answers after the bot's turn, so its reply must already be there.
      if (!got.activities.some((a) => a.from.role === 'bot' || a.from.id === 'personvern-bot')) into.noReply++;
    }
  } finally {
    into.requests += client.requests;
    into.errors += client.errors;
    into.rateLimited += client.rateLimited;
  }
}

/** A distinct client address per simulated resident: 10.x.y.z. */
const ipOf = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

/** `conversations` residents at once, each asking `turns` questions. */
export async function round(spec: RoundSpec): Promise<RoundResult> {
  const { url, conversations, turns, municipalities, questions, offset, firstResident, thinkMs = 0 } = spec;
  const result = emptyRound();
  const started = now();
  await Promise.all(
    Array.from({ length: conversations }, async (_, c) => {
      const random = rng(offset * 1_000 + c);
      const pause = () => (thinkMs > 0 ? thinkMs * (0.5 + random()) : 0);
      // Staggered starts: paced residents do not all open their conversation at the same moment.
      if (thinkMs > 0) await sleep(thinkMs * random());
      const asked = Array.from({ length: turns }, (_, t) => questions[(offset + c * turns + t) % questions.length]!);
      return converse(url, ipOf(firstResident + c), municipalities[(offset + c) % municipalities.length]!, asked, result, pause);
    }),
  );
  result.wallMs = msSince(started);
  return result;
}

export interface RoundRunner {
  run(spec: RoundSpec): Promise<RoundResult>;
  close(): Promise<void>;
}

/** Rounds on this thread's event loop, shared with the servers. */
export const inlineRunner = (): RoundRunner => ({ run: round, close: async () => undefined });

const WORKER_FLAG = 'personvernBenchE2eClient';

/** Rounds in a worker thread (TypeScript through tsx's require hook). */
export function workerRunner(): RoundRunner {
  const worker = new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(__filename)});`, {
    eval: true,
    workerData: { [WORKER_FLAG]: true },
  });
  worker.unref();
  let pending: { resolve: (r: RoundResult) => void; reject: (e: Error) => void } | undefined;
  worker.on('message', (r: RoundResult) => pending?.resolve(r));
  worker.on('error', (e) => pending?.reject(e));
  return {
    run: (spec) =>
      new Promise<RoundResult>((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage(spec);
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}

if (!isMainThread && (workerData as Record<string, unknown> | undefined)?.[WORKER_FLAG]) {
  parentPort!.on('message', (spec: RoundSpec) => {
    round(spec).then((r) => parentPort!.postMessage(r));
  });
}
