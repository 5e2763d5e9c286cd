import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { QuizInputSchema, t, type CampaignSummary, type Quiz, type QuizQuestionPage } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { applyApiError } from '../../components/apiErrors.ts';

interface FormValues {
  title: string;
  description: string;
  tags: string[];
  questionCount: number;
  timeLimitMinutes: number;
  maxAttempts: number;
  isPublic: boolean;
  campaignId: string | null;
  opensAt: Dayjs | null;
  closesAt: Dayjs | null;
}

const FIELDS = ['title', 'description', 'tags', 'questionCount', 'maxAttempts', 'isPublic', 'campaignId', 'opensAt', 'closesAt'] as const;

/** 新建 / 编辑答题活动: title, tags to draw from (with the bank's counts), count, time limit, attempts, public, campaign, window. */
export function QuizFormModal({ open, quiz, onClose, onSaved }: { open: boolean; quiz: Quiz | null; onClose: () => void; onSaved: (q: Quiz) => void }) {
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tags = useQuery({ queryKey: ['quiz-questions', 'tags'], queryFn: () => api<QuizQuestionPage>('/api/quiz-questions?pageSize=1&active=true'), enabled: open });
  const campaigns = useQuery({ queryKey: ['campaigns', 'list'], queryFn: () => api<{ items: CampaignSummary[] }>('/api/campaigns'), enabled: open });

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      quiz
        ? {
            title: quiz.title,
            description: quiz.description,
            tags: quiz.tags,
            questionCount: quiz.questionCount,
            timeLimitMinutes: Math.round(quiz.timeLimitSeconds / 6) / 10,
            maxAttempts: quiz.maxAttempts,
            isPublic: quiz.isPublic,
            campaignId: quiz.campaignId,
            opensAt: quiz.opensAt ? dayjs(quiz.opensAt) : null,
            closesAt: quiz.closesAt ? dayjs(quiz.closesAt) : null,
          }
        : { title: '', description: '', tags: [], questionCount: 10, timeLimitMinutes: 10, maxAttempts: 1, isPublic: false, campaignId: null, opensAt: null, closesAt: null },
    );
  }, [open, quiz, form]);

  const chosen = Form.useWatch('tags', form) ?? [];
  const totalActive = tags.data?.total;

  const save = async () => {
    const v = await form.validateFields();
    const body = {
      title: v.title,
      description: v.description ?? '',
      tags: v.tags ?? [],
      questionCount: v.questionCount,
      timeLimitSeconds: Math.round(v.timeLimitMinutes * 60),
      maxAttempts: v.maxAttempts,
      isPublic: v.isPublic,
      campaignId: v.campaignId ?? null,
      opensAt: v.opensAt ? v.opensAt.toISOString() : null,
      closesAt: v.closesAt ? v.closesAt.toISOString() : null,
    };
    const parsed = QuizInputSchema.safeParse(body);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? t('errors.VALIDATION_FAILED'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = quiz ? await api<Quiz>(`/api/quizzes/${quiz.id}`, { method: 'PATCH', json: body }) : await api<Quiz>('/api/quizzes', { method: 'POST', json: body });
      onSaved(saved);
    } catch (e) {
      setError(applyApiError(e, form, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={quiz ? t('quiz.form.editTitle') : t('quiz.form.newTitle')} onCancel={onClose} onOk={save} confirmLoading={busy} okText={t('quiz.form.save')} destroyOnHidden width={640}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="title" label={t('quiz.field.title')} rules={[{ required: true, whitespace: true, message: t('quiz.form.titleRequired') }]}>
          <Input maxLength={100} data-testid="quiz-form-title" />
        </Form.Item>
        <Form.Item name="description" label={t('quiz.field.description')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item name="tags" label={t('quiz.field.tags')} extra={chosen.length ? t('quiz.form.tagsHint') : t('quiz.form.poolAll', { n: totalActive ?? '…' })}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('quiz.form.tagsAll')}
            options={(tags.data?.tags ?? []).map((x) => ({ value: x.tag, label: `${x.tag}（${x.active}）` }))}
          />
        </Form.Item>
        <div className="quiz-form-row">
          <Form.Item name="questionCount" label={t('quiz.field.questionCount')} rules={[{ required: true }]}>
            <InputNumber min={1} max={200} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="timeLimitMinutes" label={t('quiz.field.timeLimitMinutes')} rules={[{ required: true }]}>
            <InputNumber min={0.5} max={240} step={1} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="maxAttempts" label={t('quiz.field.maxAttempts')} extra={t('quiz.form.attemptsHint')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="isPublic" label={t('quiz.field.isPublic')} valuePropName="checked" extra={t('quiz.form.publicHint')}>
          <Switch />
        </Form.Item>
        <Form.Item name="campaignId" label={t('quiz.field.campaign')}>
          <Select allowClear placeholder={t('quiz.form.noCampaign')} options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <div className="quiz-form-row">
          <Form.Item name="opensAt" label={t('quiz.field.opensAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="closesAt" label={t('quiz.field.closesAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
