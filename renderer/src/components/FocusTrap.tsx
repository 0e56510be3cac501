// Keeps Tab inside a dialog: from its last control back to its first, and
// Shift+Tab the other way, and into the dialog when the focus is still on the
// page behind (the button that opened it), or on nothing after the control that
// held it was re-rendered away. Ant Design's own lock lets focus
// fall out to the page behind, where a clerk typing a PIN would lose it.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => element.getClientRects().length > 0 && element.getAttribute('aria-hidden') !== 'true',
  );
}

const holds = (box: HTMLElement, element: Element | null) => element instanceof Node && box.contains(element);

export function FocusTrap({ children, testId }: { children: ReactNode; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);

  // Tab pressed while the focus is outside the open dialog: into it, not further along the page.
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    if (!holds(element, document.activeElement)) element.focus({ preventScroll: true });
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Tab' || holds(element, document.activeElement)) return;
      // A dialog closing (still in the page while it fades) keeps nothing.
      if (element.getClientRects().length === 0) return;
      const items = focusables(element);
      const target = event.shiftKey ? items.at(-1) : items[0];
      if (!target) return;
      event.preventDefault();
      target.focus();
    };
    document.addEventListener('keydown', onKeyDown, true);
    // A control that held the focus re-rendered away (a token list that came in, a step that
    // ended) leaves it on the page's body: back into the dialog, not to the page behind.
    const keepInside = new MutationObserver(() => {
      const open = element.isConnected && element.getClientRects().length > 0;
      if (open && (document.activeElement === null || document.activeElement === document.body))
        element.focus({ preventScroll: true });
    });
    keepInside.observe(element, { childList: true, subtree: true });
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      keepInside.disconnect();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Tab' || !box.current) return;
    const items = focusables(box.current);
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };
  return (
    <div ref={box} data-testid={testId} tabIndex={-1} className="focus-trap" onKeyDown={onKeyDown}>
      {children}
    </div>
  );
}
