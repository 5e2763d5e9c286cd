import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Grid, Result, Row, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, FileSearchOutlined, RightOutlined, WarningOutlined } from '@ant-design/icons';
import { formatLocalDateTime, t, type Institution } from '@lifeline/shared';
import { api, ApiError, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { InstitutionStatusTag, InstitutionTypeTag } from '../../components/AdminTags.tsx';
import { errorText } from '../../components/AdminUtils.ts';
import { InstitutionFormModal } from './InstitutionFormModal.tsx';
import { openHazardsLink, pct, Tel } from './institutionBits.tsx';
import './institutions.css';

/**
 * 机构详情: every attribute of one institution, with shortcuts to its hazards (open ones and all)
 * and its inspections, and 编辑 when the user may change it.
 */
export default function InstitutionDetailPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const nav = useNavigate();
  const mobile = !Grid.useBreakpoint().md;
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: ['institution', id], queryFn: () => api<Institution>(`/api/institutions/${id}`) });
  const i = q.data;

  if (q.isError) {
    const notFound = q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 400);
    return notFound ? (
      <Result status="404" title={t('institutions.detail.notFound')} subTitle={t('errors.NOT_FOUND')} extra={<Button onClick={() => nav('/institutions')}>{t('institutions.detail.backToList')}</Button>} />
    ) : (
      <Alert type="error" showIcon title={errorText(q.error)} action={<Button size="small" onClick={() => void q.refetch()}>{t('institutions.retry')}</Button>} />
    );
  }
  if (!i) return <Skeleton active paragraph={{ rows: 10 }} />;

  const dash = <Typography.Text type="secondary">{t('institutions.notSet')}</Typography.Text>;
  const text = (v: string | null) => (v ? v : dash);
  const person = (name: string, phone: string) =>
    name || phone ? (
      <Space size={12} wrap>
        {name && <span>{name}</span>}
        <Tel phone={phone} />
      </Space>
    ) : (
      dash
    );

  return (
    <div>
      <div className="page-header">
        <div className="detail-title">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => (window.history.length > 1 ? nav(-1) : nav('/institutions'))} aria-label={t('common.back')} />
          <div style={{ minWidth: 0 }}>
            <h2>{i.name}</h2>
            <Space size={6} wrap style={{ marginTop: 4 }}>
              <InstitutionTypeTag type={i.type} />
              <InstitutionStatusTag status={i.status} />
              {i.isDemo && <Typography.Text type="secondary">{t('common.demo')}</Typography.Text>}
            </Space>
          </div>
        </div>
        {i.abilities.update && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="institution-edit">
            {t('common.edit')}
          </Button>
        )}
      </div>

      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} sm={12} lg={8}>
          <Link to={openHazardsLink(i.id)} className="ins-jump" data-testid="institution-open-hazards">
            <Card hoverable className={i.openHazards > 0 ? 'ins-jump-card ins-jump-danger' : 'ins-jump-card'}>
              <WarningOutlined className="ins-jump-icon" />
              <div style={{ flex: 1 }}>
                <div className="ins-jump-value">{i.openHazards}</div>
                <div className="muted">{t('institutions.detail.openHazards')}</div>
              </div>
              <RightOutlined className="muted" />
            </Card>
          </Link>
        </Col>
        {can('hazard.read') && (
          <Col xs={12} sm={6} lg={8}>
            <Link to={`/hazards${qs({ institutionId: i.id })}`} className="ins-jump" data-testid="institution-hazards">
              <Card hoverable className="ins-jump-card">
                <WarningOutlined className="ins-jump-icon" />
                <div style={{ flex: 1 }}>{t('institutions.detail.allHazards')}</div>
                <RightOutlined className="muted" />
              </Card>
            </Link>
          </Col>
        )}
        {can('inspection.read') && (
          <Col xs={12} sm={6} lg={8}>
            <Link to={`/inspections${qs({ institutionId: i.id })}`} className="ins-jump" data-testid="institution-inspections">
              <Card hoverable className="ins-jump-card">
                <FileSearchOutlined className="ins-jump-icon" />
                <div style={{ flex: 1 }}>{t('institutions.detail.inspections')}</div>
                <RightOutlined className="muted" />
              </Card>
            </Link>
          </Col>
        )}
      </Row>

      <Card className="ins-desc-card">
        <Descriptions
          bordered
          size={mobile ? 'small' : 'middle'}
          column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
          title={t('institutions.form.section.basic')}
          items={[
            { key: 'township', label: t('institutions.field.township'), children: i.townshipName },
            { key: 'type', label: t('institutions.field.type'), children: t(`institutionType.${i.type}`) },
            { key: 'status', label: t('institutions.field.status'), children: t(`institutionStatus.${i.status}`) },
            { key: 'address', label: t('institutions.field.address'), children: text(i.address), span: { xs: 1, sm: 1, md: 2, xl: 3 } },
          ]}
        />
        <Descriptions
          bordered
          size={mobile ? 'small' : 'middle'}
          column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
          title={t('institutions.form.section.licence')}
          style={{ marginTop: 20 }}
          items={[
            { key: 'creditCode', label: t('institutions.field.creditCode'), children: i.creditCode ? <Typography.Text copyable style={{ fontFamily: 'monospace' }}>{i.creditCode}</Typography.Text> : dash },
            { key: 'filingNo', label: t('institutions.field.filingNo'), children: text(i.filingNo) },
            { key: 'licenceNo', label: t('institutions.field.licenceNo'), children: text(i.licenceNo) },
          ]}
        />
        <Descriptions
          bordered
          size={mobile ? 'small' : 'middle'}
          column={{ xs: 1, sm: 1, md: 2 }}
          title={t('institutions.form.section.contacts')}
          style={{ marginTop: 20 }}
          items={[
            { key: 'pic', label: t('institutions.field.personInCharge'), children: person(i.personInCharge, i.personInChargePhone) },
            { key: 'so', label: t('institutions.field.safetyOfficer'), children: person(i.safetyOfficer, i.safetyOfficerPhone) },
          ]}
        />
        <Descriptions
          bordered
          size={mobile ? 'small' : 'middle'}
          column={{ xs: 1, sm: 3 }}
          title={t('institutions.form.section.scale')}
          style={{ marginTop: 20 }}
          items={[
            { key: 'beds', label: t('institutions.field.beds'), children: i.beds },
            { key: 'residents', label: t('institutions.field.residents'), children: i.residents },
            { key: 'staffCount', label: t('institutions.field.staffCount'), children: i.staffCount > 0 ? i.staffCount : t('institutions.staffCountMissing') },
            { key: 'pct', label: t('institutions.field.nonAmbulatoryPct'), children: pct(i.nonAmbulatoryPct) },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('institutions.detail.updatedAt', { at: formatLocalDateTime(i.updatedAt) })}
        </Typography.Paragraph>
      </Card>

      <InstitutionFormModal open={editing} institution={i} onClose={() => setEditing(false)} />
    </div>
  );
}
