// Which columns the register shows (Ngày chuyển and Ký nhận are there to add),
// and back to the usual columns and widths. The list is drawn only while open.
import { TableOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ColumnLayout } from './column-layout.ts';

export function ColumnChooser({ layout }: { layout: ColumnLayout }) {
  const { t } = useTranslation('registers');
  const content = (
    <Flex vertical gap={4} data-testid="register-columns-menu">
      {layout.all.map((column) => (
        <Checkbox
          key={column.key}
          data-column={column.key}
          // The trích yếu is what a register line is for: it is always there.
          disabled={column.grow}
          checked={layout.isShown(column)}
          onChange={(event) => layout.setShown(column.key, event.target.checked)}
        >
          {t(column.title)}
        </Checkbox>
      ))}
      <Button size="small" type="link" className="columns-reset" onClick={layout.reset}>
        {t('columnsMenu.reset')}
      </Button>
    </Flex>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title={t('columnsMenu.title')} content={content}>
      <Button size="small" icon={<TableOutlined />} data-testid="register-columns">
        {t('columnsMenu.open')}
      </Button>
    </Popover>
  );
}
