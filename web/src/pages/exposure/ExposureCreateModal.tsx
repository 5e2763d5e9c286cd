import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Input, List, Modal, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { localDate, t, type ExposureDetail, type ExposureSource, type ExposureSourceKind } from '@lifeline/shared';
import { api, qs } from '../../api/client.ts';

/** The label of a source's category: a report category, or a hazard category. */
const categoryLabel = (s: ExposureSource) => t(s.kind === 'report' ? `reportCategory.${s.category}` : `hazardCategory.${s.category}`);

/**
 * 新建曝光案例: pick a verified report (属实/部分属实) or a closed hazard; the server prefills a
 * redacted draft and the page opens it. Sources that already have a live case are shown but disabled.
 */
export function ExposureCreateModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { message } = App.useApp();
  const [kind, setKind] = useState<ExposureSourceKind>('report');
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['exposure-sources', kind, q],
    queryFn: () => api<{ items: ExposureSource[] }>(`/api/exposure-cases/sources${qs({ kind, q })}`),
    enabled: open,
  });
  const create = useMutation({
    mutationFn: (s: ExposureSource) => api<ExposureDetail>('/api/exposure-cases', { method: 'POST', json: s.kind === 'report' ? { reportId: s.id } : { hazardId: s.id } }),
    onSuccess: (c) => {
      message.success(t('exposure.create.created'));
      onCreated(c.id);
    },
    onError: (e: Error) => message.error(e.message),
  });

  return (
    <Modal open={open} title={t('exposure.create.title')} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <Alert type="info" showIcon message={t('exposure.create.hint')} style={{ marginBottom: 12 }} />
      <Space direction="vertical" style={{ width: '100%' }} size={8}>
        <Segmented
          block
          value={kind}
          onChange={(v) => setKind(v as ExposureSourceKind)}
          options={[
            { value: 'report', label: t('exposure.create.kindReport') },
            { value: 'hazard', label: t('exposure.create.kindHazard') },
          ]}
        />
        <Input.Search allowClear placeholder={t('exposure.create.search')} onSearch={(v) => setQ(v.trim())} enterButton />
        {list.isLoading ? (
          <Skeleton active />
        ) : list.isError ? (
          <Alert type="error" showIcon message={(list.error as Error).message} />
        ) : (
          <List
            style={{ maxHeight: 420, overflow: 'auto' }}
            locale={{ emptyText: <Empty description={t('exposure.create.empty')} /> }}
            dataSource={list.data?.items ?? []}
            renderItem={(s) => (
              <List.Item
                data-testid="exposure-source"
                actions={[
                  s.hasCase ? (
                    <Tag key="has">{t('exposure.create.hasCase')}</Tag>
                  ) : (
                    <Button key="pick" type="primary" size="small" loading={create.isPending && create.variables?.id === s.id} onClick={() => create.mutate(s)}>
                      {t('exposure.create.pick')}
                    </Button>
                  ),
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space size={6} wrap>
                      <Typography.Text code>{s.ref}</Typography.Text>
                      <span>{s.kind === 'hazard' ? s.title : categoryLabel(s)}</span>
                    </Space>
                  }
                  description={
                    <span className="ex-muted">
                      {[s.townshipName, s.institutionName ?? (s.kind === 'report' ? s.title : null), s.kind === 'hazard' ? categoryLabel(s) : null, s.at ? localDate(s.at) : null].filter(Boolean).join(' · ')}
                    </span>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Space>
    </Modal>
  );
}
