import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Dropdown, Empty, Grid, Input, Result, Segmented, Select, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  ArrowLeftOutlined,
  DownloadOutlined,
  EditOutlined,
  InfoCircleOutlined,
  MoreOutlined,
  PoweroffOutlined,
  SettingOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { formatLocalDateTime, t, type ChecklistItem, type ChecklistTemplateDetail, type ChecklistVersion } from '@lifeline/shared';
import { api, ApiError } from '../../api/client.ts';
import { errorText, tOr } from '../../components/AdminUtils.ts';
import { downloadFromApi } from '../../components/download.ts';
import { LevelTag } from '../../components/LevelTag.tsx';
import { useUrlParams } from '../../components/useUrlParams.ts';
import { ChecklistEditDrawer } from './ChecklistEditDrawer.tsx';
import { ChecklistImportModal } from './ChecklistImportModal.tsx';
import { ChecklistMetaModal } from './ChecklistMetaForm.tsx';
import { AppliesTo, PlaceholderTag } from './checklistBits.tsx';
import './checklists.css';

type ItemFilter = 'all' | 'major' | 'placeholder';

/** Items grouped by category, in the order the categories first appear. */
function groupByCategory(items: readonly ChecklistItem[]): { category: string; items: ChecklistItem[] }[] {
  const groups = new Map<string, ChecklistItem[]>();
  for (const i of items) {
    const g = groups.get(i.category);
    if (g) g.push(i);
    else groups.set(i.category, [i]);
  }
  return [...groups].map(([category, list]) => ({ category, items: list }));
}

/**
 * 检查表详情: the template's source note (e.g. which situations of a standard still await the official
 * text), a version selector over the whole history, and the items grouped by category — code, check
 * text, expandable 检查要点, 依据, level (重大 in red), placeholders greyed as 待县局补充. Admins edit
 * (publishing a new version), import/export Excel, edit metadata and deactivate.
 */
export default function ChecklistDetailPage() {
  const { id = '' } = useParams();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const [params, update] = useUrlParams();
  const [editing, setEditing] = useState(false);
  const [importing, setImporting] = useState(false);
  const [meta, setMeta] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [filter, setFilter] = useState<ItemFilter>('all');
  const [search, setSearch] = useState('');
  const [expandAll, setExpandAll] = useState(false);

  const tq = useQuery({ queryKey: ['checklist', id], queryFn: () => api<ChecklistTemplateDetail>(`/api/checklists/${id}`) });
  const tpl = tq.data;
  const wanted = Number(params.v) || tpl?.currentVersion;
  const versionSummary = tpl?.versions.find((v) => v.version === wanted) ?? tpl?.versions.find((v) => v.isCurrent);
  const vq = useQuery({
    queryKey: ['checklist', id, 'version', versionSummary?.id],
    queryFn: () => api<ChecklistVersion>(`/api/checklist-versions/${versionSummary!.id}`),
    enabled: !!versionSummary,
    staleTime: Infinity, // versions never change
  });
  const version = vq.data;

  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (version?.items ?? []).filter(
      (i) =>
        (filter === 'all' || (filter === 'major' ? i.hazardLevel === 'major' : i.isPlaceholder)) &&
        (!q || i.code.toLowerCase().includes(q) || i.checkText.toLowerCase().includes(q) || i.checkPoints.toLowerCase().includes(q) || i.legalBasis.toLowerCase().includes(q)),
    );
  }, [version, filter, search]);
  const groups = useMemo(() => groupByCategory(shown), [shown]);

  if (tq.isError) {
    const notFound = tq.error instanceof ApiError && (tq.error.status === 404 || tq.error.status === 400);
    return notFound ? (
      <Result status="404" title={t('checklists.detail.notFound')} subTitle={t('errors.NOT_FOUND')} extra={<Button onClick={() => nav('/checklists')}>{t('checklists.detail.backToList')}</Button>} />
    ) : (
      <Alert type="error" showIcon title={errorText(tq.error)} action={<Button size="small" onClick={() => void tq.refetch()}>{t('checklists.retry')}</Button>} />
    );
  }
  if (!tpl) return <Skeleton active paragraph={{ rows: 12 }} />;

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFromApi(`/api/checklists/${tpl.id}/export.xlsx?version=${versionSummary?.version ?? tpl.currentVersion}`, `${tpl.name}-v${versionSummary?.version ?? tpl.currentVersion}.xlsx`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };

  const toggleActive = () => {
    const activate = !tpl.isActive;
    modal.confirm({
      title: activate ? t('checklists.detail.activateTitle', { name: tpl.name }) : t('checklists.detail.deactivateTitle', { name: tpl.name }),
      content: activate ? t('checklists.detail.activateBody') : t('checklists.detail.deactivateBody'),
      okText: activate ? t('checklists.detail.activate') : t('checklists.detail.deactivate'),
      okButtonProps: { danger: !activate },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api(`/api/checklists/${tpl.id}`, { method: 'PATCH', json: { isActive: activate } });
          message.success(activate ? t('checklists.detail.activated') : t('checklists.detail.deactivated'));
          void qc.invalidateQueries({ queryKey: ['checklists'] });
          void qc.invalidateQueries({ queryKey: ['checklist', tpl.id] });
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  };

  const canPublish = tpl.abilities.publish;
  const canUpdate = tpl.abilities.update;
  const viewingOld = !!versionSummary && !versionSummary.isCurrent;

  const menu: MenuProps['items'] = [
    ...(canPublish && mobile ? [{ key: 'edit', icon: <EditOutlined />, disabled: !version, label: t('checklists.detail.edit'), onClick: () => setEditing(true) }] : []),
    ...(canPublish ? [{ key: 'import', icon: <UploadOutlined />, label: t('checklists.detail.import'), onClick: () => setImporting(true) }] : []),
    ...(mobile ? [{ key: 'export', icon: <DownloadOutlined />, label: t('common.export'), onClick: () => void exportXlsx() }] : []),
    ...(canUpdate
      ? [
          { key: 'meta', icon: <SettingOutlined />, label: t('checklists.detail.editMeta'), onClick: () => setMeta(true) },
          { type: 'divider' as const },
          {
            key: 'active',
            icon: <PoweroffOutlined />,
            danger: tpl.isActive,
            label: tpl.isActive ? t('checklists.detail.deactivate') : t('checklists.detail.activate'),
            onClick: toggleActive,
          },
        ]
      : []),
  ];

  return (
    <div>
      <div className="page-header">
        <div className="detail-title">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => nav('/checklists')} aria-label={t('common.back')} />
          <h2>
            {tpl.name}
            {!tpl.isActive && <Tag style={{ marginInlineStart: 8, verticalAlign: 'middle' }}>{t('checklists.inactive')}</Tag>}
          </h2>
        </div>
        <Space size={8} wrap>
          {!mobile && (
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="checklist-export">
              {t('common.export')}
            </Button>
          )}
          {canPublish && !mobile && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} disabled={!version} data-testid="checklist-edit">
              {viewingOld ? t('checklists.detail.editFromOld', { v: versionSummary!.version }) : t('checklists.detail.edit')}
            </Button>
          )}
          {menu.length > 0 && (
            <Dropdown menu={{ items: menu }} trigger={['click']}>
              <Button icon={<MoreOutlined />} loading={mobile && exporting} aria-label={t('checklists.detail.more')} data-testid="checklist-more">
                {!mobile && t('checklists.detail.more')}
              </Button>
            </Dropdown>
          )}
        </Space>
      </div>

      <Card className="cl-info" size="small">
        {tpl.description && <Typography.Paragraph style={{ marginBottom: 8 }}>{tpl.description}</Typography.Paragraph>}
        <div className="cl-info-row">
          <span className="muted">{t('checklists.appliesTo')}</span>
          <AppliesTo types={tpl.institutionTypes} />
        </div>
        <div className="cl-info-row">
          <span className="muted">{t('checklists.meta.code')}</span>
          <Typography.Text code>{tpl.code}</Typography.Text>
        </div>
        {/* The source note says what the standard holds and what is still missing (e.g. 15 of 22
            situations): shown open, long enough on a phone to reach those numbers; only the
            remainder of a long note folds away. */}
        {tpl.sourceNote && (
          <Alert
            type={tpl.placeholderCount > 0 ? 'warning' : 'info'}
            showIcon={!mobile}
            icon={<InfoCircleOutlined />}
            className="cl-source-note"
            style={{ marginTop: 10 }}
            title={tpl.placeholderCount > 0 ? t('checklists.detail.sourceNoteIncomplete') : t('checklists.detail.sourceNote')}
            description={
              <Typography.Paragraph
                style={{ margin: 0, whiteSpace: 'pre-wrap' }}
                ellipsis={{ rows: mobile ? 12 : 8, expandable: 'collapsible', symbol: (open) => (open ? t('checklists.detail.collapse') : t('checklists.detail.expand')) }}
              >
                {tpl.sourceNote}
              </Typography.Paragraph>
            }
            data-testid="checklist-source-note"
          />
        )}
      </Card>

      <div className="cl-version-bar">
        <Space size={8} wrap style={{ flex: 1 }}>
          <span className="muted">{t('checklists.detail.version')}</span>
          <Select
            value={versionSummary?.version}
            style={{ minWidth: mobile ? 200 : 300 }}
            popupMatchSelectWidth={false}
            onChange={(v: number) => update({ v: v === tpl.currentVersion ? undefined : v })}
            options={tpl.versions.map((v) => ({
              value: v.version,
              label: (
                <span>
                  {t('checklists.versionTag', { v: v.version })}
                  {v.isCurrent && <Tag color="blue" style={{ marginInlineStart: 6 }}>{t('checklists.detail.current')}</Tag>}
                  <span className="muted" style={{ marginInlineStart: 6, fontSize: 12 }}>
                    {formatLocalDateTime(v.createdAt)}
                    {v.changeNote ? ` · ${v.changeNote}` : ''}
                  </span>
                </span>
              ),
            }))}
            aria-label={t('checklists.detail.version')}
            data-testid="checklist-version"
          />
          {versionSummary && (
            <Space size={4} wrap>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('checklists.detail.versionBy', { by: versionSummary.createdByName ?? t('checklists.detail.system'), at: formatLocalDateTime(versionSummary.createdAt) })}
              </Typography.Text>
              <Tag style={{ marginInlineEnd: 0 }}>{t('checklists.detail.itemCount', { n: versionSummary.itemCount })}</Tag>
              <PlaceholderTag n={versionSummary.placeholderCount} />
            </Space>
          )}
        </Space>
      </div>
      {versionSummary?.changeNote && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: '-4px 0 10px' }}>
          {t('checklists.detail.changeNote', { note: versionSummary.changeNote })}
        </Typography.Paragraph>
      )}
      {viewingOld && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('checklists.detail.viewingOld', { v: versionSummary.version, cur: tpl.currentVersion })}
          action={
            <Button size="small" onClick={() => update({ v: undefined })}>
              {t('checklists.detail.toCurrent')}
            </Button>
          }
        />
      )}

      <div className="filter-bar" style={{ alignItems: 'center' }}>
        <Input.Search
          allowClear
          placeholder={t('checklists.detail.search')}
          onSearch={(v) => setSearch(v)}
          onChange={(e) => {
            if (!e.target.value) setSearch('');
          }}
          style={{ width: mobile ? '100%' : 260, flexBasis: mobile ? '100%' : undefined }}
          aria-label={t('checklists.detail.search')}
        />
        <Segmented<ItemFilter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: t('checklists.detail.filter.all') },
            { value: 'major', label: t('checklists.detail.filter.major') },
            { value: 'placeholder', label: t('checklists.detail.filter.placeholder') },
          ]}
          block={mobile}
          style={mobile ? { flex: '1 1 100%' } : { minWidth: 0 }}
        />
        <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8, minWidth: 0, whiteSpace: 'nowrap', flex: mobile ? '1 1 100%' : undefined }}>
          <Switch size="small" checked={expandAll} onChange={setExpandAll} />
          {t('checklists.detail.expandAll')}
        </label>
      </div>

      {vq.isError && <Alert type="error" showIcon title={errorText(vq.error)} style={{ marginBottom: 12 }} />}
      {!version ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : groups.length === 0 ? (
        <Empty description={t('checklists.detail.noMatch')} style={{ margin: '40px 0' }} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {groups.map((g) => (
            <Card
              key={g.category}
              size="small"
              className="cl-group"
              title={
                <span className="cl-group-title">
                  {g.category}
                  <span className="muted cl-group-count">{t('checklists.detail.groupCount', { n: g.items.length })}</span>
                </span>
              }
            >
              {g.items.map((i) => (
                <ItemView key={i.id} item={i} expandAll={expandAll} />
              ))}
            </Card>
          ))}
        </Space>
      )}

      {canPublish && <ChecklistEditDrawer open={editing} template={tpl} base={version} onClose={() => setEditing(false)} onPublished={() => { setEditing(false); update({ v: undefined }); }} />}
      {canPublish && (
        <ChecklistImportModal
          open={importing}
          target={{ mode: 'version', templateId: tpl.id, currentVersion: tpl.currentVersion }}
          onClose={() => setImporting(false)}
          onPublished={() => {
            void qc.invalidateQueries({ queryKey: ['checklists'] });
            void qc.invalidateQueries({ queryKey: ['checklist', tpl.id] });
            update({ v: undefined });
          }}
        />
      )}
      {canUpdate && <ChecklistMetaModal open={meta} template={tpl} onClose={() => setMeta(false)} />}
    </div>
  );
}

/** One check item: code, text, level, 依据 and the 检查要点 on demand; a placeholder greyed out. */
function ItemView({ item: i, expandAll }: { item: ChecklistItem; expandAll: boolean }) {
  const [open, setOpen] = useState(false);
  const points = i.checkPoints
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const show = expandAll || open;
  return (
    <div className={`cl-item${i.isPlaceholder ? ' cl-item-ph' : ''}`} data-testid="checklist-item">
      <div className="cl-item-code">{i.code}</div>
      <div className="cl-item-body">
        <div className="cl-item-text">{i.checkText}</div>
        <Space size={6} wrap className="cl-item-tags">
          {i.isPlaceholder ? (
            <Tag style={{ marginInlineEnd: 0 }} data-testid="placeholder-item">
              {t('checklists.detail.awaiting')}
            </Tag>
          ) : (
            <LevelTag level={i.hazardLevel} short />
          )}
          <span className="muted" style={{ fontSize: 12 }}>
            {tOr(`hazardCategory.${i.hazardCategory}`, i.hazardCategory)}
          </span>
          {points.length > 0 && !expandAll && (
            <Button type="link" size="small" className="cl-points-toggle" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
              {open ? t('checklists.detail.hidePoints') : t('checklists.detail.showPoints', { n: points.length })}
            </Button>
          )}
        </Space>
        {show && points.length > 0 && (
          <div className="cl-points">
            <div className="cl-points-title">{t('checklists.field.checkPoints')}</div>
            <ol>
              {points.map((p, k) => (
                <li key={k}>{p}</li>
              ))}
            </ol>
          </div>
        )}
        {i.legalBasis && (
          <div className="cl-basis">
            <span className="muted">{t('checklists.field.legalBasis')}</span>
            {t('checklists.detail.colon')}
            {i.legalBasis}
          </div>
        )}
      </div>
    </div>
  );
}
