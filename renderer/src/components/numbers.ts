// Counts with thousands grouped the way each language writes them (100.000
// in Vietnamese, 100,000 in English), without building an Intl formatter on
// the first screen's path.
export function formatCount(count: number, language: string): string {
  return String(Math.trunc(count)).replace(/\B(?=(\d{3})+(?!\d))/g, language === 'en' ? ',' : '.');
}
