import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { sendMark, serveCommands } from '../lib/ipc.js';
import { round, Samples, summarize, type Latency } from '../lib/stats.js';

/**
 * The chat load generator: many Socket.IO clients in this one process (pinned to the load core),
 * every latency taken from this process's clock: send → ack, and send → each `message:new`.
 * Message bodies start with `#<n> `, which is how a delivery is matched to its send.
 */
interface Client {
  socket: Socket;
  group: string | null;
  /** Which server the socket is on ("A", "B"), for cross-process latency. */
  node: string;
  connectedAt: number;
  disconnectedAt: number;
  reconnectedAt: number;
}

export interface ConnectArgs {
  set: string;
  url: string;
  /** One entry per socket: its token (or none) and the group whose room it joins (or none). */
  sockets: { token?: string; group?: string; url?: string; node?: string }[];
  concurrency: number;
  /** Socket.IO's automatic reconnection (with its default jittered back-off). */
  reconnection?: boolean;
}

export interface ConnectResult {
  connected: number;
  failed: number;
  seconds: number;
  handshakesPerSec: number;
  errors: string[];
}

export interface SendArgs {
  set: string;
  durationSec: number;
  warmupSec: number;
  /** Fixed rate: messages per second in total, senders taken in turn. */
  rate?: number;
  /** With `rate`: random (Poisson) arrivals from senders drawn at random, instead of a steady beat in turn. */
  poisson?: boolean;
  /** Closed loop: these many senders (the first socket of each of as many rooms), each sending when the last was acked. */
  senders?: number;
  bodyChars?: number;
}

export interface SendResult {
  seconds: number;
  sent: number;
  acked: number;
  refused: number;
  deliveries: number;
  expectedDeliveries: number;
  messagesPerSec: number;
  deliveriesPerSec: number;
  ackMs: Latency;
  deliveryMs: Latency;
  sameNodeDeliveryMs: Latency;
  crossNodeDeliveryMs: Latency;
  loadCpu: number;
  refusals: string[];
}

const sets = new Map<string, Client[]>();

// Per message n: when it was sent, whether it is in the measured window, who sent it.
let capacity = 1 << 20;
let sentAt = new Float64Array(capacity);
let measuredFlag = new Uint8Array(capacity);
const senderNode: string[] = [];
let roomSize = new Uint16Array(capacity);
let nextN = 1;
let measuring = false;

let ackSamples = new Samples();
let deliverySamples = new Samples();
let sameNode = new Samples();
let crossNode = new Samples();
let counters = { sent: 0, acked: 0, refused: 0, deliveries: 0, expected: 0 };
const refusals = new Set<string>();

function grow(): void {
  capacity *= 2;
  const a = new Float64Array(capacity);
  a.set(sentAt);
  sentAt = a;
  const b = new Uint8Array(capacity);
  b.set(measuredFlag);
  measuredFlag = b;
  const c = new Uint16Array(capacity);
  c.set(roomSize);
  roomSize = c;
}

function onDelivery(client: Client, message: { body?: string }): void {
  const body = message.body;
  if (!body || body.charCodeAt(0) !== 35 /* # */) {
    return;
  }
  const n = parseInt(body.slice(1), 10);
  if (!measuredFlag[n]) {
    return;
  }
  const latency = performance.now() - sentAt[n];
  counters.deliveries++;
  deliverySamples.push(latency);
  (senderNode[n] === client.node ? sameNode : crossNode).push(latency);
}

function connectOne(args: ConnectArgs, spec: ConnectArgs['sockets'][number]): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = io(`${spec.url ?? args.url}/chat`, {
      transports: ['websocket'],
      auth: spec.token ? { token: spec.token } : {},
      reconnection: args.reconnection ?? false,
      forceNew: true,
      timeout: 60_000,
    });
    const client: Client = {
      socket,
      group: spec.group ?? null,
      node: spec.node ?? 'A',
      connectedAt: 0,
      disconnectedAt: 0,
      reconnectedAt: 0,
    };
    socket.on('message:new', (message: { body?: string }) => onDelivery(client, message));
    socket.once('connect', () => {
      client.connectedAt = performance.now();
      if (!spec.group) {
        resolve(client);
        return;
      }
      socket
        .timeout(60_000)
        .emitWithAck('room:join', { group: spec.group })
        .then((answer: { ok: boolean; error?: { code: string } }) => {
          if (answer.ok) {
            resolve(client);
          } else {
            reject(new Error(`room:join refused: ${answer.error?.code}`));
          }
        }, reject);
    });
    socket.once('connect_error', (error) => {
      if (!args.reconnection) {
        socket.close();
      }
      reject(error);
    });
  });
}

async function connect(args: ConnectArgs): Promise<ConnectResult> {
  const clients: Client[] = sets.get(args.set) ?? [];
  sets.set(args.set, clients);
  const errors: string[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < args.sockets.length) {
      const spec = args.sockets[next++];
      try {
        clients.push(await connectOne(args, spec));
      } catch (error) {
        failed++;
        if (errors.length < 5) {
          errors.push(error instanceof Error ? error.message : String(error));
        }
      }
    }
  };
  await Promise.all(Array.from({ length: args.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    connected: args.sockets.length - failed,
    failed,
    seconds: round(seconds),
    handshakesPerSec: Math.round((args.sockets.length - failed) / seconds),
    errors,
  };
}

function resetWindow(): void {
  ackSamples = new Samples();
  deliverySamples = new Samples();
  sameNode = new Samples();
  crossNode = new Samples();
  counters = { sent: 0, acked: 0, refused: 0, deliveries: 0, expected: 0 };
  refusals.clear();
}

function sendOne(client: Client, sizes: Map<string, number>, filler: string, onAck?: () => void): void {
  const n = nextN++;
  if (n >= capacity) {
    grow();
  }
  sentAt[n] = performance.now();
  measuredFlag[n] = measuring ? 1 : 0;
  senderNode[n] = client.node;
  const group = client.group!;
  roomSize[n] = sizes.get(group) ?? 0;
  if (measuring) {
    counters.sent++;
    counters.expected += roomSize[n];
  }
  client.socket.emit(
    'message:send',
    { group, clientMsgId: randomUUID(), body: `#${n} ${filler}` },
    (answer: { ok: boolean; error?: { code: string } }) => {
      if (measuredFlag[n]) {
        if (answer.ok) {
          counters.acked++;
          ackSamples.push(performance.now() - sentAt[n]);
        } else {
          counters.refused++;
          refusals.add(answer.error?.code ?? 'unknown');
          // A refused message is not delivered.
          counters.expected -= roomSize[n];
        }
      }
      onAck?.();
    },
  );
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function send(args: SendArgs): Promise<SendResult> {
  const clients = (sets.get(args.set) ?? []).filter((client) => client.group && client.socket.connected);
  if (clients.length === 0) {
    throw new Error(`no connected sockets in set ${args.set}`);
  }
  const sizes = new Map<string, number>();
  for (const client of clients) {
    sizes.set(client.group!, (sizes.get(client.group!) ?? 0) + 1);
  }
  const filler = 'Vandaag was zwaar, maar het helpt om dit hier te kunnen zeggen.'.slice(0, args.bodyChars ?? 64);
  let running = true;
  let loops: Promise<void>;

  if (args.rate && args.poisson) {
    const rate = args.rate;
    // Exponential gaps between sends; each send from a socket drawn at random.
    const gapMs = () => (-Math.log(1 - Math.random()) / rate) * 1000;
    let nextAt = performance.now() + gapMs();
    const timer = setInterval(() => {
      const now = performance.now();
      while (nextAt <= now) {
        sendOne(clients[Math.floor(Math.random() * clients.length)], sizes, filler);
        nextAt += gapMs();
      }
    }, 1);
    loops = (async () => {
      while (running) {
        await sleep(50);
      }
      clearInterval(timer);
    })();
  } else if (args.rate) {
    const rate = args.rate;
    let turn = 0;
    let owed = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      owed += ((now - last) / 1000) * rate;
      last = now;
      while (owed >= 1) {
        owed -= 1;
        sendOne(clients[turn++ % clients.length], sizes, filler);
      }
    }, 5);
    loops = (async () => {
      while (running) {
        await sleep(50);
      }
      clearInterval(timer);
    })();
  } else {
    // One sender per room, as many rooms as asked.
    const byRoom = new Map<string, Client>();
    for (const client of clients) {
      if (!byRoom.has(client.group!)) {
        byRoom.set(client.group!, client);
      }
    }
    const senders = [...byRoom.values()].slice(0, args.senders ?? byRoom.size);
    let pending = senders.length;
    loops = new Promise<void>((resolve) => {
      for (const sender of senders) {
        const again = () => {
          if (running) {
            sendOne(sender, sizes, filler, again);
          } else if (--pending === 0) {
            resolve();
          }
        };
        again();
      }
    });
  }

  await sleep(args.warmupSec * 1000);
  resetWindow();
  measuring = true;
  sendMark('window-start');
  const cpu = process.cpuUsage();
  const windowStart = performance.now();
  await sleep(args.durationSec * 1000);
  measuring = false;
  const seconds = (performance.now() - windowStart) / 1000;
  const used = process.cpuUsage(cpu);
  sendMark('window-end');
  running = false;
  await loops;
  // Let the last acks and deliveries of the window arrive.
  const deadline = performance.now() + 5000;
  while (
    performance.now() < deadline &&
    (counters.acked + counters.refused < counters.sent || counters.deliveries < counters.expected)
  ) {
    await sleep(20);
  }
  return {
    seconds: round(seconds),
    sent: counters.sent,
    acked: counters.acked,
    refused: counters.refused,
    deliveries: counters.deliveries,
    expectedDeliveries: counters.expected,
    messagesPerSec: Math.round(counters.acked / seconds),
    deliveriesPerSec: Math.round(counters.deliveries / seconds),
    ackMs: summarize(ackSamples.values()),
    deliveryMs: summarize(deliverySamples.values()),
    sameNodeDeliveryMs: summarize(sameNode.values()),
    crossNodeDeliveryMs: summarize(crossNode.values()),
    loadCpu: round((used.user + used.system) / 1e6 / seconds, 3),
    refusals: [...refusals],
  };
}

async function close(args: { set: string }): Promise<{ closed: number }> {
  const clients = sets.get(args.set) ?? [];
  for (const client of clients) {
    client.socket.removeAllListeners();
    client.socket.io.opts.reconnection = false;
    client.socket.disconnect();
  }
  sets.delete(args.set);
  await sleep(500);
  return { closed: clients.length };
}

export interface StormResult {
  sockets: number;
  disconnected: number;
  back: number;
  /** From the moment the old server process was gone to each socket's reconnect. */
  backMs: Latency;
  reconnectErrors: number;
}

/** Watches a set through a server restart: arm, then the orchestrator restarts, then collect. */
function armStorm(args: { set: string }): Promise<{ armed: number }> {
  const clients = sets.get(args.set) ?? [];
  stormErrors = 0;
  for (const client of clients) {
    client.disconnectedAt = 0;
    client.reconnectedAt = 0;
    client.socket.on('disconnect', () => {
      client.disconnectedAt = performance.now();
    });
    client.socket.io.on('reconnect', () => {
      client.reconnectedAt = performance.now();
    });
    client.socket.io.on('reconnect_error', () => {
      stormErrors++;
    });
  }
  return Promise.resolve({ armed: clients.length });
}

let stormErrors = 0;
let stormOrigin = 0;

function markStormOrigin(): Promise<{ ok: true }> {
  stormOrigin = performance.now();
  return Promise.resolve({ ok: true });
}

async function collectStorm(args: { set: string; timeoutSec: number }): Promise<StormResult> {
  const clients = sets.get(args.set) ?? [];
  const deadline = performance.now() + args.timeoutSec * 1000;
  while (performance.now() < deadline && clients.some((client) => !client.reconnectedAt)) {
    await sleep(100);
  }
  const back = clients.filter((client) => client.reconnectedAt > 0);
  return {
    sockets: clients.length,
    disconnected: clients.filter((client) => client.disconnectedAt > 0).length,
    back: back.length,
    backMs: summarize(back.map((client) => client.reconnectedAt - stormOrigin)),
    reconnectErrors: stormErrors,
  };
}

serveCommands({ connect, send, close, armStorm, markStormOrigin, collectStorm });
