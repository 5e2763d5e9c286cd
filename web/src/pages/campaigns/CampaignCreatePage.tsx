import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Empty, Form, Grid, Input, InputNumber, Row, Skeleton, Space, Tabs, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { ArrowLeftOutlined, FileWordOutlined, InboxOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { CampaignFromNoticeSchema, t, type CampaignDetail, type CampaignFromNoticeResult } from '@lifeline/shared';
import { api, ApiError, qs } from '../../api/client.ts';
import { applyApiError } from '../../components/apiErrors.ts';
import { applyZodIssues, errorText } from '../../components/AdminUtils.ts';
import { asNoticeResult, saveParseReport } from './campaignBits.tsx';
import './campaigns.css';

/** A built-in campaign template (GET /api/campaign-templates). */
interface CampaignTemplate {
  id: string;
  name: string;
  description: string;
}

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The route did not answer (not deployed on this server yet): say so instead of a bare 404. */
const notAvailable = (e: unknown) => e instanceof ApiError && (e.status === 404 || e.status === 405) && e.code !== 'VALIDATION_FAILED';

/** Optional year of the campaign (empty: the notice's year, or for a template the next campaign not yet over). */
function YearInput({ value, onChange, testId, placeholder }: { value: number | null; onChange: (v: number | null) => void; testId?: string; placeholder?: string }) {
  return (
    <InputNumber
      value={value}
      onChange={(v) => onChange(typeof v === 'number' ? v : null)}
      min={2000}
      max={2100}
      precision={0}
      prefix={<span className="muted">{t('campaigns.new.year')}</span>}
      placeholder={placeholder ?? t('campaigns.new.yearPlaceholder')}
      style={{ width: 190 }}
      inputMode="numeric"
      aria-label={t('campaigns.new.year')}
      data-testid={testId}
    />
  );
}

/**
 * 新建专项活动, three ways to a draft: (a) the built-in template 「民政服务机构安全生产月」 in one click,
 * (b) upload the county notice (.docx), (c) paste the notice text. The server reads the notice
 * (sections, tasks with deadlines, event days); the new draft opens with the parser's report.
 */
export default function CampaignCreatePage() {
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const [busy, setBusy] = useState<string | null>(null);
  const [templateYear, setTemplateYear] = useState<number | null>(null);
  const [templateError, setTemplateError] = useState<string | null>(null);
  const [file, setFile] = useState<UploadFile | null>(null);
  const [uploadYear, setUploadYear] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [pasteError, setPasteError] = useState<string | null>(null);
  const [tab, setTab] = useState('upload');
  const [form] = Form.useForm<{ text?: string; year?: number | null; name?: string }>();

  const templates = useQuery({
    queryKey: ['campaign-templates'],
    queryFn: async () => {
      const r = await api<CampaignTemplate[] | { items: CampaignTemplate[] }>('/api/campaign-templates');
      return Array.isArray(r) ? r : r.items;
    },
    retry: false,
    staleTime: 5 * 60_000,
  });

  /** The draft exists: keep the parser's report for its page, refresh lists, open it. */
  const created = (r: CampaignFromNoticeResult | CampaignDetail) => {
    const result = asNoticeResult(r);
    saveParseReport(result);
    qc.setQueryData(['campaign', result.campaign.id], result.campaign);
    void qc.invalidateQueries({ queryKey: ['campaigns', 'list'] });
    message.success(t('campaigns.new.created', { name: result.campaign.name }));
    nav(`/campaigns/${result.campaign.id}`);
  };

  const applyTemplate = async (tpl: CampaignTemplate) => {
    setTemplateError(null);
    setBusy(`template:${tpl.id}`);
    try {
      created(await api<CampaignFromNoticeResult | CampaignDetail>('/api/campaigns/from-template', { method: 'POST', json: { templateId: tpl.id, ...(templateYear ? { year: templateYear } : {}) } }));
    } catch (e) {
      setTemplateError(notAvailable(e) ? t('campaigns.new.notAvailable', { message: errorText(e) }) : errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const uploadNotice = async () => {
    setUploadError(null);
    const raw = file?.originFileObj;
    if (!raw) {
      setUploadError(t('campaigns.new.upload.pick'));
      return;
    }
    const fd = new FormData();
    fd.append('file', raw, raw.name);
    setBusy('upload');
    try {
      created(await api<CampaignFromNoticeResult>(`/api/campaigns/from-notice-file${qs({ year: uploadYear })}`, { method: 'POST', body: fd }));
    } catch (e) {
      setUploadError(notAvailable(e) ? t('campaigns.new.notAvailable', { message: errorText(e) }) : errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const pasteNotice = async () => {
    setPasteError(null);
    let v: { text?: string; year?: number | null; name?: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body = { text: (v.text ?? '').trim(), ...(v.year ? { year: v.year } : {}), ...(v.name?.trim() ? { name: v.name.trim() } : {}) };
    if (!applyZodIssues(form, CampaignFromNoticeSchema.safeParse(body), ['text', 'year', 'name'])) return;
    setBusy('paste');
    try {
      created(await api<CampaignFromNoticeResult>('/api/campaigns/from-notice', { method: 'POST', json: body }));
    } catch (e) {
      setPasteError(applyApiError(e, form, ['text', 'year', 'name']));
    } finally {
      setBusy(null);
    }
  };

  const templateList = templates.data ?? [];

  return (
    <div style={{ maxWidth: 960 }}>
      <div className="page-header">
        <div className="detail-title">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => nav('/campaigns')} aria-label={t('common.back')} />
          <h2>{t('campaigns.new.title')}</h2>
        </div>
      </div>
      <Typography.Paragraph type="secondary">{t('campaigns.new.intro')}</Typography.Paragraph>

      <Card className="cp-section" title={<Space><ThunderboltOutlined />{t('campaigns.new.template.title')}</Space>} data-testid="campaign-template-card">
        {templateError && <Alert type="error" showIcon title={templateError} style={{ marginBottom: 12 }} />}
        {templates.isLoading ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : templates.isError ? (
          <Alert
            type="warning"
            showIcon
            title={t('campaigns.new.template.loadFailed', { message: errorText(templates.error) })}
            description={t('campaigns.new.template.builtinName')}
            action={<Button size="small" onClick={() => void templates.refetch()}>{t('campaigns.retry')}</Button>}
          />
        ) : templateList.length === 0 ? (
          <Empty description={t('campaigns.new.template.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {templateList.map((tpl) => (
              <div key={tpl.id} className="cp-template">
                <div style={{ minWidth: 0, flex: '1 1 260px' }}>
                  <div className="cp-template-name">{tpl.name}</div>
                  <Typography.Text type="secondary">{tpl.description || t('campaigns.new.template.hint')}</Typography.Text>
                </div>
                <Space wrap>
                  <YearInput value={templateYear} onChange={setTemplateYear} testId="template-year" placeholder={t('campaigns.new.template.yearPlaceholder')} />
                  <Button type="primary" icon={<ThunderboltOutlined />} loading={busy === `template:${tpl.id}`} disabled={!!busy && busy !== `template:${tpl.id}`} onClick={() => void applyTemplate(tpl)} data-testid="template-use">
                    {t('campaigns.new.template.use')}
                  </Button>
                </Space>
              </div>
            ))}
            <div className="muted" style={{ fontSize: 12 }} data-testid="template-year-hint">
              {t('campaigns.new.template.yearHint')}
            </div>
          </Space>
        )}
      </Card>

      <Card className="cp-section" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'upload',
              label: (
                <span data-testid="tab-upload">
                  <FileWordOutlined /> {t('campaigns.new.upload.tab')}
                </span>
              ),
              children: (
                <div>
                  {uploadError && <Alert type="error" showIcon title={uploadError} style={{ marginBottom: 12 }} />}
                  <Upload.Dragger
                    accept={`.docx,${DOCX_MIME}`}
                    maxCount={1}
                    fileList={file ? [file] : []}
                    beforeUpload={(f) => {
                      if (!/\.docx$/i.test(f.name)) {
                        setUploadError(t('campaigns.new.upload.onlyDocx'));
                        return Upload.LIST_IGNORE;
                      }
                      setUploadError(null);
                      setFile({ uid: f.uid, name: f.name, size: f.size, type: f.type, originFileObj: f, status: 'done' });
                      return false;
                    }}
                    onRemove={() => setFile(null)}
                    data-testid="notice-upload"
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p className="ant-upload-text">{t('campaigns.new.upload.drag')}</p>
                    <p className="ant-upload-hint">{t('campaigns.new.upload.hint')}</p>
                  </Upload.Dragger>
                  <Space wrap style={{ marginTop: 16 }}>
                    <YearInput value={uploadYear} onChange={setUploadYear} />
                    <Button type="primary" loading={busy === 'upload'} disabled={!file || (!!busy && busy !== 'upload')} onClick={() => void uploadNotice()} data-testid="upload-submit">
                      {t('campaigns.new.upload.submit')}
                    </Button>
                  </Space>
                  <div className="muted" style={{ fontSize: 12, marginTop: 6 }}>
                    {t('campaigns.new.yearHint')}
                  </div>
                </div>
              ),
            },
            {
              key: 'paste',
              label: <span data-testid="tab-paste">{t('campaigns.new.paste.tab')}</span>,
              children: (
                <div>
                  {pasteError && <Alert type="error" showIcon title={pasteError} style={{ marginBottom: 12 }} data-testid="paste-error" />}
                  <Form form={form} layout="vertical" requiredMark="optional" data-testid="paste-form">
                    <Form.Item name="text" label={t('campaigns.new.paste.label')} rules={[{ required: true, whitespace: true, message: t('campaigns.new.paste.required') }]}>
                      <Input.TextArea autoSize={{ minRows: mobile ? 8 : 12, maxRows: 24 }} maxLength={50_000} showCount placeholder={t('campaigns.new.paste.placeholder')} data-testid="notice-text" />
                    </Form.Item>
                    <Row gutter={16}>
                      <Col xs={24} sm={8}>
                        <Form.Item name="year" label={t('campaigns.new.year')} extra={t('campaigns.new.yearHint')}>
                          <InputNumber min={2000} max={2100} precision={0} placeholder={t('campaigns.new.yearPlaceholder')} style={{ width: '100%' }} inputMode="numeric" />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={16}>
                        <Form.Item name="name" label={t('campaigns.new.name')}>
                          <Input maxLength={200} placeholder={t('campaigns.new.namePlaceholder')} />
                        </Form.Item>
                      </Col>
                    </Row>
                    <Button type="primary" loading={busy === 'paste'} disabled={!!busy && busy !== 'paste'} onClick={() => void pasteNotice()} block={mobile} data-testid="paste-submit">
                      {t('campaigns.new.paste.submit')}
                    </Button>
                  </Form>
                </div>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
