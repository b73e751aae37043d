import { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { TestApp } from './app';

export interface WsMessage {
  id?: string;
  type: string;
  payload?: any;
}

/**
 * A raw graphql-transport-ws socket, so a test sees every message and the
 * close code exactly as a client would, with nothing retried or hidden.
 */
export class TestSocket {
  readonly messages: WsMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private nextId = 1;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.messages.push(JSON.parse(String(data))));
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  static async open(app: TestApp, token?: string | null): Promise<TestSocket> {
    const port = (app.app.getHttpServer().address() as AddressInfo).port;
    const socket = new TestSocket(new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws'));
    await new Promise((resolve, reject) => socket.ws.once('open', resolve).once('error', reject));
    socket.send({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} });
    return socket;
  }

  send(message: unknown) {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Resolves once the server acknowledged connection_init, or with the close code if it closed instead. */
  async acknowledged(): Promise<true | number> {
    const outcome = await Promise.race([this.until((m) => m.type === 'connection_ack').then(() => true as const), this.closed.then((c) => c.code)]);
    return outcome;
  }

  subscribe(query: string, variables: Record<string, unknown> = {}): string {
    const id = String(this.nextId++);
    this.send({ id, type: 'subscribe', payload: { query, variables } });
    return id;
  }

  /** The messages of one operation so far. */
  of(id: string): WsMessage[] {
    return this.messages.filter((m) => m.id === id);
  }

  /** The errors of an operation, once they have come: refused before it ran (error) or as it ran (next). */
  async errorOf(id: string, ms = 5000): Promise<any[]> {
    const m = await this.until((m) => m.id === id && (m.type === 'error' || (m.type === 'next' && !!m.payload.errors)), ms);
    return m.type === 'error' ? m.payload : m.payload.errors;
  }

  async until(match: (m: WsMessage) => boolean, ms = 5000): Promise<WsMessage> {
    const end = Date.now() + ms;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (Date.now() > end) throw new Error(`no such message in ${ms} ms; got ${JSON.stringify(this.messages)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The close code within `ms`, or null while still open. */
  async closeCode(ms = 5000): Promise<number | null> {
    return Promise.race([this.closed.then((c) => c.code), new Promise<null>((r) => setTimeout(() => r(null), ms))]);
  }

  close() {
    this.ws.terminate();
  }
}
