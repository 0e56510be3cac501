// A year of the working-day calendar: the one request the calendar section makes.
import { useCallback, useEffect, useState } from 'react';
import type { Outputs } from '../../../../shared/api.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';

export type CalendarYear = Outputs['calendar.list'];

export function useCalendar(year: number): {
  calendar: CalendarYear | null;
  error: CoreError | null;
  reload: () => void;
} {
  const [calendar, setCalendar] = useState<CalendarYear | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let stopped = false;
    call('calendar.list', { year })
      .then((answer) => {
        if (stopped) return;
        setCalendar(answer);
        setError(null);
      })
      .catch((caught: unknown) => {
        if (!stopped) setError(asCoreError(caught));
      });
    return () => {
      stopped = true;
    };
  }, [year, asked]);
  const reload = useCallback(() => setAsked((n) => n + 1), []);
  return { calendar, error, reload };
}
