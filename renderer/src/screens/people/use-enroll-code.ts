// "Tạo mã cài đặt máy": one request to core (which asks the hub) per click,
// never from an effect, since each answer is a fresh one-time code.
import { useCallback, useRef, useState } from 'react';
import type { EnrollCodeView, PersonView } from '../../../../shared/handling.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';

export interface EnrollCodeRequest {
  person: PersonView;
  /** Null while asked, or when it failed. */
  code: EnrollCodeView | null;
  error: CoreError | null;
}

export interface EnrollCodes {
  request: EnrollCodeRequest | null;
  make: (person: PersonView) => void;
  close: () => void;
}

export function useEnrollCode(): EnrollCodes {
  const [request, setRequest] = useState<EnrollCodeRequest | null>(null);
  // An answer for a dialog already closed, or for an earlier click, is dropped.
  const asked = useRef(0);

  const make = useCallback((person: PersonView) => {
    const ticket = ++asked.current;
    setRequest({ person, code: null, error: null });
    call('people.enrollCode', { id: person.id })
      .then((code) => {
        if (asked.current === ticket) setRequest({ person, code, error: null });
      })
      .catch((caught: unknown) => {
        if (asked.current === ticket) setRequest({ person, code: null, error: asCoreError(caught) });
      });
  }, []);

  const close = useCallback(() => {
    asked.current++;
    setRequest(null);
  }, []);

  return { request, make, close };
}
