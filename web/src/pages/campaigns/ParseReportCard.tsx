import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, FileSearchOutlined, PlusOutlined } from '@ant-design/icons';
import { t } from '@lifeline/shared';
import type { ParseReport } from './campaignBits.tsx';

export interface ParseReportCardProps {
  report: ParseReport;
  /** tasks the campaign has now */
  taskCount: number;
  canEdit: boolean;
  /** open the task form pre-filled with the unplaced requirement at this index */
  onAdd: (index: number) => void;
  onDismiss: () => void;
}

/**
 * 通知识别结果 of a campaign just created from a notice: how many tasks were placed ("未识别到任务"
 * when none), the requirements that could not be placed (why, the deadline phrase, the source
 * sentence, 添加为任务 pre-filled) and the problems found (e.g. an impossible date 2月30日).
 */
export function ParseReportCard({ report, taskCount, canEdit, onAdd, onDismiss }: ParseReportCardProps) {
  const none = report.placed === 0;
  const remaining = report.unplacedTasks.length - report.added.length;
  return (
    <Card
      className="cp-section"
      size="small"
      title={
        <Space>
          <FileSearchOutlined />
          {t('campaigns.parse.title')}
        </Space>
      }
      extra={<Button type="text" size="small" icon={<CloseOutlined />} onClick={onDismiss} aria-label={t('campaigns.parse.dismiss')} title={t('campaigns.parse.dismiss')} />}
      data-testid="parse-report"
    >
      {none && taskCount === 0 ? (
        <Alert type="warning" showIcon title={t('campaigns.parse.noTasks')} description={t('campaigns.parse.noTasksHint')} style={{ marginBottom: 12 }} data-testid="parse-no-tasks" />
      ) : (
        <Alert
          type={remaining > 0 || report.issues.length > 0 ? 'info' : 'success'}
          showIcon
          title={none ? t('campaigns.parse.noTasks') : t('campaigns.parse.summary', { placed: report.placed, events: report.events ?? 0 })}
          description={remaining === 0 && report.issues.length === 0 ? t('campaigns.parse.allGood') : undefined}
          style={{ marginBottom: 12 }}
          data-testid="parse-summary"
        />
      )}

      {report.unplacedTasks.length > 0 && (
        <div style={{ marginBottom: 12 }} data-testid="parse-unplaced">
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('campaigns.parse.unplaced', { n: report.unplacedTasks.length })}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t('campaigns.parse.unplacedHint')}
          </Typography.Paragraph>
          {report.unplacedTasks.map((u, i) => {
            const added = report.added.includes(i);
            return (
              <div key={i} className="cp-unplaced" data-testid="unplaced-task">
                <div className="cp-unplaced-head">
                  <Space size={6} wrap>
                    <Typography.Text strong>{u.title}</Typography.Text>
                    <Tag>{t(`deliverableKind.${u.deliverableKind}`)}</Tag>
                    {u.deadlineText && (
                      <Tag color="orange">
                        {t('campaigns.parse.deadlineText')} {u.deadlineText}
                      </Tag>
                    )}
                  </Space>
                  {added ? (
                    <Tag color="success" icon={<CheckOutlined />}>
                      {t('campaigns.parse.added')}
                    </Tag>
                  ) : (
                    canEdit && (
                      <Button size="small" type="primary" ghost icon={<PlusOutlined />} onClick={() => onAdd(i)} data-testid="unplaced-add">
                        {t('campaigns.parse.addAsTask')}
                      </Button>
                    )
                  )}
                </div>
                {u.notes.length > 0 && (
                  <ul className="cp-notes">
                    {u.notes.map((n, j) => (
                      <li key={j}>{n}</li>
                    ))}
                  </ul>
                )}
                {u.sourceSentence && (
                  <p className="cp-unplaced-source">
                    <span className="muted">{t('campaigns.parse.sourceLabel')}</span>
                    {u.sourceSentence}
                  </p>
                )}
              </div>
            );
          })}
        </div>
      )}

      {report.issues.length > 0 && (
        <div data-testid="parse-issues">
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('campaigns.parse.issues', { n: report.issues.length })}
          </Typography.Title>
          <Space orientation="vertical" size={6} style={{ width: '100%' }}>
            {report.issues.map((issue, i) => (
              <Alert
                key={i}
                type="warning"
                showIcon
                title={
                  <div>
                    <div>{issue.message}</div>
                    {issue.text && !issue.message.includes(issue.text.trim()) && <div className="cp-unplaced-source" style={{ marginTop: 2 }}>{issue.text}</div>}
                  </div>
                }
                data-testid="parse-issue"
              />
            ))}
          </Space>
        </div>
      )}
    </Card>
  );
}
