import { memo } from 'react';
import { Card, Collapse, DatePicker, Form, Input, Segmented, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { dayjs, t, type ChecklistItem, type ItemResult } from '@lifeline/shared';
import { LevelTag } from '../../components/LevelTag.tsx';
import { PhotoUploader } from '../../components/PhotoUploader.tsx';
import type { Answer } from './inspectionDraft.ts';

export interface ItemAnswerCardProps {
  item: ChecklistItem;
  answer: Answer | undefined;
  /** the deadline a failure gets unless the inspector picks another (YYYY-MM-DD) */
  defaultDeadline: string;
  defaultDays: number;
  /** the earliest deadline allowed (the inspection date) */
  minDeadline: string;
  /** show what is missing (after a "next" attempt) */
  showError: boolean;
  onChange: (itemId: string, patch: Partial<Answer>) => void;
  onBusy: (itemId: string, busy: boolean) => void;
}

/** What is wrong with an answer before it can be sent, or null. */
export function answerProblem(item: ChecklistItem, a: Answer | undefined): string | null {
  if (item.isPlaceholder) return null;
  if (!a?.result) return t('inspections.item.chooseResult');
  if (a.result === 'fail' && !a.note.trim() && a.photoIds.length === 0) return t('inspections.item.failNeedsEvidence');
  return null;
}

const RESULT_ICON: Record<ItemResult, React.ReactNode> = {
  pass: <CheckCircleOutlined />,
  fail: <CloseCircleOutlined />,
  na: <MinusCircleOutlined />,
};

/**
 * One check item in the wizard: its text, the big 合格 / 不合格 / 不适用 choice, the 检查要点 and
 * 依据 on demand, and — when it fails — what, where, by when and photos. A placeholder item is
 * shown greyed as 待县局补充 and cannot be answered.
 */
export const ItemAnswerCard = memo(function ItemAnswerCard({ item, answer, defaultDeadline, defaultDays, minDeadline, showError, onChange, onBusy }: ItemAnswerCardProps) {
  const result = answer?.result;
  const problem = showError ? answerProblem(item, answer) : null;

  const head = (
    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {item.code}
      </Typography.Text>
      <Space size={4}>
        {item.isPlaceholder ? <Tag style={{ marginInlineEnd: 0 }}>{t('inspections.item.placeholder')}</Tag> : item.hazardLevel === 'major' && <LevelTag level="major" />}
      </Space>
    </div>
  );

  if (item.isPlaceholder) {
    return (
      <Card className="insp-item insp-item-placeholder" id={`item-${item.id}`} data-testid="insp-item-placeholder">
        {head}
        <p className="insp-item-text">{item.checkText}</p>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('inspections.item.placeholderHelp')}
        </Typography.Text>
      </Card>
    );
  }

  const details = [item.checkPoints && { label: t('inspections.item.checkPoints'), text: item.checkPoints }, item.legalBasis && { label: t('inspections.item.legalBasis'), text: item.legalBasis }].filter(Boolean) as { label: string; text: string }[];

  return (
    <Card className={`insp-item${result ? ` insp-item-${result}` : ''}${problem ? ' insp-item-error' : ''}`} id={`item-${item.id}`} data-testid="insp-item">
      {head}
      <p className="insp-item-text">{item.checkText}</p>
      <Segmented<ItemResult | ''>
        className={`insp-seg${result ? ` insp-seg-${result}` : ''}`}
        block
        size="large"
        value={result ?? ''}
        options={(['pass', 'fail', 'na'] as const).map((r) => ({ value: r, label: t(`itemResult.${r}`), icon: RESULT_ICON[r] }))}
        onChange={(v) => v && onChange(item.id, { result: v })}
        aria-label={t('inspections.item.result')}
      />
      {problem && (
        <Typography.Text type="danger" style={{ display: 'block', marginTop: 6, fontSize: 13 }}>
          {problem}
        </Typography.Text>
      )}
      {details.length > 0 && (
        <Collapse
          ghost
          size="small"
          className="insp-details"
          style={{ marginTop: 6 }}
          items={[
            {
              key: 'd',
              label: <Typography.Link style={{ fontSize: 13 }}>{t('inspections.item.showDetails')}</Typography.Link>,
              children: details.map((d) => (
                <div key={d.label} style={{ marginBottom: 6 }}>
                  <Typography.Text strong style={{ fontSize: 13 }}>
                    {d.label}
                  </Typography.Text>
                  <Typography.Paragraph type="secondary" style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 13 }}>
                    {d.text}
                  </Typography.Paragraph>
                </div>
              )),
            },
          ]}
        />
      )}
      {result === 'fail' && (
        <Form layout="vertical" component="div" className="insp-fail-fields">
          <Form.Item label={t('inspections.item.note')} required validateStatus={problem && !answer?.note.trim() ? 'error' : undefined}>
            <Input.TextArea
              value={answer?.note}
              onChange={(e) => onChange(item.id, { note: e.target.value })}
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={1000}
              placeholder={t('inspections.item.notePlaceholder')}
            />
          </Form.Item>
          <Form.Item label={t('inspections.item.location')}>
            <Input value={answer?.location} onChange={(e) => onChange(item.id, { location: e.target.value })} maxLength={200} placeholder={t('inspections.item.locationPlaceholder')} />
          </Form.Item>
          <Form.Item
            label={t('inspections.item.deadline')}
            extra={
              answer?.deadline ? (
                <Typography.Link onClick={() => onChange(item.id, { deadline: undefined })} style={{ fontSize: 13 }}>
                  {t('inspections.item.deadlineReset', { date: defaultDeadline })}
                </Typography.Link>
              ) : (
                t('inspections.item.deadlineDefault', { n: defaultDays, level: t(`hazardLevel.${item.hazardLevel}`) })
              )
            }
          >
            <DatePicker
              value={dayjs(answer?.deadline ?? defaultDeadline)}
              onChange={(d) => onChange(item.id, { deadline: d ? d.format('YYYY-MM-DD') : undefined })}
              format="YYYY-MM-DD"
              inputReadOnly
              allowClear={false}
              disabledDate={(d) => d.format('YYYY-MM-DD') < minDeadline}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item label={t('inspections.item.photos')}>
            <PhotoUploader value={answer?.photoIds ?? []} onChange={(ids) => onChange(item.id, { photoIds: ids })} onBusyChange={(b) => onBusy(item.id, b)} />
          </Form.Item>
        </Form>
      )}
    </Card>
  );
});
