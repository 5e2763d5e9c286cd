import { useState, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Grid, Modal, Space, Steps, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { t } from '@lifeline/shared';
import { errorText } from './AdminUtils.ts';
import './AdminImportWizard.css';

export interface AdminImportWizardProps<R> {
  open: boolean;
  /** closes the wizard; `committed` tells whether something was written (refresh the list) */
  onClose: (committed: boolean) => void;
  title: string;
  /** what the file should contain, shown above the file picker */
  hint?: ReactNode;
  /** e.g. a 下载模板 link, shown beside the hint */
  extra?: ReactNode;
  /** checks the file without writing (dryRun=true) */
  dryRun: (file: File) => Promise<R>;
  /** writes; `skipInvalid` only when {@link allowSkip} */
  commit: (file: File, opts: { skipInvalid: boolean }) => Promise<R>;
  /** the report of a refused commit (a 400 that carries the report), to show it again */
  reportFromError?: (e: unknown) => R | undefined;
  /** the dry-run report (every row, errors, summary) */
  renderReport: (report: R) => ReactNode;
  /** rows (or workbook problems) that block a commit */
  errorCount: (report: R) => number;
  /** rows that would be written; 0 disables the commit */
  writableCount: (report: R) => number;
  /** offer 跳过错误行 (write the valid rows only) */
  allowSkip?: boolean;
  /** more inputs for the commit (e.g. a change note), shown under the report */
  commitExtra?: ReactNode;
  /** label of the commit button, e.g. 确认导入 / 发布新版本 */
  commitLabel: string;
  /** what was written */
  renderResult: (report: R) => ReactNode;
}

type Step = 0 | 1 | 2;

/**
 * A three-step Excel import: choose an .xlsx (nothing is sent yet) → the server's dry-run report
 * → confirm, which writes and shows the result. The confirm button stays disabled while rows have
 * errors, unless the importer supports and the user ticks 跳过错误行.
 */
export function AdminImportWizard<R>(props: AdminImportWizardProps<R>) {
  const { open, onClose, title, hint, extra, dryRun, commit, reportFromError, renderReport, errorCount, writableCount, allowSkip, commitExtra, commitLabel, renderResult } = props;
  const mobile = !Grid.useBreakpoint().md;
  const [step, setStep] = useState<Step>(0);
  const [file, setFile] = useState<File | null>(null);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [report, setReport] = useState<R | null>(null);
  const [result, setResult] = useState<R | null>(null);
  const [skip, setSkip] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setStep(0);
    setFile(null);
    setFileList([]);
    setReport(null);
    setResult(null);
    setSkip(false);
    setError(null);
  };
  const close = () => {
    const committed = result !== null;
    reset();
    onClose(committed);
  };

  const check = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = await dryRun(file);
      setReport(r);
      setSkip(false);
      setStep(1);
    } catch (e) {
      const r = reportFromError?.(e);
      if (r) {
        setReport(r);
        setStep(1);
      } else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = await commit(file, { skipInvalid: skip });
      setResult(r);
      setStep(2);
    } catch (e) {
      const r = reportFromError?.(e);
      if (r) setReport(r);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const errors = report ? errorCount(report) : 0;
  const writable = report ? writableCount(report) : 0;
  const blocked = !report || writable === 0 || (errors > 0 && !(allowSkip && skip));

  const footer =
    step === 0 ? (
      <Space wrap style={{ justifyContent: 'flex-end' }}>
        <Button onClick={close}>{t('common.cancel')}</Button>
        <Button type="primary" disabled={!file} loading={busy} onClick={() => void check()} data-testid="import-check">
          {t('admin.import.check')}
        </Button>
      </Space>
    ) : step === 1 ? (
      <Space wrap style={{ justifyContent: 'flex-end' }}>
        <Button onClick={() => setStep(0)} disabled={busy}>
          {t('admin.import.prev')}
        </Button>
        <Button type="primary" disabled={blocked} loading={busy} onClick={() => void confirm()} data-testid="import-commit">
          {commitLabel}
        </Button>
      </Space>
    ) : (
      <Button type="primary" onClick={close} data-testid="import-done">
        {t('admin.import.done')}
      </Button>
    );

  return (
    <Modal
      open={open}
      title={title}
      onCancel={close}
      footer={footer}
      width={mobile ? '100%' : 1000}
      style={mobile ? { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 } : { top: 40 }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Steps
        size="small"
        current={step}
        style={{ margin: '8px 0 20px' }}
        responsive={false}
        items={[{ title: t('admin.import.step.file') }, { title: t('admin.import.step.check') }, { title: t('admin.import.step.result') }]}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="import-error" />}
      {step === 0 && (
        <div>
          {(hint || extra) && (
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'flex-start', marginBottom: 12 }}>
              <Typography.Paragraph type="secondary" style={{ margin: 0, flex: '1 1 300px' }}>
                {hint}
              </Typography.Paragraph>
              {extra}
            </div>
          )}
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            multiple={false}
            fileList={fileList}
            beforeUpload={(f) => {
              setFile(f);
              setFileList([{ uid: f.uid, name: f.name, size: f.size, status: 'done' }]);
              setError(null);
              return false;
            }}
            onRemove={() => {
              setFile(null);
              setFileList([]);
            }}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">{file ? <FileExcelOutlined style={{ color: '#217346' }} /> : <InboxOutlined />}</p>
            <p className="ant-upload-text">{t('admin.import.drop')}</p>
            <p className="ant-upload-hint">{t('admin.import.dropHint')}</p>
          </Upload.Dragger>
        </div>
      )}
      {step === 1 && report && (
        <div>
          {renderReport(report)}
          {commitExtra}
          {errors > 0 && allowSkip && writable > 0 && (
            <Checkbox checked={skip} onChange={(e) => setSkip(e.target.checked)} style={{ marginTop: 12 }} data-testid="import-skip">
              {t('admin.import.skipInvalid', { n: writable })}
            </Checkbox>
          )}
          {errors > 0 && !(allowSkip && skip) && (
            <Alert type="warning" showIcon style={{ marginTop: 12 }} title={allowSkip && writable > 0 ? t('admin.import.blockedSkippable') : t('admin.import.blocked')} />
          )}
        </div>
      )}
      {step === 2 && result && renderResult(result)}
    </Modal>
  );
}

/** One figure of an import report's summary (数据行, 新增, 有误…). */
export function ImportStat({ label, value, tone }: { label: string; value: number; tone?: 'green' | 'blue' | 'red' }) {
  return (
    <div className={`adm-imp-sum-item${tone ? ` adm-imp-sum-${tone}` : ''}`}>
      <div className="adm-imp-sum-value">{value}</div>
      <div className="adm-imp-sum-label">{label}</div>
    </div>
  );
}
