// How the sync panel (and the dashboard) write sizes, counts and durations: the
// way a Vietnamese office writes them (decimal comma, "2 phút 10 giây"), or the
// English way when the UI is in English.
import type { TFunction } from 'i18next';

function numberLocale(language: string): string {
  return language.startsWith('en') ? 'en-GB' : 'vi-VN';
}

export function formatNumber(value: number, language: string, fractionDigits = 0): string {
  return new Intl.NumberFormat(numberLocale(language), { maximumFractionDigits: fractionDigits }).format(value);
}

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/** 1 536 000 → "1,5 MB" (vi) / "1.5 MB" (en). */
export function formatBytes(bytes: number, language: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value, language, unit === 0 ? 0 : 1)} ${UNITS[unit]}`;
}

/** 130 → "2 phút 10 giây"; hours and minutes only past the hour (the line is slow, not that slow). */
export function formatDuration(totalSeconds: number, t: TFunction<'sync'>): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) {
    const parts = [t('duration.hours', { count: hours })];
    if (minutes > 0) parts.push(t('duration.minutes', { count: minutes }));
    return parts.join(' ');
  }
  if (minutes > 0) {
    const parts = [t('duration.minutes', { count: minutes })];
    if (rest > 0) parts.push(t('duration.seconds', { count: rest }));
    return parts.join(' ');
  }
  return t('duration.seconds', { count: rest });
}
