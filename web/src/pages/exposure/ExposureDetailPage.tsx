import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Collapse, Descriptions, Empty, Form, Image, Input, List, Modal, Row, Select, Space, Switch, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, SafetyOutlined } from '@ant-design/icons';
import {
  REPORT_CATEGORIES,
  formatLocalDateTime,
  t,
  type ExposureDetail,
  type ExposurePatch,
  type ExposureRedactPreviewResult,
  type ExposureRedactionHits,
  type ExposureStep,
} from '@lifeline/shared';
import { api } from '../../api/client.ts';
import { applyApiError, isStale } from '../../components/apiErrors.ts';
import { detailState, retryUnlessClientError } from '../../components/DetailState.tsx';
import { ExposureStatusTag, useExposureBase } from './exposureBits.tsx';
import './exposure.css';

const MASK_KEYS = ['exposure.mask.id_card', 'exposure.mask.mobile', 'exposure.mask.landline', 'exposure.mask.name', 'exposure.mask.institution'];

/** Text with the redaction placeholders highlighted, so the editor sees what was masked. */
function Masked({ text }: { text: string }) {
  const re = useMemo(() => new RegExp(`(${MASK_KEYS.map((k) => t(k).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g'), []);
  const parts = text.split(re);
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="ex-mask">
            {p}
          </mark>
        ) : (
          <span key={i}>{p}</span>
        ),
      )}
    </>
  );
}

/** 「手机号 2 处、人名 1 处」 for the hits that are not zero. */
function hitsText(h: ExposureRedactionHits): string {
  return (Object.keys(h) as (keyof ExposureRedactionHits)[])
    .filter((k) => h[k] > 0)
    .map((k) => t(`exposure.hit.${k}`, { n: h[k] }))
    .join(t('exposure.hit.sep'));
}

interface FormValues {
  title: string;
  body: string;
  category: ExposureDetail['category'];
  outcome: string;
  showInstitutionName: boolean;
  photoIds: string[];
}

/** The draft editor: text, category, name policy, photo picking, redaction check, save. */
function Editor({ c, onSaved }: { c: ExposureDetail; onSaved: (d: ExposureDetail) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [preview, setPreview] = useState<ExposureRedactPreviewResult | null>(null);
  const show = Form.useWatch('showInstitutionName', form);
  const picked = Form.useWatch('photoIds', form) ?? c.photoIds;
  const initial: FormValues = { title: c.title, body: c.body, category: c.category, outcome: c.outcome, showInstitutionName: c.showInstitutionName, photoIds: c.photoIds };
  useEffect(() => {
    form.setFieldsValue(initial);
    setPreview(null);
    // reset when the server's version changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [c.updatedAt]);

  const check = useMutation({
    mutationFn: (v: FormValues) => api<ExposureRedactPreviewResult>(`/api/exposure-cases/${c.id}/redaction-preview`, { method: 'POST', json: { title: v.title ?? '', body: v.body ?? '', outcome: v.outcome ?? '', showInstitutionName: !!v.showInstitutionName } }),
    onSuccess: setPreview,
    onError: (e) => message.error(applyApiError(e, form)),
  });
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const patch: ExposurePatch = { title: v.title, body: v.body, category: v.category, outcome: v.outcome ?? '', showInstitutionName: !!v.showInstitutionName, photoIds: v.photoIds ?? [] };
      return api<ExposureDetail>(`/api/exposure-cases/${c.id}`, { method: 'PATCH', json: patch });
    },
    onSuccess: (d) => {
      message.success(t('exposure.form.saved'));
      onSaved(d);
    },
    onError: (e) => message.error(applyApiError(e, form, ['title', 'body', 'category', 'outcome', 'photoIds'])),
  });

  const hiddenName = c.showInstitutionName ? null : c.displayName;
  return (
    <Card title={t('exposure.detail.editTitle')} size="small" style={{ marginBottom: 12 }}>
      <Alert type="info" showIcon icon={<SafetyOutlined />} message={t('exposure.form.redactNote')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} disabled={save.isPending}>
        <Form.Item name="title" label={t('exposure.form.title')} rules={[{ required: true, whitespace: true, message: t('exposure.form.required') }]}>
          <Input maxLength={100} showCount />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="category" label={t('exposure.form.category')} rules={[{ required: true }]}>
              <Select options={REPORT_CATEGORIES.map((k) => ({ value: k, label: t(`reportCategory.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="showInstitutionName"
              label={t('exposure.form.showName')}
              valuePropName="checked"
              extra={!show ? t('exposure.form.showNameHelp', { name: hiddenName ?? t('exposure.form.hiddenAfterSave') }) : c.institutionName ? t('exposure.detail.realName', { name: c.institutionName }) : undefined}
            >
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="body" label={t('exposure.form.body')} rules={[{ required: true, whitespace: true, message: t('exposure.form.required') }]}>
          <Input.TextArea autoSize={{ minRows: 5, maxRows: 16 }} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item name="outcome" label={t('exposure.form.outcome')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
        <Form.Item name="photoIds" label={t('exposure.form.photos')} extra={t('exposure.form.photosHelp')}>
          <PhotoPicker c={c} />
        </Form.Item>
        {preview && (
          <Alert
            style={{ marginBottom: 12 }}
            type={Object.values(preview.hits).some((n) => n > 0) ? 'warning' : 'success'}
            showIcon
            message={Object.values(preview.hits).some((n) => n > 0) ? t('exposure.form.redactFound', { list: hitsText(preview.hits) }) : t('exposure.form.redactNone')}
            description={
              <div className="ex-preview-body">
                <Typography.Text strong>
                  <Masked text={preview.title} />
                </Typography.Text>
                <div>
                  <Masked text={preview.body} />
                </div>
                {preview.outcome && (
                  <div className="ex-outcome">
                    <Masked text={preview.outcome} />
                  </div>
                )}
              </div>
            }
          />
        )}
        <div className="ex-actions">
          <Button onClick={() => check.mutate(form.getFieldsValue(true) as FormValues)} loading={check.isPending} data-testid="exposure-redact-check">
            {t('exposure.form.redactPreview')}
          </Button>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="exposure-save">
            {t('exposure.form.save')}
          </Button>
          <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
            {t('exposure.form.pickedCount', { n: picked.length })}
          </Typography.Text>
        </div>
      </Form>
    </Card>
  );
}

/** Checkbox thumbnails of the source's photos (a Form control: value = picked ids). */
function PhotoPicker({ c, value = [], onChange }: { c: ExposureDetail; value?: string[]; onChange?: (v: string[]) => void }) {
  if (c.candidatePhotos.length === 0) return <Typography.Text type="secondary">{t('exposure.form.noCandidates')}</Typography.Text>;
  const toggle = (id: string, on: boolean) => onChange?.(on ? [...value.filter((v) => v !== id), id] : value.filter((v) => v !== id));
  return (
    <Image.PreviewGroup>
      <div className="ex-photo-pick">
        {c.candidatePhotos.map((p, i) => {
          const on = value.includes(p.id);
          return (
            <div key={p.id} className={on ? 'ex-photo picked' : 'ex-photo'} data-testid="exposure-photo">
              <Image src={p.url} width="100%" height={96} style={{ objectFit: 'cover', borderRadius: 6 }} alt={t('exposure.public.photoAlt', { n: i + 1 })} />
              <Checkbox checked={on} onChange={(e) => toggle(p.id, e.target.checked)}>
                {t(`exposure.photoOrigin.${p.origin}`)}
              </Checkbox>
            </div>
          );
        })}
      </div>
    </Image.PreviewGroup>
  );
}

/** How the case looks on the public page (the picked photos only). */
function PublicPreview({ c }: { c: ExposureDetail }) {
  const photos = c.candidatePhotos.filter((p) => c.photoIds.includes(p.id));
  return (
    <Card title={t('exposure.detail.preview')} size="small" style={{ marginBottom: 12 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        <Masked text={c.title} />
      </Typography.Title>
      <Space size={6} wrap style={{ marginBottom: 8 }}>
        <Tag color="red">{t(`reportCategory.${c.category}`)}</Tag>
        <span className="ex-muted">{c.displayName}</span>
        {c.publishedAt && <span className="ex-muted">{formatLocalDateTime(c.publishedAt)}</span>}
      </Space>
      <div className="ex-preview-body">
        <Masked text={c.body} />
      </div>
      {photos.length > 0 ? (
        <Image.PreviewGroup>
          <Space wrap style={{ marginTop: 8 }}>
            {photos.map((p, i) => (
              <Image key={p.id} src={p.url} width={96} height={96} style={{ objectFit: 'cover', borderRadius: 6 }} alt={t('exposure.public.photoAlt', { n: i + 1 })} />
            ))}
          </Space>
        </Image.PreviewGroup>
      ) : (
        <div className="ex-muted" style={{ marginTop: 8 }}>
          {t('exposure.detail.noPhotos')}
        </div>
      )}
      {c.outcome && (
        <div className="ex-outcome">
          <b>{t('exposure.public.outcome')}：</b>
          <Masked text={c.outcome} />
        </div>
      )}
    </Card>
  );
}

/** The step buttons the user's abilities allow; approve and submit confirm, return and withdraw ask why. */
function Steps({ c, onDone }: { c: ExposureDetail; onDone: (d: ExposureDetail) => void }) {
  const { message } = App.useApp();
  const [step, setStep] = useState<ExposureStep | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (s: ExposureStep) => api<ExposureDetail>(`/api/exposure-cases/${c.id}/${s}`, { method: 'POST', json: { note } }),
    onSuccess: (d) => {
      message.success(t('exposure.step.done'));
      setStep(null);
      setNote('');
      onDone(d);
    },
    onError: (e) => {
      const msg = applyApiError(e);
      if (isStale(e)) {
        message.error(msg);
        setStep(null);
      } else setError((e as { fieldErrors?: Record<string, string> }).fieldErrors?.note ?? msg);
    },
  });
  const steps = (['submit', 'approve', 'return', 'withdraw'] as const).filter((s) => c.abilities[s]);
  if (steps.length === 0) return null;
  const needsReason = step === 'return' || step === 'withdraw';
  return (
    <>
      <div className="ex-actions" style={{ marginBottom: 12 }}>
        {steps.map((s) => (
          <Button
            key={s}
            type={s === 'approve' || s === 'submit' ? 'primary' : 'default'}
            danger={s === 'withdraw'}
            onClick={() => {
              setError(null);
              setNote('');
              setStep(s);
            }}
            data-testid={`exposure-step-${s}`}
          >
            {t(`exposure.step.${s}`)}
          </Button>
        ))}
      </div>
      <Modal
        open={step !== null}
        title={step ? t(`exposure.step.${step}`) : ''}
        onCancel={() => setStep(null)}
        onOk={() => {
          if (needsReason && !note.trim()) return setError(t('exposure.error.noteRequired'));
          run.mutate(step!);
        }}
        okButtonProps={{ loading: run.isPending, danger: step === 'withdraw', ...({ 'data-testid': 'exposure-step-ok' } as Record<string, string>) }}
        destroyOnHidden
      >
        {step === 'approve' && <Alert type="warning" showIcon message={t('exposure.step.confirmApprove')} style={{ marginBottom: 12 }} />}
        {step === 'submit' && <Alert type="info" showIcon message={t('exposure.step.confirmSubmit')} style={{ marginBottom: 12 }} />}
        <Form layout="vertical">
          <Form.Item label={needsReason ? t('exposure.step.reasonLabel') : t('exposure.step.noteLabel')} validateStatus={error ? 'error' : undefined} help={error ?? undefined}>
            <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} autoSize={{ minRows: 3 }} maxLength={500} data-testid="exposure-step-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The permanent publication log: each publish / withdraw with who, when, why and the text as published. */
function PublicationLog({ c }: { c: ExposureDetail }) {
  return (
    <Card title={t('exposure.detail.log')} size="small" style={{ marginBottom: 12 }}>
      {c.publicationLog.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('exposure.detail.logEmpty')} />
      ) : (
        <List
          dataSource={c.publicationLog}
          renderItem={(l) => (
            <List.Item data-testid="exposure-log">
              <div style={{ width: '100%' }}>
                <Space wrap size={6}>
                  <Tag color={l.action === 'publish' ? 'green' : 'red'}>{t(`exposure.log.${l.action}`)}</Tag>
                  <span>{formatLocalDateTime(l.at)}</span>
                  <span className="ex-muted">{l.actorName ?? ''}</span>
                </Space>
                {l.note && <div className="ex-muted">{l.note}</div>}
                <Collapse
                  ghost
                  size="small"
                  items={[
                    {
                      key: 's',
                      label: t('exposure.detail.snapshot'),
                      children: (
                        <div className="ex-preview-body">
                          <Typography.Text strong>{String(l.snapshot.title ?? '')}</Typography.Text>
                          <div className="ex-muted">{String(l.snapshot.displayName ?? '')}</div>
                          <div>{String(l.snapshot.body ?? '')}</div>
                          {l.snapshot.outcome ? <div className="ex-outcome">{String(l.snapshot.outcome)}</div> : null}
                          <div className="ex-muted">{t('exposure.detail.snapshotPhotos', { n: Array.isArray(l.snapshot.photoIds) ? l.snapshot.photoIds.length : 0 })}</div>
                        </div>
                      ),
                    },
                  ]}
                />
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 处理记录 from the audit trail. */
function History({ c }: { c: ExposureDetail }) {
  return (
    <Card title={t('exposure.detail.history')} size="small" style={{ marginBottom: 12 }}>
      <Timeline
        items={c.history.map((h) => ({
          children: (
            <>
              <div>
                {t(`exposure.action.${h.action}`)} · {h.actorName}
              </div>
              <div className="ex-muted">{formatLocalDateTime(h.at)}</div>
              {h.note && <div>{h.note}</div>}
            </>
          ),
        }))}
      />
    </Card>
  );
}

/**
 * 曝光案例 (staff): the draft editor with the redaction check and photo picking for staff who
 * prepare cases; the public preview; the steps the user may take (提交审批, 审批发布 for the
 * leader, 退回修改, 撤回); the history and the permanent publication log.
 */
export default function ExposureDetailPage() {
  const { id } = useParams();
  const { base } = useExposureBase();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['exposure-case', id],
    queryFn: () => api<ExposureDetail>(`/api/exposure-cases/${id}`),
    retry: retryUnlessClientError,
  });
  const state = detailState(q);
  if (state) return state;
  const c = q.data!;
  const refresh = (d: ExposureDetail) => {
    qc.setQueryData(['exposure-case', id], d);
    void qc.invalidateQueries({ queryKey: ['exposure-cases'] });
  };
  const sourceLine: ReactNode = c.source.ref ? t('exposure.detail.source', { kind: t(`exposure.source.${c.source.kind}`), ref: c.source.ref }) : t('exposure.detail.sourceGone', { kind: t(`exposure.source.${c.source.kind}`) });
  return (
    <div className="ex-page">
      <Link to={base}>
        <ArrowLeftOutlined /> {t('exposure.detail.back')}
      </Link>
      <div className="ex-head" style={{ marginTop: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {c.title}
        </Typography.Title>
        <ExposureStatusTag status={c.status} />
      </div>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('exposure.col.source')}>{sourceLine}</Descriptions.Item>
        <Descriptions.Item label={t('exposure.col.displayName')}>{c.displayName}</Descriptions.Item>
        {c.institutionName && <Descriptions.Item label={t('exposure.detail.realNameLabel')}>{c.institutionName}</Descriptions.Item>}
        <Descriptions.Item label={t('exposure.col.createdBy')}>
          {c.createdByName} · {formatLocalDateTime(c.createdAt)}
        </Descriptions.Item>
        {c.approvedByName && c.approvedAt && <Descriptions.Item label={t('exposure.col.publishedAt')}>{t('exposure.detail.approvedBy', { name: c.approvedByName, at: formatLocalDateTime(c.approvedAt) })}</Descriptions.Item>}
      </Descriptions>
      {c.returnNote && <Alert type="warning" showIcon message={t('exposure.detail.returned', { note: c.returnNote })} style={{ marginBottom: 12 }} />}
      <Steps c={c} onDone={refresh} />
      <Row gutter={12}>
        <Col xs={24} lg={14}>
          {c.abilities.update ? <Editor c={c} onSaved={refresh} /> : <PublicPreview c={c} />}
        </Col>
        <Col xs={24} lg={10}>
          {c.abilities.update && <PublicPreview c={c} />}
          <PublicationLog c={c} />
          <History c={c} />
        </Col>
      </Row>
    </div>
  );
}
