// The header's search box: results while typing, without diacritics ("quyet
// dinh" finds "Quyết định"; core folds the text), by trích yếu or số/ký hiệu.
// Ctrl+K focuses it from anywhere, ↑/↓/Enter open a result, Esc closes.
// The first twenty show here, with how many and "Xem tất cả" for the rest.
import { SearchOutlined } from '@ant-design/icons';
import { Input, Spin, type InputRef } from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../../../../shared/api.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { navigate, openDocument } from '../../app/router.ts';
import { formatDate } from '../../components/dates.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { DirectionTag } from './DirectionTag.tsx';

const DEBOUNCE_MS = 150;
const LIMIT = 20;

export function GlobalSearch() {
  const { t } = useTranslation('search');
  const input = useRef<InputRef>(null);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [results, setResults] = useState<DocumentView[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [active, setActive] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<CoreError | null>(null);
  // Each keystroke takes a ticket; only the answer to the latest one is shown.
  const latest = useRef(0);

  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        input.current?.focus({ cursor: 'all' });
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  useEffect(() => {
    const text = query.trim();
    const ticket = ++latest.current;
    if (!text) return;
    const timer = setTimeout(() => {
      call('documents.search', { query: text, prefix: true, limit: LIMIT })
        .then((found) => {
          if (ticket !== latest.current) return;
          setResults(found.results);
          setHasMore(found.hasMore);
          setActive(0);
          setError(null);
        })
        .catch((failure: unknown) => {
          if (ticket === latest.current) setError(asCoreError(failure));
        })
        .finally(() => {
          if (ticket === latest.current) setLoading(false);
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const type = (next: string) => {
    setQuery(next);
    setOpen(true);
    // An empty box shows nothing; any other text waits for its answer.
    if (next.trim()) {
      setLoading(true);
    } else {
      setResults([]);
      setHasMore(false);
      setLoading(false);
      setError(null);
    }
  };

  const choose = (document: DocumentView | undefined) => {
    if (!document) return;
    setOpen(false);
    input.current?.blur();
    openDocument(document.id);
  };

  const seeAll = () => {
    setOpen(false);
    input.current?.blur();
    navigate({ name: 'search', query: query.trim() });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      input.current?.blur();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => Math.min(index + 1, results.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // Ctrl+Enter: every result, on a page of their own.
      if (event.ctrlKey || event.metaKey) seeAll();
      else choose(results[active]);
    }
  };

  const showPanel = open && query.trim() !== '';
  return (
    <div className="global-search">
      <Input
        ref={input}
        data-testid="global-search"
        size="small"
        prefix={<SearchOutlined />}
        suffix={<kbd className="shortcut">Ctrl K</kbd>}
        placeholder={t('placeholder')}
        value={query}
        role="combobox"
        aria-expanded={showPanel}
        aria-controls="global-search-results"
        autoComplete="off"
        onChange={(event) => type(event.target.value)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {showPanel && (
        // Clicks inside must not blur the input before they land.
        <div
          id="global-search-results"
          className="search-panel"
          role="listbox"
          onMouseDown={(event) => event.preventDefault()}
        >
          {error && <ErrorNotice error={error} />}
          {!error && results.length === 0 && (
            <div className="search-empty">{loading ? <Spin size="small" /> : t('noResults')}</div>
          )}
          {results.map((document, index) => (
            <div
              key={document.id}
              data-testid="search-result"
              data-id={document.id}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'search-result search-result-active' : 'search-result'}
              onMouseEnter={() => setActive(index)}
              onClick={() => choose(document)}
            >
              <DirectionTag document={document} />
              <span className="search-notation">{document.notation ?? t('noNotation')}</span>
              <span className="search-subject">{document.subject}</span>
              <span className="search-date">{formatDate(document.issuedOn ?? document.filedOn)}</span>
            </div>
          ))}
          {!error && results.length > 0 && (
            <div className="search-footer" data-testid="search-count" data-count={results.length} data-more={hasMore}>
              <span className="muted">
                {hasMore ? t('firstResults', { count: results.length }) : t('allResults', { count: results.length })}
              </span>
              {hasMore && (
                <button type="button" className="link-button" data-testid="search-see-all" onClick={seeAll}>
                  {t('seeAll')}
                </button>
              )}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
