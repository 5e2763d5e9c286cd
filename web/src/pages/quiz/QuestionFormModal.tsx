import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Modal, Radio, Select, Space, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { QUIZ_OPTION_KEYS, QUIZ_QUESTION_KINDS, QUIZ_TAGS, QuizQuestionInputSchema, t, type QuizQuestion, type QuizQuestionKind } from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { applyZodIssues } from '../../components/AdminUtils.ts';
import { applyApiError } from '../../components/apiErrors.ts';

interface FormValues {
  code?: string;
  kind: QuizQuestionKind;
  stem: string;
  /** option texts of A, B, C … (choice questions) */
  optionTexts: string[];
  answer: string[];
  explanation: string;
  tags: string[];
  source: string;
  isActive: boolean;
}

const FIELDS = ['code', 'kind', 'stem', 'options', 'answer', 'explanation', 'tags', 'source', 'isActive'] as const;
const TF_OPTIONS = [{ key: 'T', text: '' }, { key: 'F', text: '' }];

/** 新增 / 编辑题目: kind, stem, options A–F (true/false: 正确/错误), the answer, explanation, tags, source, active. */
export function QuestionFormModal({ open, question, tagOptions, onClose, onSaved }: { open: boolean; question: QuizQuestion | null; tagOptions: string[]; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? 'single';
  const optionTexts = Form.useWatch('optionTexts', form) ?? [];

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      question
        ? {
            code: question.code,
            kind: question.kind,
            stem: question.stem,
            optionTexts: question.kind === 'true_false' ? ['', ''] : question.options.map((o) => o.text),
            answer: question.answer,
            explanation: question.explanation,
            tags: question.tags,
            source: question.source,
            isActive: question.isActive,
          }
        : { kind: 'single', stem: '', optionTexts: ['', '', '', ''], answer: [], explanation: '', tags: [], source: '', isActive: true },
    );
  }, [open, question, form]);

  const buildBody = (v: FormValues) => {
    const options = v.kind === 'true_false' ? [{ key: 'T', text: t('quiz.true') }, { key: 'F', text: t('quiz.false') }] : v.optionTexts.map((text, i) => ({ key: QUIZ_OPTION_KEYS[i]!, text: (text ?? '').trim() }));
    return { ...(v.code?.trim() ? { code: v.code.trim() } : {}), kind: v.kind, stem: v.stem, options, answer: v.answer ?? [], explanation: v.explanation, tags: v.tags ?? [], source: v.source, isActive: v.isActive };
  };

  const save = async () => {
    const v = form.getFieldsValue(true) as FormValues;
    const body = buildBody(v);
    if (!applyZodIssues(form, QuizQuestionInputSchema.safeParse(body), FIELDS)) {
      const parsed = QuizQuestionInputSchema.safeParse(body);
      if (!parsed.success) setError(parsed.error.issues[0]?.message ?? null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (question) {
        const { code: _code, ...patch } = body as typeof body & { code?: string };
        await api(`/api/quiz-questions/${question.id}`, { method: 'PATCH', json: patch });
      } else {
        await api('/api/quiz-questions', { method: 'POST', json: body });
      }
      onSaved();
    } catch (e) {
      setError(applyApiError(e, form, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const keys = kind === 'true_false' ? TF_OPTIONS.map((o) => o.key) : optionTexts.map((_, i) => QUIZ_OPTION_KEYS[i]!);
  const answerOptions = keys.map((k) => ({ value: k, label: kind === 'true_false' ? t(k === 'T' ? 'quiz.true' : 'quiz.false') : k }));

  return (
    <Modal open={open} title={question ? t('quiz.bank.editTitle', { code: question.code }) : t('quiz.bank.newTitle')} onCancel={onClose} onOk={save} confirmLoading={busy} okText={t('quiz.form.save')} destroyOnHidden width={720}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark="optional">
        {!question && (
          <Form.Item name="code" label={t('quiz.field.code')} extra={t('quiz.bank.codeHint')}>
            <Input maxLength={20} />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('quiz.field.kind')} required>
          <Radio.Group
            optionType="button"
            options={QUIZ_QUESTION_KINDS.map((k) => ({ value: k, label: t(`quiz.kind.${k}`) }))}
            onChange={() => form.setFieldValue('answer', [])}
          />
        </Form.Item>
        <Form.Item name="stem" label={t('quiz.field.stem')} required>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        {kind !== 'true_false' && (
          <Form.Item label={t('quiz.field.options')} required>
            <Form.List name="optionTexts">
              {(fields, { add, remove }) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {fields.map((f, i) => (
                    <Space.Compact key={f.key} style={{ width: '100%' }}>
                      <Input readOnly value={QUIZ_OPTION_KEYS[i]} style={{ width: 44, textAlign: 'center' }} tabIndex={-1} />
                      <Form.Item name={f.name} noStyle>
                        <Input maxLength={300} />
                      </Form.Item>
                      <Button
                        icon={<DeleteOutlined />}
                        disabled={fields.length <= 2}
                        aria-label={t('quiz.bank.removeOption')}
                        onClick={() => {
                          remove(f.name);
                          form.setFieldValue('answer', []);
                        }}
                      />
                    </Space.Compact>
                  ))}
                  {fields.length < QUIZ_OPTION_KEYS.length && (
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                      {t('quiz.bank.addOption')}
                    </Button>
                  )}
                </Space>
              )}
            </Form.List>
          </Form.Item>
        )}
        <Form.Item name="answer" label={t('quiz.field.answer')} required getValueProps={(v: string[] | undefined) => ({ value: kind === 'multiple' ? v ?? [] : v?.[0] })} getValueFromEvent={(e) => (Array.isArray(e) ? [...e].sort() : [e.target.value])}>
          {kind === 'multiple' ? <Checkbox.Group options={answerOptions} /> : <Radio.Group options={answerOptions} />}
        </Form.Item>
        <Form.Item name="explanation" label={t('quiz.field.explanation')} required>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item name="tags" label={t('quiz.field.tags')} required>
          <Select mode="tags" options={[...new Set([...QUIZ_TAGS, ...tagOptions])].map((x) => ({ value: x, label: x }))} maxCount={10} />
        </Form.Item>
        <Form.Item name="source" label={t('quiz.field.source')} required extra={t('quiz.bank.sourceHint')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="isActive" label={t('quiz.field.isActive')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
