import { Table, Tag } from 'antd';
import { t, type QuizImportReport, type QuizImportRow } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { AdminImportWizard, ImportStat } from '../../components/AdminImportWizard.tsx';
import { reportOf } from '../../components/AdminUtils.ts';

const isQuizReport = (d: Record<string, unknown>) => Array.isArray(d.rows) && 'created' in d;
const ACTION_COLOR: Record<QuizImportRow['action'], string> = { create: 'green', update: 'blue', unchanged: 'default', error: 'red' };

/** The dry-run (and final) report: counts, workbook problems and every row with what it does. */
function Report({ report }: { report: QuizImportReport }) {
  return (
    <div>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
        <ImportStat label={t('quiz.import.created')} value={report.created} tone="green" />
        <ImportStat label={t('quiz.import.updated')} value={report.updated} tone="blue" />
        <ImportStat label={t('quiz.import.unchanged')} value={report.unchanged} />
        <ImportStat label={t('quiz.import.errors')} value={report.errorCount} tone="red" />
      </div>
      {[...report.errors, ...report.warnings].map((m) => (
        <div key={m} style={{ color: report.errors.includes(m) ? '#cf1322' : '#d46b08', marginBottom: 4 }}>
          {m}
        </div>
      ))}
      <Table<QuizImportRow>
        size="small"
        rowKey="row"
        dataSource={report.rows.filter((r) => r.action !== 'unchanged')}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { key: 'row', title: t('quiz.import.row'), dataIndex: 'row', width: 64 },
          { key: 'code', title: t('quiz.field.code'), dataIndex: 'code', width: 90, render: (v: string) => v || t('quiz.import.autoCode') },
          { key: 'action', title: t('quiz.import.action'), width: 80, render: (_, r) => <Tag color={ACTION_COLOR[r.action]}>{t(`quiz.import.action.${r.action}`)}</Tag> },
          { key: 'errors', title: t('quiz.import.problems'), render: (_, r) => r.errors.join('；') },
        ]}
      />
    </div>
  );
}

/** 导入题库: .xlsx round trip by 编号 — dry run first (row by row), then write. */
export function QuestionImportModal({ open, onClose }: { open: boolean; onClose: (committed: boolean) => void }) {
  const post = (file: File, dryRun: boolean) => {
    const fd = new FormData();
    fd.append('file', file, file.name);
    return api<QuizImportReport>(`/api/quiz-questions/import?dryRun=${dryRun}`, { method: 'POST', body: fd });
  };
  return (
    <AdminImportWizard<QuizImportReport>
      open={open}
      onClose={onClose}
      title={t('quiz.import.title')}
      hint={t('quiz.import.hint')}
      dryRun={(f) => post(f, true)}
      commit={(f) => post(f, false)}
      reportFromError={(e) => reportOf<QuizImportReport>(e, isQuizReport)}
      renderReport={(r) => <Report report={r} />}
      errorCount={(r) => (r.valid ? 0 : Math.max(1, r.errorCount))}
      writableCount={(r) => (r.valid ? r.created + r.updated : 0)}
      commitLabel={t('quiz.import.commit')}
      renderResult={(r) => <Report report={r} />}
    />
  );
}
