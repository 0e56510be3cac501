// The rows of one register view, fetched from core in pages as the table
// scrolls to them and kept for as long as the view (and its filters) lasts.
//
// - Each page is asked for once at a time, and at most two at once: when the
//   clerk drags the scrollbar across years of entries, only the pages where
//   the table stops are fetched, not every page it flew past.
// - The page after the rows in sight is fetched ahead (and the one before),
//   so steady scrolling rarely shows a loading row.
// - A failed page waits for a retry instead of being asked for again on every
//   scroll.
// A cache the view has left may still receive answers: nothing shows it any
// more, so they are simply kept until it is dropped.
import type { RegisterRowView } from '../../../../shared/api.ts';
import { asCoreError, type CoreError } from '../../api/client.ts';

export const PAGE_SIZE = 200;
const MAX_IN_FLIGHT = 2;

type LoadPage = (offset: number, limit: number) => Promise<{ total: number; rows: RegisterRowView[] }>;

export class RegisterPages {
  #pages = new Map<number, RegisterRowView[]>();
  #inFlight = new Set<number>();
  #failed = new Set<number>();
  /** The pages the table needs now, most needed first. */
  #wanted: number[] = [];
  total: number | null = null;
  error: CoreError | null = null;

  constructor(
    private readonly load: LoadPage,
    private readonly onChange: () => void,
    /** The first page when it is already here (asked for at startup). */
    first?: { total: number; rows: RegisterRowView[] },
  ) {
    if (first) {
      this.total = first.total;
      this.#pages.set(0, first.rows);
    }
  }

  /** The rows of the first page, once they are here: what the table sizes its columns by. */
  firstPage(): readonly RegisterRowView[] | undefined {
    return this.#pages.get(0);
  }

  row(index: number): RegisterRowView | undefined {
    return this.#pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** The table shows rows first..last: fetch their pages, then the ones around them. */
  ensure(first: number, last: number): void {
    const lastPage = this.total === null ? 0 : Math.floor(Math.max(this.total - 1, 0) / PAGE_SIZE);
    const from = Math.min(Math.floor(Math.max(first, 0) / PAGE_SIZE), lastPage);
    const to = Math.min(Math.floor(Math.max(last, 0) / PAGE_SIZE), lastPage);
    const wanted: number[] = [];
    for (let page = from; page <= to; page++) wanted.push(page);
    if (to < lastPage) wanted.push(to + 1);
    if (from > 0) wanted.push(from - 1);
    this.#wanted = wanted;
    this.#pump();
  }

  /** Asks again for the pages that failed. */
  retry(): void {
    this.#failed.clear();
    this.error = null;
    this.onChange();
  }

  #pump(): void {
    for (const page of this.#wanted) {
      if (this.#inFlight.size >= MAX_IN_FLIGHT) return;
      if (!this.#pages.has(page) && !this.#inFlight.has(page) && !this.#failed.has(page)) void this.#fetch(page);
    }
  }

  async #fetch(page: number): Promise<void> {
    this.#inFlight.add(page);
    try {
      const result = await this.load(page * PAGE_SIZE, PAGE_SIZE);
      // A document registered meanwhile shifts every row by one: the pages
      // already held no longer line up with the new count, so they go.
      if (this.total !== null && result.total !== this.total) this.#pages.clear();
      this.total = result.total;
      this.#pages.set(page, result.rows);
    } catch (error) {
      this.#failed.add(page);
      this.error = asCoreError(error);
    } finally {
      this.#inFlight.delete(page);
    }
    this.#pump();
    this.onChange();
  }
}
