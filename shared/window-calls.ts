// What the UI window may ask of core, beyond the table's names. The window
// hands files over as bytes (a file dialog or a drop) and saves downloads
// itself; it never names a path on this machine. Refusing path inputs at the
// transport means a page that got script running could still not make core
// read or write an arbitrary file (the CLI, which needs paths, calls core directly).

/** Why the window may not make this call, or null when it may. */
export function windowCallRefusal(name: string, input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const fields = input as Record<string, unknown>;
  for (const key of ['path', 'out']) if (key in fields) return `${name}: the window may not pass a file path (${key})`;
  const file = fields.file;
  if (typeof file === 'object' && file !== null && 'path' in file)
    return `${name}: the window may not pass a file path (file.path)`;
  return null;
}
