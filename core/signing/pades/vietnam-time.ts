// Decree 30/2020 Appendix I: the signing time shown on a signature is Vietnam
// time written per ISO 8601. Vietnam has no daylight saving: always UTC+07:00.
const OFFSET_MS = 7 * 60 * 60 * 1000;

export function vietnamIsoTime(at: Date): string {
  return `${new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}
