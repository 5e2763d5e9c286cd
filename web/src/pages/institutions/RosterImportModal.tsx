import { useState } from 'react';
import { Alert, App, Button, Grid, Result, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { t, type RosterImportReport, type RosterRowReport } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { AdminImportWizard, ImportStat } from '../../components/AdminImportWizard.tsx';
import { errorText, reportOf } from '../../components/AdminUtils.ts';
import { downloadFromApi } from '../../components/download.ts';

const ACTION_COLOR: Record<RosterRowReport['action'], string> = { create: 'green', update: 'blue', error: 'red' };

/** Sends the roster to POST /api/institutions/import. */
async function postRoster(file: File, dryRun: boolean, skipInvalid = false): Promise<RosterImportReport> {
  const fd = new FormData();
  fd.append('file', file, file.name);
  const q = new URLSearchParams({ dryRun: String(dryRun) });
  if (skipInvalid) q.set('skipInvalid', 'true');
  return api<RosterImportReport>(`/api/institutions/import?${q}`, { method: 'POST', body: fd });
}

const isRosterReport = (d: Record<string, unknown>) => Array.isArray(d.rows) && 'invalid' in d;

/**
 * 导入花名册: choose an .xlsx → the dry-run report (every row with 新增 / 更新 / 错误 and each error's
 * column and message) → 确认导入 (blocked by errors unless 跳过错误行 is ticked) → the result.
 */
export function RosterImportModal({ open, onClose }: { open: boolean; onClose: (committed: boolean) => void }) {
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState(false);

  const template = async () => {
    setDownloading(true);
    try {
      await downloadFromApi('/api/institutions/import-template.xlsx', `${t('institutions.import.templateName')}.xlsx`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <AdminImportWizard<RosterImportReport>
      open={open}
      onClose={onClose}
      title={t('institutions.import.title')}
      hint={t('institutions.import.hint')}
      extra={
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void template()} data-testid="roster-template">
          {t('institutions.import.template')}
        </Button>
      }
      dryRun={(f) => postRoster(f, true)}
      commit={(f, o) => postRoster(f, false, o.skipInvalid)}
      reportFromError={(e) => reportOf<RosterImportReport>(e, isRosterReport)}
      errorCount={(r) => r.invalid}
      writableCount={(r) => r.valid}
      allowSkip
      commitLabel={t('institutions.import.commit')}
      renderReport={(r) => <RosterReport report={r} />}
      renderResult={(r) => {
        const skipped = r.rows.filter((x) => x.action === 'error').length;
        const unchanged = r.rows.filter((x) => x.action === 'update' && x.changes.length === 0).length;
        return (
          <Result
            status="success"
            title={t('institutions.import.doneTitle')}
            subTitle={[
              t('institutions.import.doneCounts', { created: r.created, updated: r.updated - unchanged }),
              unchanged ? t('institutions.import.doneUnchanged', { n: unchanged }) : '',
              skipped ? t('institutions.import.doneSkipped', { n: skipped }) : '',
            ]
              .filter(Boolean)
              .join('，')}
            data-testid="roster-result"
          />
        );
      }}
    />
  );
}

type RowFilter = 'all' | RosterRowReport['action'];

/** The dry-run report: counts, ignored columns and EVERY row with what would happen to it. */
function RosterReport({ report }: { report: RosterImportReport }) {
  const [filter, setFilter] = useState<RowFilter>(report.invalid > 0 ? 'error' : 'all');
  const count = (a: RosterRowReport['action']) => report.rows.filter((r) => r.action === a).length;
  const rows = filter === 'all' ? report.rows : report.rows.filter((r) => r.action === filter);

  const mobile = !Grid.useBreakpoint().md;
  const notes = (r: RosterRowReport) =>
    r.action === 'error' ? (
      <ul className="adm-imp-errors">
        {r.errors.map((e, i) => (
          <li key={i}>
            <b>{e.column}</b>
            {t('institutions.import.colon')}
            {e.message}
          </li>
        ))}
      </ul>
    ) : r.action === 'update' ? (
      r.changes.length ? (
        <span>{t('institutions.import.changes', { cols: r.changes.join(t('institutions.import.listSep')) })}</span>
      ) : (
        <Typography.Text type="secondary">{t('institutions.import.noChanges')}</Typography.Text>
      )
    ) : (
      <Typography.Text type="secondary">{t('institutions.import.willCreate')}</Typography.Text>
    );
  const nameCell = (r: RosterRowReport) => (
    <Space size={4} orientation="vertical" style={{ minWidth: 0 }}>
      <span style={{ wordBreak: 'break-all' }}>{r.name || <Typography.Text type="secondary">{t('institutions.import.noName')}</Typography.Text>}</span>
      <Tag color={ACTION_COLOR[r.action]} style={{ marginInlineEnd: 0 }}>
        {t(`institutions.import.action.${r.action}`)}
      </Tag>
    </Space>
  );

  // phones: one column per row (name, action, then the notes below) instead of a wide table
  const columns: TableProps<RosterRowReport>['columns'] = mobile
    ? [
        { key: 'row', title: t('institutions.import.col.row'), dataIndex: 'row', width: 52, align: 'right' },
        {
          key: 'all',
          title: t('institutions.import.col.name'),
          render: (_, r) => (
            <div>
              {nameCell(r)}
              <div style={{ marginTop: 4 }}>{notes(r)}</div>
            </div>
          ),
        },
      ]
    : [
        { key: 'row', title: t('institutions.import.col.row'), dataIndex: 'row', width: 64, align: 'right' },
        { key: 'name', title: t('institutions.import.col.name'), render: (_, r) => nameCell(r), width: 240 },
        { key: 'notes', title: t('institutions.import.col.notes'), render: (_, r) => notes(r) },
      ];

  return (
    <div data-testid="roster-report">
      <div className="adm-imp-summary">
        <ImportStat label={t('institutions.import.sum.total')} value={report.total} />
        <ImportStat label={t('institutions.import.sum.create')} value={report.created} tone="green" />
        <ImportStat label={t('institutions.import.sum.update')} value={report.updated} tone="blue" />
        <ImportStat label={t('institutions.import.sum.invalid')} value={report.invalid} tone={report.invalid ? 'red' : undefined} />
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>
        {t('institutions.import.sheet', { sheet: report.sheet })}
      </Typography.Paragraph>
      {report.ignoredColumns.length > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('institutions.import.ignored', { cols: report.ignoredColumns.join(t('institutions.import.listSep')) })} />
      )}
      {report.invalid === 0 && <Alert type="success" showIcon style={{ marginBottom: 8 }} title={t('institutions.import.allValid', { n: report.valid })} />}
      <Segmented<RowFilter>
        value={filter}
        onChange={setFilter}
        style={{ marginBottom: 8 }}
        options={[
          { value: 'all', label: t('institutions.import.filter.all', { n: report.rows.length }) },
          { value: 'error', label: t('institutions.import.filter.error', { n: count('error') }) },
          { value: 'create', label: t('institutions.import.filter.create', { n: count('create') }) },
          { value: 'update', label: t('institutions.import.filter.update', { n: count('update') }) },
        ]}
      />
      <Table<RosterRowReport>
        rowKey="row"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false, size: 'small' } : false}
        scroll={mobile ? { y: 420 } : { x: 560, y: 420 }}
        rowClassName={(r) => (r.action === 'error' ? 'adm-imp-row-error' : '')}
      />
    </div>
  );
}
