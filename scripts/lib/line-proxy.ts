// A slow commune line between two local sockets, for the sync tests: the userspace shaper of
// research/sync.md §3–§4 (`proxy.js`), grown the faults the sync has to survive — a cut at an exact
// byte, a line that stays down, a stall, a flipped bit.
//
// Model (what the numbers mean):
// - Each direction (up = client → target, down = target → client) is one serial line shared by every
//   connection through the proxy: bytes leave in packets of at most 1448 B (the TCP payload of a
//   1500-byte frame), one after another, each taking size × 8 / rate seconds; connections with data
//   waiting take turns packet by packet. The rate counts payload only — no TCP/IP/Ethernet headers
//   (a real 256 kbit/s line carries ≈ 4.6 % less payload, §4) — and has no burst allowance.
// - A packet reaches the far side `delayMs` after it has been serialised (RTT = 2 × delay).
// - The proxy terminates TCP, so the client's handshake completes at once; to charge the RTT a real
//   handshake costs, nothing moves in either direction of a new connection until 2 × delay after
//   accept (the upstream is dialled at once). A first request therefore answers after ≈ 2 RTT, later
//   ones on the same connection after ≈ 1 RTT — as measured in §2.4. TCP's own behaviour (slow start,
//   loss recovery, windows) is not modelled.
// - Backpressure: per connection and direction, once `queueBytes` wait for the line or for the
//   destination socket (or 1 MiB is in flight, reachable only with a high rate × delay), the source
//   socket is paused until half has drained. One 64 KiB read may overshoot the bound.
// - Cuts reset both sockets of every connection (RST: a dead line gives no clean goodbye) and drop
//   whatever was queued or in flight. A cut "after N bytes" forwards exactly N payload bytes in that
//   direction — the line holds at byte N until the destination's kernel has acknowledged them (RST
//   leaves those readable at the peer; Linux: watched in /proc/net/tcp, elsewhere a 20 ms grace;
//   at most 2 s for a peer that stopped reading) — then cuts. A Node peer reports the cut as ECONNRESET/EPIPE,
//   or as a plain end of stream when the RST lands together with the last data (libuv reads POLLHUP
//   after a partial read as EOF): check lengths, not only error codes.
import fs from 'node:fs';
import net from 'node:net';
import { performance } from 'node:perf_hooks';

/** TCP payload of one 1500-byte Ethernet frame with timestamps (MSS 1448). */
const PACKET_BYTES = 1448;
const DEFAULT_QUEUE_BYTES = 64 * 1024;
const IN_FLIGHT_LIMIT = 1024 * 1024;

/**
 * Cuts the line when reached. Byte counts and times run from the start or the last resetStats();
 * resetStats() re-arms every rule. `downForMs` keeps the line down after the cut: new connections
 * are accepted and reset at once.
 */
export type CutRule = ({ afterBytesUp: number } | { afterBytesDown: number } | { atMs: number }) & {
  downForMs?: number;
};

export interface LineProxyOptions {
  target: { host: string; port: number };
  /** Default 127.0.0.1. */
  listenHost?: string;
  /** 0 or absent: any free port. */
  listenPort?: number;
  /** Payload bits per second in each direction; absent = unlimited. */
  rateBitsPerSecond?: number;
  /** One-way delay added to every packet in each direction (RTT = 2 × delay). Default 0. */
  delayMs?: number;
  cuts?: CutRule[];
  /** Per connection and direction: bytes queued before the source is paused. Default 64 KiB. */
  queueBytes?: number;
  /** Called for cuts and refused connections (the CLI prints them). */
  log?: (message: string) => void;
}

export interface LineStats {
  /** Payload bytes written to the target / to clients since the last reset. */
  bytesUp: number;
  bytesDown: number;
  /** Connections forwarded since the last reset (not counting those refused while down). */
  connections: number;
  openConnections: number;
  /** Connections reset on arrival because the line was down. */
  refusedConnections: number;
  cuts: number;
  /** Bytes the proxy holds now (waiting for the line, in flight, not yet flushed to the socket). */
  queuedBytesUp: number;
  queuedBytesDown: number;
  /** Highest queued count since the last reset. */
  peakQueuedBytesUp: number;
  peakQueuedBytesDown: number;
}

/** 'cut' = cutNow(0); a function runs while the line in that direction holds at the byte. */
export type LineAction = 'cut' | ((line: LineProxy) => void | Promise<void>);

export interface LineProxy {
  readonly host: string;
  readonly port: number;
  /** `http://host:port`. */
  readonly url: string;
  stats(): LineStats;
  /** Zeroes the counters (bytes in flight then count as sent after the reset) and re-arms `cuts`. */
  resetStats(): void;
  /** Resets every connection now; new ones are refused for `downForMs`. */
  cutNow(downForMs?: number): void;
  /** true: cut now and refuse connections until setDown(false). */
  setDown(down: boolean): void;
  /** true: nothing more goes onto the line either way, sockets stay open (a silent link); false: resume. */
  setStalled(stalled: boolean): void;
  /** Applies to packets not yet on the line; undefined = unlimited. */
  setRate(bitsPerSecond: number | undefined): void;
  /** Applies to packets not yet on the line and to the handshake of new connections. */
  setDelay(ms: number): void;
  /**
   * Once exactly `bytes` have been forwarded in that direction (counted since the last reset),
   * holds the line there, runs `action`, resolves, and lets the line go on. If the count is already
   * past, runs as soon as the bytes in flight have landed. Rejects if the proxy closes first.
   */
  onceAfterBytesUp(bytes: number, action?: LineAction): Promise<void>;
  onceAfterBytesDown(bytes: number, action?: LineAction): Promise<void>;
  /**
   * Flips the lowest bit of the byte at 0-based `offset` of the stream in that direction (counted
   * like the cuts: `offset` bytes pass untouched, the next one is corrupted), once.
   */
  corruptUpByteAt(offset: number): void;
  corruptDownByteAt(offset: number): void;
  /** Resets every connection, stops listening, clears every timer. */
  close(): Promise<void>;
}

/** "256kbit", "256k", "2mbit", "1.5Mbps", "256000" → bits per second (bytes are not accepted: no "kB"). */
export function parseBitRate(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(k|m|g)?(?:bit|bps)?(?:\/s)?$/i.exec(text.trim());
  if (!match) throw new Error(`not a bit rate: ${text} (examples: 256kbit, 2mbit, 256000)`);
  const scale = { '': 1, k: 1e3, m: 1e6, g: 1e9 }[(match[2] ?? '').toLowerCase()] ?? 1;
  return Number(match[1]) * scale;
}

const clock = (): number => performance.now();

function checkRate(bitsPerSecond: number | undefined): number | undefined {
  if (bitsPerSecond === undefined) return undefined;
  if (!(bitsPerSecond > 0) || !Number.isFinite(bitsPerSecond))
    throw new RangeError(`rate must be a positive number of bits/s, got ${bitsPerSecond}`);
  return bitsPerSecond;
}

function checkCount(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} must be a whole number ≥ 0, got ${value}`);
  return value;
}

/** RST where Node can send one (an unplugged line never says goodbye), else a plain destroy. */
function reset(socket: net.Socket): void {
  if (socket.destroyed) return;
  if (socket.connecting || typeof socket.resetAndDestroy !== 'function') socket.destroy();
  else socket.resetAndDestroy();
}

/**
 * What the kernel still holds for each TCP peer (unsent or unacknowledged: tx_queue of
 * /proc/net/tcp and tcp6), by "localPort:remotePort"; undefined where those tables do not exist.
 */
function kernelSendQueues(): Map<string, number> | undefined {
  const port = (address: string | undefined) => Number.parseInt(address?.split(':').at(-1) ?? '', 16);
  let queues: Map<string, number> | undefined;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    queues ??= new Map();
    // sl local_address rem_address st tx_queue:rx_queue …
    for (const line of text.split('\n').slice(1)) {
      const [, local, remote, , txRx] = line.trim().split(/\s+/);
      if (txRx) queues.set(`${port(local)}:${port(remote)}`, Number.parseInt(txRx.split(':')[0]!, 16));
    }
  }
  return queues;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Checkpoint {
  at: number;
  run: () => void | Promise<void>;
  settle: (error?: Error) => void;
  fromRule: boolean;
}

/** One direction of the line: serialisation at the rate, shared by every connection's Pipe. */
class Line {
  committed = 0; // bytes put on the line since the reset, minus those dropped in flight
  delivered = 0; // bytes written to destination sockets since the reset
  peakQueued = 0;
  stalled = false;
  private readonly pipes: Pipe[] = [];
  private nextPipe = 0;
  private freeAt = 0; // when the last packet put on the line has been serialised
  private backlogged = false; // data was waiting when that packet finished: the next starts at freeAt
  private timer: NodeJS.Timeout | undefined;
  private checkpoints: Checkpoint[] = [];
  private corruptions: number[] = [];
  private firing = false;
  private stopped = false;

  constructor(
    public rate: number | undefined,
    public delayMs: number,
  ) {}

  attach(pipe: Pipe): void {
    this.pipes.push(pipe);
  }

  detach(pipe: Pipe, lostInFlight: number): void {
    const index = this.pipes.indexOf(pipe);
    if (index < 0) return;
    this.pipes.splice(index, 1);
    if (this.nextPipe > index) this.nextPipe--;
    this.committed -= lostInFlight;
    this.maybeFire();
  }

  queuedBytes(): number {
    return this.pipes.reduce((sum, pipe) => sum + pipe.queuedBytes, 0);
  }

  notePeak(): void {
    this.peakQueued = Math.max(this.peakQueued, this.queuedBytes());
  }

  resetCounters(): void {
    this.committed -= this.delivered;
    this.delivered = 0;
    this.peakQueued = this.queuedBytes();
  }

  addCheckpoint(at: number, run: () => void | Promise<void>, fromRule: boolean): Promise<void> {
    let settle!: (error?: Error) => void;
    const done = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    done.catch(() => undefined); // a caller that does not await is not an unhandled rejection
    const checkpoint = { at, run, settle, fromRule };
    const after = this.checkpoints.findIndex((other) => other.at > at);
    this.checkpoints.splice(after < 0 ? this.checkpoints.length : after, 0, checkpoint);
    this.maybeFire();
    return done;
  }

  removeRuleCheckpoints(): void {
    this.checkpoints = this.checkpoints.filter((checkpoint) => !checkpoint.fromRule);
  }

  abandonCheckpoints(error: Error): void {
    for (const checkpoint of this.checkpoints) checkpoint.settle(error);
    this.checkpoints = [];
  }

  corruptAt(offset: number): void {
    this.corruptions.push(offset);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Puts as many packets on the line as the rate allows by now; re-arms itself while busy. */
  pump(fromTimer = false): void {
    if (this.timer && !fromTimer) return; // the line is busy; its timer comes back
    this.timer = undefined;
    if (this.stopped) return;
    if (this.stalled || this.firing) {
      this.backlogged = false;
      return;
    }
    const now = clock();
    // Virtual time: while data keeps waiting, packets follow each other back to back even when a
    // timer fires late, so the long-run rate stays exact on a busy machine.
    let start = this.backlogged ? this.freeAt : Math.max(this.freeAt, now);
    for (;;) {
      if (start > now) {
        this.backlogged = true;
        this.timer = setTimeout(() => this.pump(true), start - now);
        return;
      }
      const next = this.checkpoints[0];
      const room = next ? next.at - this.committed : Infinity;
      if (room <= 0) {
        this.backlogged = false;
        this.maybeFire();
        return;
      }
      const pipe = this.nextReadyPipe();
      if (!pipe) {
        this.backlogged = false;
        return;
      }
      let packet = pipe.take(this.rate === undefined ? room : Math.min(PACKET_BYTES, room));
      const size = packet?.length ?? 0;
      if (packet && this.corruptions.length > 0) packet = this.corrupt(packet);
      this.committed += size;
      const serialised = start + (this.rate === undefined ? 0 : (size * 8000) / this.rate);
      this.freeAt = serialised;
      start = serialised;
      pipe.transmit(packet, serialised + this.delayMs);
    }
  }

  /** Runs the next checkpoint once the line has reached it and every byte before it has landed. */
  maybeFire(): void {
    if (this.firing) return;
    const next = this.checkpoints[0];
    if (!next || this.delivered < next.at || this.committed !== this.delivered) return;
    if (this.pipes.some((pipe) => pipe.unflushedBytes > 0)) return;
    this.firing = true;
    void this.fire();
  }

  private async fire(): Promise<void> {
    await this.untilAcknowledged();
    for (let next = this.checkpoints[0]; next && next.at <= this.delivered; next = this.checkpoints[0]) {
      this.checkpoints.shift();
      try {
        await next.run();
        next.settle();
      } catch (error) {
        next.settle(error instanceof Error ? error : new Error(`line action failed: ${String(error)}`));
      }
    }
    this.firing = false;
    this.pump();
  }

  /**
   * A write callback only means the kernel has the bytes; a reset now would throw away what it has
   * not yet sent (the peer's receive window may be full). What the peer has acknowledged survives
   * the RST in its receive queue, so wait for the send queues to empty: Linux shows them in
   * /proc/net/tcp; elsewhere allow a short grace. Gives up after 2 s (a peer that stopped reading).
   */
  private async untilAcknowledged(): Promise<void> {
    const deadline = clock() + 2000;
    while (!this.stopped && clock() < deadline) {
      const sockets = this.pipes
        .map((pipe) => pipe.destination)
        .filter((socket) => !socket.destroyed && socket.localPort && socket.remotePort);
      if (sockets.length === 0) return;
      const queues = kernelSendQueues();
      if (!queues) return sleep(20);
      if (sockets.every((socket) => !queues.get(`${socket.localPort}:${socket.remotePort}`))) return;
      await sleep(2);
    }
  }

  private nextReadyPipe(): Pipe | undefined {
    const count = this.pipes.length;
    for (let i = 0; i < count; i++) {
      const index = (this.nextPipe + i) % count;
      const pipe = this.pipes[index]!;
      if (pipe.hasWork && pipe.ready) {
        this.nextPipe = (index + 1) % count;
        return pipe;
      }
    }
    return undefined;
  }

  private corrupt(packet: Buffer): Buffer {
    const offset = this.committed;
    let out = packet;
    this.corruptions = this.corruptions.filter((at) => {
      if (at >= offset + packet.length) return true;
      if (at >= offset) {
        if (out === packet) out = Buffer.from(packet);
        out[at - offset] = out[at - offset]! ^ 0x01;
      }
      return false; // applied, or already past
    });
    return out;
  }
}

/** One connection in one direction: its queue, its packets in flight, its backpressure. */
class Pipe {
  unflushedBytes = 0;
  /** False until one RTT after accept (the handshake). */
  ready = true;
  private readonly waiting: Buffer[] = [];
  private waitingBytes = 0;
  private finPending = false; // the source ended; its FIN goes on the line after the data
  private readonly inFlight: { at: number; data: Buffer | null }[] = [];
  private inFlightBytes = 0;
  private lastArrival = 0;
  private deliveryTimer: NodeJS.Timeout | undefined;
  private readyTimer: NodeJS.Timeout | undefined;
  private paused = false;
  private dropped = false;

  constructor(
    private readonly line: Line,
    private readonly source: net.Socket,
    readonly destination: net.Socket,
    readyAt: number,
    private readonly queueLimit: number,
  ) {
    line.attach(this);
    const wait = readyAt - clock();
    if (wait > 0) {
      // A flag, not a clock comparison: timers may fire a fraction of a millisecond early.
      this.ready = false;
      this.readyTimer = setTimeout(() => {
        this.readyTimer = undefined;
        this.ready = true;
        line.pump();
      }, wait);
    }
  }

  get queuedBytes(): number {
    return this.waitingBytes + this.inFlightBytes + this.unflushedBytes;
  }

  get hasWork(): boolean {
    return !this.dropped && (this.waitingBytes > 0 || this.finPending);
  }

  receive(chunk: Buffer): void {
    if (this.dropped) return;
    this.waiting.push(chunk);
    this.waitingBytes += chunk.length;
    this.updateFlow();
    this.line.notePeak();
    this.line.pump();
  }

  receiveEnd(): void {
    if (this.dropped) return;
    this.finPending = true;
    this.line.pump();
  }

  /** Up to `max` bytes from the head of the queue, or null for the source's FIN once it is empty. */
  take(max: number): Buffer | null {
    const head = this.waiting[0];
    if (!head) {
      this.finPending = false;
      return null;
    }
    let packet = head;
    if (head.length <= max) this.waiting.shift();
    else {
      packet = head.subarray(0, max);
      this.waiting[0] = head.subarray(max);
    }
    this.waitingBytes -= packet.length;
    this.updateFlow();
    return packet;
  }

  transmit(data: Buffer | null, at: number): void {
    // setDelay() may shorten the delay; a connection's bytes still arrive in order.
    const due = Math.max(at, this.lastArrival);
    this.lastArrival = due;
    this.inFlight.push({ at: due, data });
    this.inFlightBytes += data?.length ?? 0;
    if (!this.deliveryTimer) this.deliverDue();
  }

  /** Stops everything; returns nothing to the caller but tells the line what was lost in flight. */
  drop(): void {
    if (this.dropped) return;
    this.dropped = true;
    clearTimeout(this.deliveryTimer);
    clearTimeout(this.readyTimer);
    this.waiting.length = 0;
    this.waitingBytes = 0;
    const lost = this.inFlightBytes;
    this.inFlight.length = 0;
    this.inFlightBytes = 0;
    this.unflushedBytes = 0;
    this.line.detach(this, lost);
  }

  private deliverDue = (): void => {
    this.deliveryTimer = undefined;
    if (this.dropped) return;
    const now = clock();
    for (let head = this.inFlight[0]; head && head.at <= now; head = this.inFlight[0]) {
      this.inFlight.shift();
      const data = head.data;
      if (data === null) {
        this.destination.end();
        continue;
      }
      this.inFlightBytes -= data.length;
      this.unflushedBytes += data.length;
      this.line.delivered += data.length;
      this.destination.write(data, () => this.flushed(data.length));
    }
    this.updateFlow();
    const head = this.inFlight[0];
    if (head) this.deliveryTimer = setTimeout(this.deliverDue, head.at - now);
  };

  private flushed(bytes: number): void {
    if (this.dropped) return;
    this.unflushedBytes -= bytes;
    this.updateFlow();
    this.line.maybeFire();
  }

  private updateFlow(): void {
    const backlog = this.waitingBytes + this.unflushedBytes;
    if (!this.paused && (backlog >= this.queueLimit || this.inFlightBytes >= IN_FLIGHT_LIMIT)) {
      this.paused = true;
      this.source.pause();
    } else if (this.paused && backlog <= this.queueLimit / 2 && this.inFlightBytes <= IN_FLIGHT_LIMIT / 2) {
      this.paused = false;
      this.source.resume();
    }
  }
}

/** A client socket, its own upstream socket to the target, and the two directions between them. */
class Connection {
  readonly closed: Promise<void>;
  private readonly upstream: net.Socket;
  private readonly up: Pipe;
  private readonly down: Pipe;
  private aborted = false;

  constructor(
    private readonly client: net.Socket,
    target: { host: string; port: number },
    lines: { up: Line; down: Line },
    queueBytes: number,
  ) {
    // The handshake a real line would charge: nothing moves until one RTT after accept.
    const readyAt = clock() + 2 * lines.up.delayMs;
    this.upstream = net.connect({ host: target.host, port: target.port, allowHalfOpen: true });
    this.up = new Pipe(lines.up, client, this.upstream, readyAt, queueBytes);
    this.down = new Pipe(lines.down, this.upstream, client, readyAt, queueBytes);
    let open = 2;
    let closedResolve!: () => void;
    this.closed = new Promise((resolve) => (closedResolve = resolve));
    for (const [socket, outbound] of [
      [client, this.up],
      [this.upstream, this.down],
    ] as const) {
      socket.setNoDelay(true); // the proxy paces packets itself; Nagle would add 40 ms stalls
      socket.on('data', (chunk: Buffer) => outbound.receive(chunk));
      socket.on('end', () => outbound.receiveEnd());
      socket.on('error', () => this.abort());
      socket.on('close', () => {
        // Closing before both halves finished means it was reset or destroyed: pass that on.
        if (!socket.readableEnded || !socket.writableFinished) this.abort();
        if (--open === 0) {
          this.abort();
          closedResolve();
        }
      });
    }
  }

  get isOpen(): boolean {
    return !this.aborted;
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.up.drop();
    this.down.drop();
    reset(this.client);
    reset(this.upstream);
  }
}

class ShapedLineProxy implements LineProxy {
  readonly host: string;
  port = 0;
  private readonly server: net.Server;
  private readonly up: Line;
  private readonly down: Line;
  private readonly connections = new Set<Connection>();
  private readonly queueBytes: number;
  private readonly log: (message: string) => void;
  private ruleTimers: NodeJS.Timeout[] = [];
  private downUntil = 0;
  private accepted = 0;
  private refused = 0;
  private cuts = 0;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: LineProxyOptions) {
    this.host = options.listenHost ?? '127.0.0.1';
    const delay = checkDelay(options.delayMs ?? 0);
    const rate = checkRate(options.rateBitsPerSecond);
    this.up = new Line(rate, delay);
    this.down = new Line(rate, delay);
    this.queueBytes = options.queueBytes ?? DEFAULT_QUEUE_BYTES;
    if (!(this.queueBytes >= PACKET_BYTES)) throw new RangeError(`queueBytes must be ≥ ${PACKET_BYTES}`);
    for (const rule of options.cuts ?? []) checkRule(rule);
    this.log = options.log ?? (() => undefined);
    this.server = net.createServer({ allowHalfOpen: true }, (client) => this.accept(client));
  }

  get url(): string {
    return `http://${this.host}:${this.port}`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.listenPort ?? 0, this.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as net.AddressInfo).port;
    this.armRules();
  }

  stats(): LineStats {
    return {
      bytesUp: this.up.delivered,
      bytesDown: this.down.delivered,
      connections: this.accepted,
      openConnections: [...this.connections].filter((connection) => connection.isOpen).length,
      refusedConnections: this.refused,
      cuts: this.cuts,
      queuedBytesUp: this.up.queuedBytes(),
      queuedBytesDown: this.down.queuedBytes(),
      peakQueuedBytesUp: this.up.peakQueued,
      peakQueuedBytesDown: this.down.peakQueued,
    };
  }

  resetStats(): void {
    this.up.resetCounters();
    this.down.resetCounters();
    this.accepted = 0;
    this.refused = 0;
    this.cuts = 0;
    if (!this.closing) this.armRules();
  }

  cutNow(downForMs = 0): void {
    if (downForMs > 0) this.downUntil = Math.max(this.downUntil, clock() + downForMs);
    this.cuts++;
    const down =
      downForMs === Infinity ? '; down until setDown(false)' : downForMs > 0 ? `; down for ${downForMs} ms` : '';
    this.log(
      `cut ${this.stats().openConnections} connection(s) after ${this.up.delivered} B up, ${this.down.delivered} B down${down}`,
    );
    for (const connection of this.connections) connection.abort();
  }

  setDown(down: boolean): void {
    if (down) this.cutNow(Infinity);
    else this.downUntil = 0;
  }

  setStalled(stalled: boolean): void {
    for (const line of [this.up, this.down]) {
      line.stalled = stalled;
      if (!stalled) line.pump();
    }
  }

  setRate(bitsPerSecond: number | undefined): void {
    const rate = checkRate(bitsPerSecond);
    this.up.rate = rate;
    this.down.rate = rate;
  }

  setDelay(ms: number): void {
    const delay = checkDelay(ms);
    this.up.delayMs = delay;
    this.down.delayMs = delay;
  }

  onceAfterBytesUp(bytes: number, action?: LineAction): Promise<void> {
    return this.onceAfter(this.up, checkCount(bytes, 'bytes'), action);
  }

  onceAfterBytesDown(bytes: number, action?: LineAction): Promise<void> {
    return this.onceAfter(this.down, checkCount(bytes, 'bytes'), action);
  }

  corruptUpByteAt(offset: number): void {
    this.up.corruptAt(checkCount(offset, 'offset'));
  }

  corruptDownByteAt(offset: number): void {
    this.down.corruptAt(checkCount(offset, 'offset'));
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    for (const timer of this.ruleTimers) clearTimeout(timer);
    this.ruleTimers = [];
    const closed = new Error('line proxy closed');
    for (const line of [this.up, this.down]) {
      line.abandonCheckpoints(closed);
      line.stop();
    }
    const serverClosed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const connections = [...this.connections];
    for (const connection of connections) connection.abort();
    await Promise.all([serverClosed, ...connections.map((connection) => connection.closed)]);
  }

  private onceAfter(line: Line, bytes: number, action: LineAction | undefined): Promise<void> {
    if (this.closing) return Promise.reject(new Error('line proxy closed'));
    const run = action === 'cut' ? () => this.cutNow(0) : action ? () => action(this) : () => undefined;
    return line.addCheckpoint(bytes, run, false);
  }

  private accept(client: net.Socket): void {
    client.on('error', () => undefined); // the reset below may race the client's own writes
    if (this.closing) {
      reset(client);
      return;
    }
    if (clock() < this.downUntil) {
      this.refused++;
      this.log('line down: connection reset');
      reset(client);
      return;
    }
    this.accepted++;
    const connection = new Connection(client, this.options.target, { up: this.up, down: this.down }, this.queueBytes);
    this.connections.add(connection);
    void connection.closed.then(() => this.connections.delete(connection));
  }

  private armRules(): void {
    for (const timer of this.ruleTimers) clearTimeout(timer);
    this.ruleTimers = [];
    this.up.removeRuleCheckpoints();
    this.down.removeRuleCheckpoints();
    for (const rule of this.options.cuts ?? []) {
      const cut = () => this.cutNow(rule.downForMs ?? 0);
      if ('afterBytesUp' in rule) void this.up.addCheckpoint(rule.afterBytesUp, cut, true);
      else if ('afterBytesDown' in rule) void this.down.addCheckpoint(rule.afterBytesDown, cut, true);
      else this.ruleTimers.push(setTimeout(cut, rule.atMs));
    }
  }
}

function checkDelay(ms: number): number {
  if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`delay must be ≥ 0 ms, got ${ms}`);
  return ms;
}

function checkRule(rule: CutRule): void {
  if ('afterBytesUp' in rule) checkCount(rule.afterBytesUp, 'afterBytesUp');
  else if ('afterBytesDown' in rule) checkCount(rule.afterBytesDown, 'afterBytesDown');
  else if ('atMs' in rule) checkDelay(rule.atMs);
  else throw new RangeError(`a cut rule needs afterBytesUp, afterBytesDown or atMs: ${JSON.stringify(rule)}`);
  if (rule.downForMs !== undefined && !(rule.downForMs >= 0))
    throw new RangeError(`downForMs must be ≥ 0, got ${rule.downForMs}`);
}

/** Listens on 127.0.0.1 (or `listenHost`) and forwards every connection to `target` over the emulated line. */
export async function startLineProxy(options: LineProxyOptions): Promise<LineProxy> {
  const proxy = new ShapedLineProxy(options);
  await proxy.listen();
  return proxy;
}
