// Xem tất cả: every document a search finds, past the header's first twenty,
// fetched a page at a time as the clerk asks for more (core says whether there
// is more, not how many: counting every match would cost the search its speed).
import { Button, Empty, Flex, Input, Table, Typography } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../../../../shared/api.ts';
import { asCoreError, call, type CoreError } from '../../api/client.ts';
import { navigate, openDocument } from '../../app/router.ts';
import { formatDate } from '../../components/dates.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatCount } from '../../components/numbers.ts';
import { subjectNamesType } from '../../components/type-and-subject.ts';
import { DirectionTag } from './DirectionTag.tsx';

const PAGE = 50;

interface Found {
  results: DocumentView[];
  hasMore: boolean;
}

export function SearchPage({ query }: { query: string }) {
  const { t, i18n } = useTranslation('search');
  const [found, setFound] = useState<Found | null>(null);
  const [loading, setLoading] = useState(query.trim() !== '');
  const [error, setError] = useState<CoreError | null>(null);
  // Each page follows the last: its offset is the number already shown.
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    const words = query.trim();
    if (!words) return;
    let stopped = false;
    call('documents.search', { query: words, prefix: true, limit: PAGE, offset: asked })
      .then((page) => {
        if (stopped) return;
        setFound((before) => ({
          results: [...(asked > 0 ? (before?.results ?? []) : []), ...page.results],
          hasMore: page.hasMore,
        }));
        setError(null);
      })
      .catch((failure: unknown) => {
        if (!stopped) setError(asCoreError(failure));
      })
      .finally(() => {
        if (!stopped) setLoading(false);
      });
    return () => {
      stopped = true;
    };
  }, [query, asked]);

  const results = found?.results ?? [];
  const count = formatCount(results.length, i18n.language);
  return (
    <Flex vertical gap={10} className="page-padded search-page" data-testid="search-page">
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={4} className="page-title">
          {t('page.title')}
        </Typography.Title>
        <Input.Search
          size="small"
          className="search-page-input"
          defaultValue={query}
          placeholder={t('placeholder')}
          onSearch={(words) => navigate({ name: 'search', query: words.trim() })}
          data-testid="search-page-input"
        />
        {found && (
          <span className="muted" data-testid="search-count" data-count={results.length} data-more={found.hasMore}>
            {found.hasMore
              ? t('page.countMore', { count: results.length, formatted: count })
              : t('page.count', { count: results.length, formatted: count })}
          </span>
        )}
      </Flex>
      {error && <ErrorNotice error={error} />}
      {!query.trim() ? (
        <Empty description={t('page.empty')} />
      ) : (
        <Table<DocumentView>
          size="small"
          rowKey="id"
          loading={loading && !found}
          dataSource={results}
          pagination={false}
          locale={{ emptyText: t('noResults') }}
          onRow={(document) =>
            ({
              'data-testid': 'search-page-result',
              'data-id': document.id,
              className: 'search-page-row',
              onClick: () => openDocument(document.id),
            }) as HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              key: 'direction',
              title: t('page.columns.direction'),
              width: 80,
              render: (_, document) => <DirectionTag document={document} />,
            },
            {
              key: 'notation',
              title: t('page.columns.notation'),
              width: 150,
              render: (_, document) => <strong>{document.notation ?? t('noNotation')}</strong>,
            },
            {
              key: 'date',
              title: t('page.columns.date'),
              width: 100,
              render: (_, document) => formatDate(document.issuedOn ?? document.filedOn),
            },
            {
              key: 'issuer',
              title: t('page.columns.issuer'),
              width: 220,
              render: (_, document) => document.issuerName,
            },
            {
              key: 'subject',
              title: t('page.columns.subject'),
              render: (_, document) => (
                <span className="search-page-subject">
                  {subjectNamesType(document) ? null : <strong>{document.typeName} </strong>}
                  {document.subject}
                </span>
              ),
            },
          ]}
        />
      )}
      {found?.hasMore && (
        <Flex justify="center">
          <Button
            data-testid="search-more"
            loading={loading}
            onClick={() => {
              setLoading(true);
              setAsked(results.length);
            }}
          >
            {t('page.more')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
