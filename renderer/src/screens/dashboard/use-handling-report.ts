// The handling report for a period, by official or by unit: the one request
// the dashboard's report card makes, answered again when the period changes.
import { useEffect, useState } from 'react';
import type { Outputs } from '../../../../shared/api.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';

export type HandlingReport = Outputs['report.handling'];

export function useHandlingReport(
  from: string,
  to: string,
  by: 'person' | 'unit',
): { report: HandlingReport | null; error: CoreError | null } {
  const [report, setReport] = useState<HandlingReport | null>(null);
  const [error, setError] = useState<CoreError | null>(null);
  useEffect(() => {
    let stopped = false;
    call('report.handling', { from, to, by })
      .then((answer) => {
        if (stopped) return;
        setReport(answer);
        setError(null);
      })
      .catch((caught: unknown) => {
        if (!stopped) setError(asCoreError(caught));
      });
    return () => {
      stopped = true;
    };
  }, [from, to, by]);
  return { report, error };
}
