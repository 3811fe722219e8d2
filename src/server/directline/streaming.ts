/**
 * Direct Line WebSocket streaming (the `streamUrl` of a conversation): pushes each new activity
 * as an activity set `{activities, watermark}`, as Azure's service does. Polling works without it.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ConversationStore } from './conversationStore';
import type { TokenService } from './tokens';
import { DIRECT_LINE_PATH } from './paths';

const STREAM_PATH = new RegExp(`^${DIRECT_LINE_PATH}/conversations/([^/]+)/stream$`);
/** Keeps proxies from closing an idle stream; directlinejs ignores empty messages. */
const HEARTBEAT_MS = 20_000;

export function streamUrl(baseUrl: string, conversationId: string, token: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}${DIRECT_LINE_PATH}/conversations/${encodeURIComponent(conversationId)}/stream?t=${encodeURIComponent(token)}`;
}

/** Serves streams on the HTTP server's upgrade requests; other upgrades are refused. */
export function attachStreaming(server: Server, store: ConversationStore, tokens: TokenService): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });

  const refuse = (socket: Duplex, status: number, reason: string) => {
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // An upgrade handler runs outside express: whatever a request holds, it must not throw.
    try {
      accept(req, socket, head);
    } catch {
      refuse(socket, 400, 'Bad Request');
    }
  };

  const accept = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const conversationId = decodeURIComponent(STREAM_PATH.exec(url.pathname)?.[1] ?? '');
    if (!conversationId) return refuse(socket, 404, 'Not Found');
    const check = tokens.verify(url.searchParams.get('t') ?? '');
    if (!check.ok) return refuse(socket, 403, 'Forbidden');
    if (check.claims.conversationId !== conversationId) return refuse(socket, 403, 'Forbidden');
    const conversation = store.get(conversationId);
    if (!conversation) return refuse(socket, 404, 'Not Found');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const watermark = Number.parseInt(url.searchParams.get('watermark') ?? '', 10);
      if (Number.isFinite(watermark)) {
        const backlog = store.since(conversation, watermark);
        if (backlog.activities.length) ws.send(JSON.stringify(backlog));
      }
      stream(ws, store.subscribe(conversationId, (activity, next) => ws.send(JSON.stringify({ activities: [activity], watermark: next }))));
    });
  };

  const stream = (ws: WebSocket, unsubscribe: () => void) => {
    const heartbeat = setInterval(() => ws.send(''), HEARTBEAT_MS).unref();
    ws.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
    ws.on('error', () => ws.terminate());
  };

  server.on('upgrade', onUpgrade);
  return () => {
    server.off('upgrade', onUpgrade);
    for (const client of wss.clients) client.terminate();
    wss.close();
  };
}
