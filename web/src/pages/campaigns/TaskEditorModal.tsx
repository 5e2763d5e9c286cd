import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, DatePicker, Form, Grid, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import type { GetRef } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CAMPAIGN_ASSIGNEE_SCOPES,
  COUNT_OF_KINDS,
  CampaignTaskInputSchema,
  CampaignTaskPatchSchema,
  DELIVERABLE_KINDS,
  INSTITUTION_TYPES,
  isCalendarDate,
  t,
  type CampaignAssigneeScope,
  type CampaignDetail,
  type CampaignTask,
  type DeliverableKindCode,
  type InstitutionType,
} from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { applyApiError } from '../../components/apiErrors.ts';
import { applyZodIssues } from '../../components/AdminUtils.ts';
import { useOrgTree } from '../../components/orgQueries.ts';
import { periodText } from './campaignBits.tsx';

type CountOf = (typeof COUNT_OF_KINDS)[number];

/** The form's fields, in CampaignTaskInputSchema order. */
const FIELDS = [
  'title',
  'instructions',
  'assigneeScope',
  'institutionTypes',
  'officeId',
  'deadline',
  'deliverableKind',
  'countOf',
  'requiredQuantity',
  'reviewRequired',
  'recipient',
  'sortOrder',
] as const;
type Field = (typeof FIELDS)[number];

/** What the form holds (the deadline as a picker value). */
export interface TaskFormValues {
  title?: string;
  instructions?: string;
  assigneeScope?: CampaignAssigneeScope;
  institutionTypes?: InstitutionType[];
  officeId?: string | null;
  deadline?: Dayjs | null;
  deliverableKind?: DeliverableKindCode;
  countOf?: CountOf | null;
  requiredQuantity?: number | null;
  reviewRequired?: boolean;
  recipient?: string;
  sortOrder?: number | null;
}

/** Values to open the form with; the deadline as `YYYY-MM-DD`. */
export type TaskPrefill = Omit<TaskFormValues, 'deadline'> & { deadline?: string };

type TaskBody = Record<Field, unknown>;

/**
 * The form's values as the API takes them: text trimmed, the deadline as `YYYY-MM-DD`, and only the
 * fields that belong to the scope and kind (types with 指定类型机构, office with 股室, countOf with 记录数量),
 * exactly as the server stores them.
 */
function toInput(v: TaskFormValues): TaskBody {
  const scope = v.assigneeScope;
  return {
    title: (v.title ?? '').trim(),
    instructions: (v.instructions ?? '').trim(),
    assigneeScope: scope,
    institutionTypes: scope === 'each_institution_of_types' ? (v.institutionTypes ?? []) : [],
    officeId: scope === 'office' ? (v.officeId ?? null) : null,
    deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : undefined,
    deliverableKind: v.deliverableKind,
    countOf: v.deliverableKind === 'count' ? (v.countOf ?? null) : null,
    requiredQuantity: v.requiredQuantity ?? 1,
    reviewRequired: v.reviewRequired ?? true,
    recipient: (v.recipient ?? '').trim(),
    sortOrder: v.sortOrder ?? undefined,
  };
}

function toForm(task: CampaignTask): TaskFormValues {
  return { ...task, deadline: dayjs(task.deadlineDate) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface TaskEditorModalProps {
  open: boolean;
  campaign: CampaignDetail;
  /** the task to edit; absent = add a task */
  task?: CampaignTask | null;
  /** starting values of a new task (e.g. a requirement the parser could not place) */
  prefill?: TaskPrefill | null;
  onClose: () => void;
  /** after a successful save, with the campaign as the server now has it */
  onSaved?: (c: CampaignDetail) => void;
}

/**
 * 添加 / 编辑任务: every field of CampaignTaskInputSchema — 报送对象 (with 机构类型 or 股室 when the scope
 * needs one), 截止日期, 报送内容 (with 统计对象 for 记录数量), 数量, 需审核, 报送单位, 任务说明, 排序号 — checked
 * with the shared schema before sending and the server's field errors put back on their fields.
 * An edit sends only the fields that changed.
 */
export function TaskEditorModal({ open, campaign, task, prefill, onClose, onSaved }: TaskEditorModalProps) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mobile = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<TaskFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const org = useOrgTree(open);
  const scope = Form.useWatch('assigneeScope', form);
  const kind = Form.useWatch('deliverableKind', form);
  const editing = !!task;
  const deadlineRef = useRef<GetRef<typeof DatePicker>>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (task) form.setFieldsValue(toForm(task));
    else {
      const { deadline: d, ...rest } = prefill ?? {};
      form.setFieldsValue({
        assigneeScope: 'each_township',
        deliverableKind: 'article',
        requiredQuantity: 1,
        reviewRequired: true,
        institutionTypes: [],
        ...rest,
        deadline: d ? dayjs(d) : null,
      });
    }
  }, [open, task, prefill, form]);

  /** a deadline outside the campaign period: allowed (a notice may ask for a report after it), but warned */
  const outsideOf = (d: Dayjs | null | undefined) => {
    if (!d || !campaign.startsOn || !campaign.endsOn) return false;
    const day = d.format('YYYY-MM-DD');
    return day < campaign.startsOn || day > campaign.endsOn;
  };

  /**
   * A date typed into the deadline box reaches the form only once the picker closes, a frame after
   * it loses focus — later than a quick click on 保存. Takes what the box shows instead: a valid
   * `YYYY-MM-DD` becomes the value, other text is an error on the field.
   */
  const takeTypedDeadline = (): boolean => {
    const box = deadlineRef.current?.nativeElement?.querySelector('input');
    if (!box) return true;
    const text = box.value.trim();
    const current = form.getFieldValue('deadline') as Dayjs | null | undefined;
    if (text === (current ? current.format('YYYY-MM-DD') : '')) return true;
    if (!text) {
      form.setFieldValue('deadline', null);
      return true;
    }
    if (!isCalendarDate(text)) {
      form.setFields([{ name: 'deadline', errors: [t('campaigns.tasks.rule.deadlineFormat')] }]);
      return false;
    }
    form.setFieldValue('deadline', dayjs(text));
    return true;
  };

  const submit = async () => {
    setError(null);
    if (!takeTypedDeadline()) return;
    let values: TaskFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const input = toInput(values);
    let path = `/api/campaigns/${campaign.id}/tasks`;
    let method = 'POST';
    let body: Record<string, unknown> = input;
    if (task) {
      const before = toInput(toForm(task));
      body = Object.fromEntries(FIELDS.filter((k) => !same(input[k], before[k])).map((k) => [k, input[k]]));
      if (Object.keys(body).length === 0) {
        message.info(t('campaigns.tasks.unchanged'));
        onClose();
        return;
      }
      if (!applyZodIssues(form, CampaignTaskPatchSchema.safeParse(body), FIELDS)) return;
      path = `/api/campaigns/${campaign.id}/tasks/${task.id}`;
      method = 'PATCH';
    } else {
      if (input.sortOrder === undefined) delete body.sortOrder;
      if (!applyZodIssues(form, CampaignTaskInputSchema.safeParse(body), FIELDS)) return;
    }
    setBusy(true);
    try {
      const saved = await api<CampaignDetail>(path, { method, json: body });
      message.success(editing ? t('common.saved') : t('campaigns.tasks.created', { title: String(input.title) }));
      qc.setQueryData(['campaign', campaign.id], saved);
      void qc.invalidateQueries({ queryKey: ['campaigns', 'list'] });
      onSaved?.(saved);
      onClose();
    } catch (e) {
      setError(applyApiError(e, form, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const half = { xs: 24, md: 12 };

  return (
    <Modal
      open={open}
      title={editing ? t('campaigns.tasks.editTitle') : t('campaigns.tasks.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      width={mobile ? '100%' : 760}
      style={mobile ? { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 } : undefined}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="task-form-error" />}
      <Form form={form} layout="vertical" requiredMark="optional" data-testid="task-form" scrollToFirstError>
        <Form.Item name="title" label={t('campaigns.tasks.field.title')} rules={[{ required: true, whitespace: true, message: t('campaigns.tasks.rule.title') }]}>
          <Input maxLength={200} placeholder={t('campaigns.tasks.titlePlaceholder')} />
        </Form.Item>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="assigneeScope" label={t('campaigns.tasks.field.assignee')} rules={[{ required: true, message: t('campaigns.tasks.rule.scope') }]}>
              <Select options={CAMPAIGN_ASSIGNEE_SCOPES.map((v) => ({ value: v, label: t(`campaignScope.${v}`) }))} data-testid="task-scope" />
            </Form.Item>
          </Col>
          <Col {...half}>
            {scope === 'each_institution_of_types' && (
              <Form.Item name="institutionTypes" label={t('campaigns.tasks.field.institutionTypes')} rules={[{ required: true, type: 'array', min: 1, message: t('campaigns.tasks.rule.types') }]}>
                <Select mode="multiple" options={INSTITUTION_TYPES.map((v) => ({ value: v, label: t(`institutionType.${v}`) }))} />
              </Form.Item>
            )}
            {scope === 'office' && (
              <Form.Item name="officeId" label={t('campaigns.tasks.field.office')} rules={[{ required: true, message: t('campaigns.tasks.rule.office') }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} loading={org.isLoading} options={(org.data?.offices ?? []).map((o) => ({ value: o.id, label: o.name }))} />
              </Form.Item>
            )}
          </Col>
          <Col {...half}>
            <Form.Item
              name="deadline"
              label={t('campaigns.tasks.field.deadline')}
              extra={t('campaigns.tasks.deadlineHint')}
              rules={[
                { required: true, message: t('campaigns.tasks.rule.deadline') },
                {
                  warningOnly: true,
                  validator: (_, v: Dayjs | null) => (outsideOf(v) ? Promise.reject(new Error(t('campaigns.tasks.outsidePeriod', { period: periodText(campaign) }))) : Promise.resolve()),
                },
              ]}
            >
              <DatePicker
                ref={deadlineRef}
                format="YYYY-MM-DD"
                inputReadOnly={false}
                placeholder={t('campaigns.tasks.deadlinePlaceholder')}
                style={{ width: '100%' }}
                defaultPickerValue={dayjs(campaign.startsOn ?? `${campaign.year}-06-01`)}
                data-testid="task-deadline"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="recipient" label={t('campaigns.tasks.field.recipient')}>
              <Input maxLength={200} placeholder={t('campaigns.tasks.recipientPlaceholder')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="deliverableKind" label={t('campaigns.tasks.field.deliverableKind')} rules={[{ required: true, message: t('campaigns.tasks.rule.kind') }]}>
              <Select options={DELIVERABLE_KINDS.map((v) => ({ value: v, label: t(`deliverableKind.${v}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={kind === 'count' ? 12 : 24} md={kind === 'count' ? 6 : 12}>
            <Form.Item name="requiredQuantity" label={t('campaigns.tasks.field.quantity')} rules={[{ required: true, message: t('campaigns.tasks.rule.quantity') }]}>
              <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} inputMode="numeric" suffix={kind ? t(`deliverableUnit.${kind}`) : undefined} />
            </Form.Item>
          </Col>
          {kind === 'count' && (
            <Col xs={12} md={6}>
              <Form.Item name="countOf" label={t('campaigns.tasks.field.countOf')} rules={[{ required: true, message: t('campaigns.tasks.rule.countOf') }]}>
                <Select options={COUNT_OF_KINDS.map((v) => ({ value: v, label: t(`countOf.${v}`) }))} />
              </Form.Item>
            </Col>
          )}
          <Col {...half}>
            <Form.Item name="reviewRequired" label={t('campaigns.tasks.field.reviewRequired')} valuePropName="checked" extra={t('campaigns.tasks.reviewHint')}>
              <Switch />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="sortOrder" label={t('campaigns.tasks.field.sortOrder')} extra={t('campaigns.tasks.sortOrderHint')}>
              <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="instructions" label={t('campaigns.tasks.field.instructions')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} showCount placeholder={t('campaigns.tasks.instructionsPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
