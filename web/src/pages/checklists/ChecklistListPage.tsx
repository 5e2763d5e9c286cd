import { useState } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Grid, Row, Select, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { INSTITUTION_TYPES, t, type ChecklistTemplateList } from '@lifeline/shared';
import { api, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { errorText } from '../../components/AdminUtils.ts';
import { oneOf, useUrlParams } from '../../components/useUrlParams.ts';
import { ChecklistCreateModal } from './ChecklistCreateModal.tsx';
import { AppliesTo, PlaceholderTag } from './checklistBits.tsx';
import './checklists.css';

/**
 * 检查表: the checklist templates (cards), with the types they apply to, the current version, the
 * number of checkable items and a clear 待补充 warning when placeholders remain. Admins may create
 * one and also see deactivated templates.
 */
export default function ChecklistListPage() {
  const { can } = useSession();
  const mobile = !Grid.useBreakpoint().md;
  const admin = can('checklist.manage');
  const [params, update] = useUrlParams();
  const institutionType = oneOf(INSTITUTION_TYPES, params.institutionType);
  const showInactive = admin && params.inactive === 'true';
  const [creating, setCreating] = useState(false);

  const q = useQuery({
    queryKey: ['checklists', 'list', institutionType ?? null, showInactive],
    queryFn: () => api<ChecklistTemplateList>(`/api/checklists${qs({ institutionType, active: admin && !showInactive ? 'true' : undefined })}`),
    placeholderData: keepPreviousData,
  });
  const items = q.data?.items ?? [];

  return (
    <div>
      <div className="page-header">
        <Space size={8} align="baseline" wrap>
          <h2>{t('nav.checklists')}</h2>
          {q.data && <Typography.Text type="secondary">{t('checklists.count', { n: items.length })}</Typography.Text>}
        </Space>
        {admin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="checklist-new">
            {t('checklists.new')}
          </Button>
        )}
      </div>
      <div className="filter-bar">
        <Select
          allowClear
          placeholder={t('checklists.filter.type')}
          value={institutionType}
          options={INSTITUTION_TYPES.map((v) => ({ value: v, label: t(`institutionType.${v}`) }))}
          onChange={(v?: string) => update({ institutionType: v })}
          style={{ width: mobile ? undefined : 200 }}
          popupMatchSelectWidth={false}
          aria-label={t('checklists.filter.type')}
        />
        {admin && (
          <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8, minWidth: 0, whiteSpace: 'nowrap' }}>
            <Switch checked={showInactive} onChange={(v) => update({ inactive: v ? 'true' : undefined })} />
            {t('checklists.filter.showInactive')}
          </label>
        )}
      </div>

      {q.isError && <Alert type="error" showIcon title={errorText(q.error)} action={<Button size="small" onClick={() => void q.refetch()}>{t('checklists.retry')}</Button>} style={{ marginBottom: 12 }} />}

      {q.isLoading ? (
        <Row gutter={[12, 12]}>
          {[0, 1, 2].map((i) => (
            <Col key={i} xs={24} md={12} xl={8}>
              <Card>
                <Skeleton active paragraph={{ rows: 4 }} />
              </Card>
            </Col>
          ))}
        </Row>
      ) : items.length === 0 ? (
        <Empty description={t('checklists.empty')} style={{ margin: '48px 0' }} />
      ) : (
        <Row gutter={[12, 12]}>
          {items.map((c) => (
            <Col key={c.id} xs={24} md={12} xl={8}>
              <Link to={`/checklists/${c.id}`} className="cl-card-link" data-testid="checklist-card">
                <Card hoverable className={`cl-card${c.isActive ? '' : ' cl-card-inactive'}`}>
                  <div className="cl-card-head">
                    <div className="cl-card-title">{c.name}</div>
                    <RightOutlined className="muted" />
                  </div>
                  <Space size={4} wrap style={{ marginBottom: 8 }}>
                    <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                      {t('checklists.versionTag', { v: c.currentVersion })}
                    </Tag>
                    {!c.isActive && <Tag style={{ marginInlineEnd: 0 }}>{t('checklists.inactive')}</Tag>}
                    <PlaceholderTag n={c.placeholderCount} />
                  </Space>
                  {c.description && (
                    <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ fontSize: 13, marginBottom: 8 }}>
                      {c.description}
                    </Typography.Paragraph>
                  )}
                  <div className="cl-card-meta">
                    <span className="muted">{t('checklists.appliesTo')}</span>
                    <AppliesTo types={c.institutionTypes} />
                  </div>
                  <div className="cl-card-foot">
                    <span>
                      <b>{c.itemCount}</b> {t('checklists.itemsUnit')}
                    </span>
                    <span className="muted" style={{ fontSize: 12 }}>
                      {c.code}
                    </span>
                  </div>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
      {admin && <ChecklistCreateModal open={creating} onClose={() => setCreating(false)} />}
    </div>
  );
}
