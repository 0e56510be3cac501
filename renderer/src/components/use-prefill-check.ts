// Fields the PDF filled in stay marked until the clerk has looked at each:
// put the cursor in it or changed it. A reading is a guess (OCR especially),
// and a field left marked is one nobody checked.
import { useCallback, useState, type FocusEvent } from 'react';

export interface PrefillCheck {
  /** Fields filled from the file and not yet checked. */
  unchecked: ReadonlySet<string>;
  /** The fields a reading just filled (replacing any marks of a previous file). */
  filled: (fields: Iterable<string>) => void;
  /** Focus anywhere in the form: the field it lands in (its id is its name) counts as checked. */
  onFocus: (event: FocusEvent<HTMLElement>) => void;
  /** Fields the clerk changed count as checked. */
  changed: (fields: Iterable<string>) => void;
  className: (field: string) => string | undefined;
}

export function usePrefillCheck(): PrefillCheck {
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(() => new Set());

  const changed = useCallback((fields: Iterable<string>) => {
    const done = [...fields];
    setUnchecked((current) => {
      if (!done.some((field) => current.has(field))) return current;
      const next = new Set(current);
      for (const field of done) next.delete(field);
      return next;
    });
  }, []);

  return {
    unchecked,
    filled: useCallback((fields: Iterable<string>) => setUnchecked(new Set(fields)), []),
    onFocus: useCallback((event: FocusEvent<HTMLElement>) => changed([event.target.id]), [changed]),
    changed,
    className: (field) => (unchecked.has(field) ? 'field-prefilled' : undefined),
  };
}
