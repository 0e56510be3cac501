// What a register view asks core for: the view and the filters above it.
import type { HandlerInput } from '../../../../shared/api.ts';
import type { Urgency } from '../../../../shared/domain.ts';
import type { RegisterView } from '../../app/router.ts';

export interface RegisterFilterValues {
  year?: number;
  type?: string;
  urgency?: Urgency;
  from?: string;
  to?: string;
  overdue: boolean;
}

export const noFilters: RegisterFilterValues = { overdue: false };

export function isUnfiltered(filters: RegisterFilterValues): boolean {
  return (
    filters.year === undefined && !filters.type && !filters.urgency && !filters.from && !filters.to && !filters.overdue
  );
}

export type RegisterQuery = Omit<HandlerInput<'documents.list'>, 'offset' | 'limit'>;

export function registerQuery(view: RegisterView, filters: RegisterFilterValues): RegisterQuery {
  return { view, ...filters };
}
