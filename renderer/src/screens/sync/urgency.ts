// Độ khẩn as colour: the same four colours on the sync queue, the dashboard
// bars and their tags, most urgent reddest.
import { urgencies, type Urgency } from '../../../../shared/domain.ts';

export const urgencyColors: Record<Urgency, string> = {
  'hoa-toc': '#cf1322',
  'thuong-khan': '#d4380d',
  khan: '#d48806',
  thuong: '#8c8c8c',
};

/** AntD Tag colours for the same scale; Thường stays neutral so the urgent ones stand out. */
export const urgencyTagColors: Record<Urgency, string> = {
  'hoa-toc': 'red',
  'thuong-khan': 'volcano',
  khan: 'gold',
  thuong: 'default',
};

/** The sync queue's priority (0 Hỏa tốc … 3 Thường) is the index in `urgencies`. */
export function urgencyOfPriority(priority: number): Urgency {
  return urgencies[Math.min(Math.max(Math.trunc(priority), 0), urgencies.length - 1)] ?? 'thuong';
}
