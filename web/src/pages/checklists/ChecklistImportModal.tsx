import { useState } from 'react';
import { Alert, Col, Descriptions, Input, Result, Row, Table, Typography } from 'antd';
import { t, type ChecklistImportReport, type ChecklistImportRow, type ChecklistTemplateSummary } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { AdminImportWizard, ImportStat } from '../../components/AdminImportWizard.tsx';
import { reportOf } from '../../components/AdminUtils.ts';
import { AppliesTo, DiffView } from './checklistBits.tsx';

export type ChecklistImportTarget = { mode: 'version'; templateId: string; currentVersion: number } | { mode: 'new' };

const isChecklistReport = (d: Record<string, unknown>) => Array.isArray(d.rows) && 'diff' in d;

/**
 * 导入 Excel for checklists: into an existing template as a new version (POST
 * /api/checklists/:id/import) or as a new template (POST /api/checklists/import-new). The dry run
 * previews the change (added / removed / changed codes) and every row error; confirming publishes.
 */
export function ChecklistImportModal({ open, target, onClose, onPublished }: { open: boolean; target: ChecklistImportTarget; onClose: () => void; onPublished: (r: ChecklistImportReport) => void }) {
  const [note, setNote] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');

  const post = (file: File, dryRun: boolean) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    const q = new URLSearchParams({ dryRun: String(dryRun) });
    if (!dryRun && note.trim()) q.set('changeNote', note.trim());
    if (target.mode === 'version') {
      q.set('baseVersion', String(target.currentVersion));
      return api<ChecklistImportReport>(`/api/checklists/${target.templateId}/import?${q}`, { method: 'POST', body: fd });
    }
    if (code.trim()) q.set('code', code.trim());
    if (name.trim()) q.set('name', name.trim());
    return api<ChecklistImportReport>(`/api/checklists/import-new?${q}`, { method: 'POST', body: fd });
  };

  const isNew = target.mode === 'new';
  return (
    <AdminImportWizard<ChecklistImportReport>
      open={open}
      onClose={() => {
        setNote('');
        setCode('');
        setName('');
        onClose();
      }}
      title={isNew ? t('checklists.import.newTitle') : t('checklists.import.title')}
      hint={
        <>
          {isNew ? t('checklists.import.newHint') : t('checklists.import.hint', { v: target.currentVersion + 1 })}
          {isNew && (
            <Row gutter={8} style={{ marginTop: 12 }}>
              <Col xs={24} sm={10}>
                <Input value={code} onChange={(e) => setCode(e.target.value)} placeholder={t('checklists.import.codeOverride')} aria-label={t('checklists.import.codeOverride')} maxLength={60} style={{ marginBottom: 8 }} />
              </Col>
              <Col xs={24} sm={14}>
                <Input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('checklists.import.nameOverride')} aria-label={t('checklists.import.nameOverride')} maxLength={100} style={{ marginBottom: 8 }} />
              </Col>
            </Row>
          )}
        </>
      }
      dryRun={(f) => post(f, true)}
      commit={async (f) => {
        const r = await post(f, false);
        onPublished(r);
        return r;
      }}
      reportFromError={(e) => reportOf<ChecklistImportReport>(e, isChecklistReport)}
      errorCount={(r) => (r.valid ? 0 : Math.max(1, r.errorCount))}
      writableCount={(r) => (r.valid && !r.diff.identical ? r.itemCount + r.placeholderCount : 0)}
      commitLabel={isNew ? t('checklists.import.createCommit') : t('checklists.import.commit', { v: target.currentVersion + 1 })}
      commitExtra={
        <Input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={200}
          placeholder={t('checklists.editor.changeNote')}
          aria-label={t('checklists.editor.changeNote')}
          style={{ marginTop: 12 }}
        />
      }
      renderReport={(r) => <ChecklistReport report={r} isNew={isNew} />}
      renderResult={(r) => (
        <Result
          status="success"
          title={isNew ? t('checklists.import.createdTitle', { name: r.template?.name ?? '' }) : t('checklists.import.publishedTitle', { v: r.published?.version ?? '' })}
          subTitle={t('checklists.import.publishedSub', { n: r.itemCount, p: r.placeholderCount })}
        />
      )}
    />
  );
}

/** The dry run: workbook errors, warnings, the change against the current version and row errors. */
function ChecklistReport({ report, isNew }: { report: ChecklistImportReport; isNew: boolean }) {
  const bad = report.rows.filter((r) => r.errors.length > 0);
  return (
    <div data-testid="checklist-import-report">
      <div className="adm-imp-summary">
        <ImportStat label={t('checklists.import.sum.rows')} value={report.rows.length} />
        <ImportStat label={t('checklists.import.sum.items')} value={report.itemCount} tone="green" />
        <ImportStat label={t('checklists.import.sum.placeholders')} value={report.placeholderCount} />
        <ImportStat label={t('checklists.import.sum.errors')} value={report.errorCount} tone={report.errorCount ? 'red' : undefined} />
      </div>
      {report.sheetName && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>
          {t('checklists.import.sheet', { sheet: report.sheetName })}
        </Typography.Paragraph>
      )}
      {report.errors.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 8 }} title={t('checklists.import.workbookErrors')} description={<ul className="cl-msg-list">{report.errors.map((e, i) => <li key={i}>{e}</li>)}</ul>} />
      )}
      {report.warnings.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('checklists.import.warnings')} description={<ul className="cl-msg-list">{report.warnings.map((e, i) => <li key={i}>{e}</li>)}</ul>} />
      )}
      {isNew && report.template && <TemplatePreview tpl={report.template} />}
      {!isNew && (
        <div className="cl-import-diff">
          <Typography.Text strong>{report.diff.baseVersion ? t('checklists.import.diffAgainst', { v: report.diff.baseVersion }) : t('checklists.import.diffTitle')}</Typography.Text>
          <div style={{ marginTop: 6 }}>
            <DiffView diff={report.diff} />
          </div>
          {report.diff.identical && <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('checklists.import.identical')} />}
        </div>
      )}
      {bad.length > 0 ? (
        <Table<ChecklistImportRow>
          rowKey="row"
          size="small"
          style={{ marginTop: 12 }}
          title={() => t('checklists.import.rowErrors', { n: bad.length, ok: report.rows.length - bad.length })}
          dataSource={bad}
          pagination={bad.length > 50 ? { pageSize: 50, size: 'small' } : false}
          scroll={{ y: 360 }}
          rowClassName={() => 'adm-imp-row-error'}
          columns={[
            { key: 'row', title: t('checklists.import.col.row'), dataIndex: 'row', width: 64, align: 'right' },
            { key: 'code', title: t('checklists.field.code'), dataIndex: 'code', width: 90, render: (c: string) => c || <span className="muted">{t('checklists.import.noCode')}</span> },
            {
              key: 'errors',
              title: t('checklists.import.col.errors'),
              render: (_, r) => (
                <ul className="adm-imp-errors">
                  {r.errors.map((e, i) => (
                    <li key={i}>{e}</li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      ) : (
        report.valid && <Alert type="success" showIcon style={{ marginTop: 12 }} title={t('checklists.import.allRowsOk', { n: report.rows.length })} />
      )}
    </div>
  );
}

function TemplatePreview({ tpl }: { tpl: NonNullable<ChecklistImportReport['template']> }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      style={{ marginBottom: 8 }}
      items={[
        { key: 'code', label: t('checklists.meta.code'), children: tpl.code || '—' },
        { key: 'name', label: t('checklists.meta.name'), children: tpl.name || '—' },
        { key: 'types', label: t('checklists.appliesTo'), children: <AppliesTo types={tpl.institutionTypes as ChecklistTemplateSummary['institutionTypes']} /> },
        ...(tpl.description ? [{ key: 'desc', label: t('checklists.meta.description'), children: tpl.description }] : []),
      ]}
    />
  );
}
