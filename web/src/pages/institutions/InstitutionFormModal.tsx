import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, Divider, Form, Grid, Input, InputNumber, Modal, Row, Select } from 'antd';
import {
  INSTITUTION_STATUSES,
  INSTITUTION_TYPES,
  InstitutionInputSchema,
  InstitutionPatchSchema,
  t,
  type Institution,
  type InstitutionInput,
} from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { applyApiError } from '../../components/apiErrors.ts';
import { applyZodIssues, zodRule } from '../../components/AdminUtils.ts';
import { useOrgTree } from '../../components/orgQueries.ts';

/** The form's fields, in InstitutionInputSchema order. */
/** The shared rule of one field (same messages as the server). */
const rule = (f: keyof typeof InstitutionInputSchema.shape) => zodRule(InstitutionInputSchema.shape[f]);

const FIELDS = [
  'townshipId',
  'name',
  'type',
  'status',
  'address',
  'creditCode',
  'filingNo',
  'licenceNo',
  'personInCharge',
  'personInChargePhone',
  'safetyOfficer',
  'safetyOfficerPhone',
  'beds',
  'residents',
  'nonAmbulatoryPct',
  'staffCount',
] as const;
type Field = (typeof FIELDS)[number];

interface FormValues {
  townshipId?: string;
  name?: string;
  type?: Institution['type'];
  status?: Institution['status'];
  address?: string;
  creditCode?: string;
  filingNo?: string;
  licenceNo?: string;
  personInCharge?: string;
  personInChargePhone?: string;
  safetyOfficer?: string;
  safetyOfficerPhone?: string;
  beds?: number | null;
  residents?: number | null;
  nonAmbulatoryPct?: number | null;
  staffCount?: number | null;
}

/** The form's values as the API takes them ('' for empty text, 0 for an empty number). */
function toInput(v: FormValues): Record<Field, string | number | undefined> {
  const s = (x: string | undefined) => (x ?? '').trim();
  return {
    townshipId: v.townshipId,
    name: s(v.name),
    type: v.type,
    status: v.status,
    address: s(v.address),
    creditCode: s(v.creditCode).toUpperCase(),
    filingNo: s(v.filingNo),
    licenceNo: s(v.licenceNo),
    personInCharge: s(v.personInCharge),
    personInChargePhone: s(v.personInChargePhone),
    safetyOfficer: s(v.safetyOfficer),
    safetyOfficerPhone: s(v.safetyOfficerPhone),
    beds: v.beds ?? 0,
    residents: v.residents ?? 0,
    nonAmbulatoryPct: v.nonAmbulatoryPct ?? 0,
    staffCount: v.staffCount ?? 0,
  };
}

/** An institution as the form shows it. */
function toForm(i: Institution): FormValues {
  return { ...i, creditCode: i.creditCode ?? '', filingNo: i.filingNo ?? '', licenceNo: i.licenceNo ?? '' };
}

export interface InstitutionFormModalProps {
  open: boolean;
  /** the institution to edit; absent = create */
  institution?: Institution | null;
  onClose: () => void;
  /** after a successful save, with the saved record */
  onSaved?: (i: Institution) => void;
}

/**
 * 新增 / 编辑机构: every field of InstitutionInputSchema, checked with the shared schema before
 * sending (same messages as the server) and the server's field errors put back on their fields.
 * An edit sends only the fields that changed.
 */
export function InstitutionFormModal({ open, institution, onClose, onSaved }: InstitutionFormModalProps) {
  const { me } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mobile = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const org = useOrgTree(open);
  const editing = !!institution;
  const townships = org.data?.townships ?? [];
  const ownTownship = me?.role === 'township_officer' ? (me.townshipId ?? undefined) : undefined;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(institution ? toForm(institution) : { townshipId: ownTownship, status: 'operating', beds: 0, residents: 0, nonAmbulatoryPct: 0, staffCount: 0 });
  }, [open, institution, form, ownTownship]);

  const submit = async () => {
    setError(null);
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const input = toInput(values);
    let path = '/api/institutions';
    let method = 'POST';
    let body: Record<string, unknown> = input;
    if (institution) {
      const before = toInput(toForm(institution));
      body = Object.fromEntries(FIELDS.filter((k) => input[k] !== before[k]).map((k) => [k, input[k]]));
      if (Object.keys(body).length === 0) {
        message.info(t('institutions.form.unchanged'));
        onClose();
        return;
      }
      if (!applyZodIssues(form, InstitutionPatchSchema.safeParse(body), FIELDS)) return;
      path = `/api/institutions/${institution.id}`;
      method = 'PATCH';
    } else if (!applyZodIssues(form, InstitutionInputSchema.safeParse(input as InstitutionInput), FIELDS)) return;
    setBusy(true);
    try {
      const saved = await api<Institution>(path, { method, json: body });
      message.success(editing ? t('common.saved') : t('institutions.form.created', { name: saved.name }));
      void qc.invalidateQueries({ queryKey: ['institutions'] });
      void qc.invalidateQueries({ queryKey: ['institution', saved.id] });
      void qc.invalidateQueries({ queryKey: ['org'] });
      onSaved?.(saved);
      onClose();
    } catch (e) {
      setError(applyApiError(e, form, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const half = { xs: 24, md: 12 };
  const third = { xs: 24, sm: 8 };

  return (
    <Modal
      open={open}
      title={editing ? t('institutions.form.editTitle', { name: institution.name }) : t('institutions.form.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      confirmLoading={busy}
      width={mobile ? '100%' : 820}
      style={mobile ? { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 } : undefined}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="institution-form-error" />}
      <Form form={form} layout="vertical" requiredMark="optional" data-testid="institution-form" scrollToFirstError>
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t('institutions.form.section.basic')}
        </Divider>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="townshipId" label={t('institutions.field.township')} rules={[{ required: true, message: t('institutions.rule.township') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={org.isLoading}
                disabled={!!ownTownship}
                placeholder={t('institutions.form.townshipPlaceholder')}
                options={townships.map((tw) => ({ value: tw.id, label: tw.name }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="type" label={t('institutions.field.type')} rules={[{ required: true, message: t('institutions.rule.type') }]}>
              <Select placeholder={t('institutions.form.typePlaceholder')} options={INSTITUTION_TYPES.map((v) => ({ value: v, label: t(`institutionType.${v}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" validateFirst label={t('institutions.field.name')} rules={[{ required: true, whitespace: true, message: t('institutions.rule.name') }, rule('name')]}>
              <Input maxLength={100} showCount placeholder={t('institutions.form.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="status" label={t('institutions.field.status')}>
              <Select options={INSTITUTION_STATUSES.map((v) => ({ value: v, label: t(`institutionStatus.${v}`) }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" rules={[rule('address')]} validateTrigger="onBlur" label={t('institutions.field.address')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('institutions.form.section.licence')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="creditCode" rules={[rule('creditCode')]} validateTrigger="onBlur" label={t('institutions.field.creditCode')} extra={t('institutions.form.creditCodeHint')} normalize={(v: string) => v?.toUpperCase()}>
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={7}>
            <Form.Item name="filingNo" rules={[rule('filingNo')]} validateTrigger="onBlur" label={t('institutions.field.filingNo')}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={7}>
            <Form.Item name="licenceNo" rules={[rule('licenceNo')]} validateTrigger="onBlur" label={t('institutions.field.licenceNo')}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('institutions.form.section.contacts')}
        </Divider>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="personInCharge" rules={[rule('personInCharge')]} validateTrigger="onBlur" label={t('institutions.field.personInCharge')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="personInChargePhone" rules={[rule('personInChargePhone')]} validateTrigger="onBlur" label={t('institutions.field.personInChargePhone')}>
              <Input maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="safetyOfficer" rules={[rule('safetyOfficer')]} validateTrigger="onBlur" label={t('institutions.field.safetyOfficer')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="safetyOfficerPhone" rules={[rule('safetyOfficerPhone')]} validateTrigger="onBlur" label={t('institutions.field.safetyOfficerPhone')}>
              <Input maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('institutions.form.section.scale')}
        </Divider>
        <Row gutter={16}>
          <Col {...third}>
            <Form.Item name="beds" label={t('institutions.field.beds')}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item
              name="residents"
              label={t('institutions.field.residents')}
              dependencies={['beds']}
              rules={[
                ({ getFieldValue }) => ({
                  warningOnly: true,
                  validator: (_, v: number | null) => (v != null && (getFieldValue('beds') ?? 0) > 0 && v > getFieldValue('beds') ? Promise.reject(new Error(t('institutions.rule.residentsOverBeds'))) : Promise.resolve()),
                }),
              ]}
            >
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="nonAmbulatoryPct" label={t('institutions.field.nonAmbulatoryPct')} tooltip={t('institutions.form.pctHint')}>
              <InputNumber min={0} max={100} precision={2} step={1} style={{ width: '100%' }} suffix="%" inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="staffCount" label={t('institutions.field.staffCount')} tooltip={t('institutions.form.staffCountHint')}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} inputMode="numeric" data-testid="institution-staff-count" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
