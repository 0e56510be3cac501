// The register's buttons: sign the ticked rows (outgoing and drafts), the
// columns, "In sổ", and the way to a new entry. Drawn after the first rows.
import { EditOutlined, FileAddOutlined, PrinterOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, type RegisterView } from '../../app/router.ts';
import { ColumnChooser } from './ColumnChooser.tsx';
import type { ColumnLayout } from './column-layout.ts';

export interface RegisterActionsProps {
  view: RegisterView;
  layout: ColumnLayout;
  checkedCount: number;
  onClearSelection: () => void;
  onOpen: (dialog: 'sign' | 'print') => void;
}

// Memoized: the register page redraws each time a page of rows arrives, the buttons need not.
export default memo(function RegisterActions({
  view,
  layout,
  checkedCount,
  onClearSelection,
  onOpen,
}: RegisterActionsProps) {
  const { t } = useTranslation('registers');
  return (
    <>
      {view !== 'incoming' && (
        <>
          {checkedCount > 0 && (
            <Button size="small" onClick={onClearSelection}>
              {t('clearSelection')}
            </Button>
          )}
          <Button
            size="small"
            icon={<SafetyCertificateOutlined />}
            disabled={checkedCount === 0}
            onClick={() => onOpen('sign')}
          >
            {t('signSelected', { count: checkedCount })}
          </Button>
        </>
      )}
      <ColumnChooser layout={layout} />
      {view !== 'drafts' && (
        <Button size="small" icon={<PrinterOutlined />} data-testid="register-print" onClick={() => onOpen('print')}>
          {t('print.open')}
        </Button>
      )}
      {view === 'incoming' ? (
        <Button
          type="primary"
          size="small"
          icon={<FileAddOutlined />}
          data-testid="register-incoming-button"
          onClick={() => navigate({ name: 'incoming-new' })}
        >
          {t('registerIncoming')}
        </Button>
      ) : (
        <Button
          type="primary"
          size="small"
          icon={<EditOutlined />}
          data-testid="draft-outgoing-button"
          onClick={() => navigate({ name: 'outgoing-new' })}
        >
          {t('draftOutgoing')}
        </Button>
      )}
    </>
  );
});
