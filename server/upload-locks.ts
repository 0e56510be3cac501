// One upload of a blob per agency at a time, in this process: a second PATCH
// while the first is still receiving would interleave bytes in one file.
export class UploadLocks {
  private readonly held = new Set<string>();

  /** The release function, or null when another request holds the upload. */
  acquire(agency: string, sha256: string): (() => void) | null {
    const key = `${agency}/${sha256}`;
    if (this.held.has(key)) return null;
    this.held.add(key);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held.delete(key);
    };
  }
}
