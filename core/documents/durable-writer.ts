// Durable writes off the main thread: a worker thread writes the temp file,
// fsyncs it, renames it into place and fsyncs the directory, so signing the
// next document (and in the desktop app, the window) never waits on the disk.
// The worker is a few lines of plain JavaScript evaluated inline: it needs no
// loader, whatever runs core (tsx, Electron, a bundle). It repeats BlobStore.put's
// sequence because a worker evaluated from source cannot import it.
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
parentPort.on('message', ({ id, tmp, target, dir, bytes }) => {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const fd = fs.openSync(tmp, 'w');
    try {
      let offset = 0;
      while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
    if (process.platform !== 'win32') {
      const dirFd = fs.openSync(dir, 'r');
      try { fs.fsyncSync(dirFd); } finally { fs.closeSync(dirFd); }
    }
    parentPort.postMessage({ id });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

interface Pending {
  resolve(): void;
  reject(error: Error): void;
}

export class DurableWriter {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** Writes `bytes` to `tmp`, fsyncs, renames to `target` and fsyncs `dir`. The bytes are copied, not moved. */
  write(tmp: string, target: string, dir: string, bytes: Uint8Array): Promise<void> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, tmp, target, dir, bytes });
    });
  }

  /** Stops the thread; a write still in flight is reported failed, never left hanging. */
  close(): Promise<number> | undefined {
    const worker = this.worker;
    this.worker = null;
    for (const waiting of this.pending.values())
      waiting.reject(new Error('the store was closed before the file was written'));
    this.pending.clear();
    return worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.on('message', ({ id, error }: { id: number; error?: string }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
      if (!waiting) return;
      if (error === undefined) waiting.resolve();
      else waiting.reject(new Error(error));
    });
    worker.on('error', (error) => {
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
      this.worker = null;
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
