// What the line delivers, measured from our own chunks, and the chunk size
// that follows from it: long enough that the round trip after each chunk
// costs little (≥ 20 RTTs of transfer), short enough that an urgent document
// waits at most ~8 s for the chunk in flight (research §2.3).
const MIN_CHUNK = 64 * 1024;
const MAX_CHUNK = 4 * 1024 * 1024;
const FIRST_CHUNK = 128 * 1024;
const CHUNK_SECONDS = 8;
const RTTS_PER_CHUNK = 20;

export class LineMeter {
  /** Bytes per second, smoothed; null until a chunk has been timed. */
  rate: number | null = null;

  /** A transfer of `bytes` that took `ms`, of which about `rttMs` was waiting for the reply. */
  observe(bytes: number, ms: number, rttMs: number): void {
    const busy = Math.max(1, ms - (Number.isFinite(rttMs) ? rttMs : 0));
    const sample = (bytes * 1000) / busy;
    this.rate = this.rate === null ? sample : 0.7 * this.rate + 0.3 * sample;
  }

  chunkSize(rttMs: number): number {
    if (this.rate === null) return FIRST_CHUNK;
    const rtt = Number.isFinite(rttMs) ? rttMs / 1000 : 0;
    const wanted = Math.max(this.rate * CHUNK_SECONDS, RTTS_PER_CHUNK * rtt * this.rate);
    return Math.round(Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, wanted)));
  }

  /** Seconds to move `bytes`, or null before the line has been measured. */
  eta(bytes: number): number | null {
    return this.rate === null ? null : bytes / this.rate;
  }
}
