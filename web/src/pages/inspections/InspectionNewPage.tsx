import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Grid, Input, Progress, Result, Skeleton, Space, Statistic, Steps, Tag, Typography } from 'antd';
import { CheckOutlined, LeftOutlined, RightOutlined, SendOutlined } from '@ant-design/icons';
import {
  ROLE_SCOPE,
  dayjs,
  formatLocalDateTime,
  localDate,
  t,
  type ChecklistItem,
  type ChecklistTemplateSummary,
  type ChecklistVersion,
  type InspectionCreate,
  type InspectionDetail,
  type InspectionKind,
} from '@lifeline/shared';
import { api, ApiError, newIdempotencyKey, qs } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { InstitutionPicker } from '../../components/InstitutionPicker.tsx';
import { LevelTag } from '../../components/LevelTag.tsx';
import { SupervisionTag } from '../../components/StatusTag.tsx';
import { useInstitutions } from '../../components/orgQueries.ts';
import { useDeadlineDays } from '../../components/settingsQueries.ts';
import { ItemAnswerCard, answerProblem } from './ItemAnswerCard.tsx';
import { clearDraft, hasProgress, loadDraft, loadLastDraft, saveDraft, type Answer, type InspectionDraft } from './inspectionDraft.ts';
import './inspections.css';

const EMPTY_ANSWER: Answer = { note: '', location: '', photoIds: [] };

/** When a draft was saved, as `MM-DD HH:mm` in Asia/Shanghai (not the phone's own time zone). */
function savedAtLabel(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : formatLocalDateTime(d).slice(5);
}

/** The inspection kind follows the role: county roles → 县局检查, township → 乡镇检查, institution → 自查. */
export function kindForRole(role: keyof typeof ROLE_SCOPE): InspectionKind {
  const scope = ROLE_SCOPE[role];
  return scope === 'county' ? 'county' : scope === 'township' ? 'township' : 'self';
}

/** Checklist templates that apply to an institution type (an empty type list applies to all). */
function useTemplates(institutionType: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['checklists', 'applicable', institutionType ?? null],
    queryFn: async () => {
      const r = await api<{ items: ChecklistTemplateSummary[] } | ChecklistTemplateSummary[]>(`/api/checklists${qs({ institutionType, active: 'true' })}`);
      const list = Array.isArray(r) ? r : r.items;
      return list.filter((tpl) => tpl.isActive !== false && (!institutionType || tpl.institutionTypes.length === 0 || tpl.institutionTypes.includes(institutionType as never)));
    },
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** Items of one checklist version, in display order. */
function useVersion(versionId: string) {
  return useQuery({
    queryKey: ['checklist-version', versionId],
    queryFn: () => api<ChecklistVersion>(`/api/checklist-versions/${versionId}`),
    enabled: !!versionId,
    staleTime: 30 * 60_000,
    select: (v) => ({ ...v, items: [...v.items].sort((a, b) => a.sortOrder - b.sortOrder) }),
  });
}

/**
 * 新建检查: a phone-first wizard. ① institution, checklist, date, inspectors; ② every item with big
 * 合格 / 不合格 / 不适用 buttons, grouped by category, failures with note, place, deadline and
 * photos; ③ a summary of what becomes a hazard, then submit with an Idempotency-Key. The work in
 * progress is kept in localStorage (user + institution + checklist version) until it is submitted.
 */
export default function InspectionNewPage() {
  const { me } = useSession();
  const userId = me?.id ?? 'anon';
  const { message, modal } = App.useApp();
  const nav = useNavigate();
  const qc = useQueryClient();
  const today = localDate(new Date());
  const fixedInstitution = me?.role === 'institution_officer' ? (me.institutionId ?? '') : null;
  const kind = me ? kindForRole(me.role) : 'self';
  const deadlineDays = useDeadlineDays();
  const cardSize = Grid.useBreakpoint().md ? undefined : ('small' as const);

  const fresh = useCallback(
    (over: Partial<InspectionDraft> = {}): InspectionDraft => ({
      v: 1,
      institutionId: fixedInstitution ?? '',
      templateId: '',
      versionId: '',
      inspectedOn: today,
      inspectors: me?.displayName ?? '',
      summary: '',
      answers: {},
      step: 0,
      idemKey: newIdempotencyKey(),
      savedAt: '',
      ...over,
    }),
    [fixedInstitution, today, me?.displayName],
  );

  const [restored, setRestored] = useState<InspectionDraft | null>(() => {
    const d = loadLastDraft(userId);
    return hasProgress(d) && (!fixedInstitution || d!.institutionId === fixedInstitution) ? d : null;
  });
  const [draft, setDraft] = useState<InspectionDraft>(() => restored ?? fresh());
  const [showErrors, setShowErrors] = useState(false);
  const [busyItems, setBusyItems] = useState<ReadonlySet<string>>(new Set());
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<{ message: string; lines: string[] } | null>(null);
  const [step1Tried, setStep1Tried] = useState(false);

  const institutions = useInstitutions(undefined, !!me);
  const institution = institutions.data?.find((i) => i.id === draft.institutionId);
  const templates = useTemplates(institution?.type, !!draft.institutionId && !institutions.isLoading);
  const version = useVersion(draft.versionId);
  const items = version.data?.items ?? [];
  const answerable = useMemo(() => items.filter((i) => !i.isPlaceholder), [items]);
  const answeredCount = answerable.filter((i) => draft.answers[i.id]?.result).length;
  const uploading = busyItems.size > 0;

  // keep the work on the phone (debounced)
  useEffect(() => {
    if (!draft.institutionId || !draft.versionId || !hasProgress(draft)) return;
    const h = setTimeout(() => saveDraft(userId, draft), 300);
    return () => clearTimeout(h);
  }, [draft, userId]);

  // a template list without the selected one (another institution type): clear the choice
  useEffect(() => {
    if (templates.data && draft.templateId && !templates.data.some((tpl) => tpl.id === draft.templateId) && draft.step === 0) {
      setDraft((d) => ({ ...d, templateId: '', versionId: '', answers: {} }));
    }
  }, [templates.data, draft.templateId, draft.step]);

  // only one checklist applies: choose it
  useEffect(() => {
    const usable = templates.data?.filter((tpl) => tpl.itemCount > 0) ?? [];
    if (usable.length === 1 && !draft.templateId) choose(draft.institutionId, usable[0]!);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [templates.data]);

  /** Switches institution / checklist; answers saved earlier for that pair come back. */
  const choose = (institutionId: string, tpl: ChecklistTemplateSummary | null) => {
    const versionId = tpl?.currentVersionId ?? '';
    const saved = institutionId && versionId ? loadDraft(userId, institutionId, versionId) : null;
    setDraft((d) => ({
      ...d,
      institutionId,
      templateId: tpl?.id ?? '',
      versionId,
      answers: saved?.answers ?? {},
      summary: saved?.summary ?? d.summary,
      idemKey: saved?.idemKey ?? newIdempotencyKey(),
    }));
    if (saved && hasProgress(saved)) message.info(t('inspections.draft.loaded'));
  };

  const onAnswer = useCallback((itemId: string, patch: Partial<Answer>) => {
    setDraft((d) => ({ ...d, answers: { ...d.answers, [itemId]: { ...EMPTY_ANSWER, ...d.answers[itemId], ...patch } } }));
  }, []);
  const onBusy = useCallback((itemId: string, busy: boolean) => {
    setBusyItems((prev) => {
      if (prev.has(itemId) === busy) return prev;
      const next = new Set(prev);
      if (busy) next.add(itemId);
      else next.delete(itemId);
      return next;
    });
  }, []);

  const goStep = (step: number) => {
    setRestored(null);
    setDraft((d) => ({ ...d, step }));
    window.scrollTo({ top: 0 });
  };

  const discardDraft = () => {
    clearDraft(userId, draft.institutionId, draft.versionId);
    setRestored(null);
    setShowErrors(false);
    setSubmitError(null);
    setDraft(fresh());
  };

  const defaultDeadline = (item: ChecklistItem) => dayjs(draft.inspectedOn).add(deadlineDays[item.hazardLevel], 'day').format('YYYY-MM-DD');

  const next1 = () => {
    setStep1Tried(true);
    if (!draft.institutionId || !draft.versionId || !draft.inspectedOn) return;
    goStep(1);
  };

  const next2 = () => {
    const bad = answerable.filter((i) => answerProblem(i, draft.answers[i.id]));
    if (bad.length > 0) {
      setShowErrors(true);
      message.warning(t('inspections.wizard.incomplete', { n: bad.length }));
      document.getElementById(`item-${bad[0]!.id}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    goStep(2);
  };

  const markRestPass = () => {
    const rest = answerable.filter((i) => !draft.answers[i.id]?.result);
    if (rest.length === 0) return;
    modal.confirm({
      title: t('inspections.wizard.restPassTitle'),
      content: t('inspections.wizard.restPassContent', { n: rest.length }),
      okText: t('inspections.wizard.restPassOk'),
      cancelText: t('common.cancel'),
      centered: true,
      onOk: () =>
        setDraft((d) => {
          const answers = { ...d.answers };
          for (const i of rest) answers[i.id] = { ...EMPTY_ANSWER, ...answers[i.id], result: 'pass' };
          return { ...d, answers };
        }),
    });
  };

  const submit = async () => {
    if (!me || uploading) return;
    setSubmitting(true);
    setSubmitError(null);
    const body: InspectionCreate = {
      kind,
      institutionId: draft.institutionId,
      checklistVersionId: draft.versionId,
      inspectedOn: draft.inspectedOn,
      inspectors: draft.inspectors.trim(),
      summary: draft.summary.trim(),
      results: answerable.map((item) => {
        const a = draft.answers[item.id]!;
        const fail = a.result === 'fail';
        return {
          itemId: item.id,
          result: a.result!,
          note: fail ? a.note.trim() : '',
          photoIds: fail ? a.photoIds : [],
          location: fail ? a.location.trim() : '',
          ...(fail && a.deadline ? { deadline: a.deadline } : {}),
        };
      }),
    };
    try {
      const res = await api<InspectionDetail>('/api/inspections', { method: 'POST', json: body, idempotencyKey: draft.idemKey });
      clearDraft(userId, draft.institutionId, draft.versionId);
      qc.setQueryData(['inspection', res.id], res);
      void qc.invalidateQueries({ queryKey: ['inspections'] });
      void qc.invalidateQueries({ queryKey: ['hazards'] });
      message.success(res.hazardCount > 0 ? t('inspections.new.createdWithHazards', { n: res.hazardCount }) : t('inspections.new.created'));
      nav(`/inspections/${res.id}`, { replace: true });
      window.scrollTo({ top: 0 });
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) {
        setSubmitError({ message: t('inspections.new.networkRetry'), lines: [] });
      } else if (e instanceof ApiError) {
        const lines = Object.entries(e.fieldErrors).map(([path, msg]) => {
          const m = /^results\.(\d+)/.exec(path);
          const item = m ? answerable[Number(m[1])] : undefined;
          return item ? `${item.code}：${msg}` : msg;
        });
        setSubmitError({ message: e.message, lines });
      } else {
        setSubmitError({ message: t('errors.INTERNAL'), lines: [] });
      }
    } finally {
      setSubmitting(false);
    }
  };

  if (!me) return null;
  const selectedTemplate = templates.data?.find((tpl) => tpl.id === draft.templateId);
  const stepTitles = [t('inspections.wizard.step1'), t('inspections.wizard.step2'), t('inspections.wizard.step3')];

  return (
    <div style={{ maxWidth: 820, margin: '0 auto' }}>
      <div className="page-header" style={{ marginBottom: 12 }}>
        <h2>{t('inspections.new.title')}</h2>
      </div>
      <Steps size="small" current={draft.step} responsive={false} items={stepTitles.map((title) => ({ title }))} style={{ marginBottom: 16 }} />

      {restored && (
        <Alert
          type="info"
          showIcon
          closable={{ onClose: () => setRestored(null) }}
          style={{ marginBottom: 12 }}
          title={t('inspections.draft.restored', { at: savedAtLabel(restored.savedAt) })}
          action={
            <Button size="small" onClick={discardDraft}>
              {t('inspections.draft.discard')}
            </Button>
          }
          data-testid="insp-draft-restored"
        />
      )}

      {draft.step === 0 && (
        <Card size={cardSize}>
          <Form layout="vertical" component="div">
            <Form.Item
              label={t('inspections.field.institution')}
              required
              validateStatus={step1Tried && !draft.institutionId ? 'error' : undefined}
              help={step1Tried && !draft.institutionId ? t('inspections.rule.institution') : undefined}
            >
              <InstitutionPicker value={draft.institutionId || undefined} onChange={(id) => choose(id ?? '', null)} size="large" />
            </Form.Item>
            <Form.Item label={t('inspections.field.kind')}>
              <Space size={8} wrap>
                <Tag color="blue" style={{ fontSize: 14, padding: '2px 10px' }}>
                  {t(`inspectionKind.${kind}`)}
                </Tag>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t('inspections.new.kindHint')}
                </Typography.Text>
              </Space>
            </Form.Item>
            <Form.Item
              label={t('inspections.field.checklist')}
              required
              validateStatus={step1Tried && !draft.versionId ? 'error' : undefined}
              help={step1Tried && !draft.versionId ? t('inspections.rule.checklist') : undefined}
            >
              {!draft.institutionId ? (
                <Typography.Text type="secondary">{t('inspections.new.pickInstitutionFirst')}</Typography.Text>
              ) : templates.isLoading || institutions.isLoading ? (
                <Skeleton active paragraph={{ rows: 2 }} title={false} />
              ) : templates.isError ? (
                <Alert type="error" showIcon title={(templates.error as Error).message} action={<Button size="small" onClick={() => void templates.refetch()}>{t('inspections.retry')}</Button>} />
              ) : (templates.data ?? []).length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inspections.new.noChecklist')} />
              ) : (
                <div role="radiogroup" aria-label={t('inspections.field.checklist')}>
                  {templates.data!.map((tpl) => {
                    const selected = tpl.id === draft.templateId;
                    const usable = tpl.itemCount > 0;
                    return (
                      <button
                        key={tpl.id}
                        type="button"
                        role="radio"
                        aria-checked={selected}
                        disabled={!usable}
                        className={`insp-choice${selected ? ' insp-choice-selected' : ''}`}
                        onClick={() => choose(draft.institutionId, tpl)}
                        data-testid="insp-checklist"
                      >
                        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                          <Typography.Text strong style={{ fontSize: 15 }}>
                            {tpl.name}
                          </Typography.Text>
                          {selected && <CheckOutlined style={{ color: '#b7282e' }} />}
                        </div>
                        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                          {t('inspections.new.checklistMeta', { v: tpl.currentVersion, n: tpl.itemCount })}
                          {tpl.placeholderCount > 0 ? t('inspections.new.checklistPlaceholders') : ''}
                        </Typography.Text>
                      </button>
                    );
                  })}
                </div>
              )}
            </Form.Item>
            <Form.Item label={t('inspections.field.inspectedOn')} required>
              <DatePicker
                value={dayjs(draft.inspectedOn)}
                onChange={(d) => d && setDraft((x) => ({ ...x, inspectedOn: d.format('YYYY-MM-DD') }))}
                disabledDate={(d) => d.format('YYYY-MM-DD') > today}
                format="YYYY-MM-DD"
                inputReadOnly
                allowClear={false}
                size="large"
                style={{ width: '100%' }}
              />
            </Form.Item>
            <Form.Item label={t('inspections.field.inspectors')} extra={t('inspections.new.inspectorsHint')} style={{ marginBottom: 0 }}>
              <Input value={draft.inspectors} onChange={(e) => setDraft((x) => ({ ...x, inspectors: e.target.value }))} maxLength={200} size="large" />
            </Form.Item>
          </Form>
        </Card>
      )}

      {draft.step === 1 &&
        (version.isLoading ? (
          <Card size={cardSize}>
            <Skeleton active paragraph={{ rows: 8 }} />
          </Card>
        ) : version.isError ? (
          <Result status="error" title={(version.error as Error).message} extra={<Button onClick={() => void version.refetch()}>{t('inspections.retry')}</Button>} />
        ) : (
          <>
            <div className="insp-progress">
              <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 13 }}>
                {institution?.name ?? me.institutionName} · {version.data?.templateName}
              </Typography.Text>
              <div className="insp-progress-row">
                <Typography.Text strong data-testid="insp-progress">
                  {t('inspections.wizard.progress', { done: answeredCount, total: answerable.length })}
                </Typography.Text>
                {answeredCount < answerable.length && (
                  <Button size="small" onClick={markRestPass} data-testid="insp-rest-pass">
                    {t('inspections.wizard.restPass')}
                  </Button>
                )}
              </div>
              <Progress percent={answerable.length ? Math.round((answeredCount / answerable.length) * 100) : 0} showInfo={false} size="small" strokeColor="#52c41a" />
            </div>
            {groupByCategory(items).map(([category, list]) => {
              const live = list.filter((i) => !i.isPlaceholder);
              return (
                <section key={category}>
                  <div className="insp-section-title">
                    <span>{category}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400, flex: 'none' }}>
                      {live.filter((i) => draft.answers[i.id]?.result).length}/{live.length}
                    </Typography.Text>
                  </div>
                  {list.map((item) => (
                    <ItemAnswerCard
                      key={item.id}
                      item={item}
                      answer={draft.answers[item.id]}
                      defaultDeadline={defaultDeadline(item)}
                      defaultDays={deadlineDays[item.hazardLevel]}
                      minDeadline={draft.inspectedOn}
                      showError={showErrors}
                      onChange={onAnswer}
                      onBusy={onBusy}
                    />
                  ))}
                </section>
              );
            })}
          </>
        ))}

      {draft.step === 2 && (
        <Summary
          draft={draft}
          items={answerable}
          placeholderCount={items.length - answerable.length}
          institutionName={institution?.name ?? me.institutionName ?? ''}
          checklistName={version.data ? t('inspections.checklistWithVersion', { name: version.data.templateName, v: version.data.version }) : (selectedTemplate?.name ?? '')}
          kind={kind}
          defaultDeadline={defaultDeadline}
          onSummary={(summary) => setDraft((d) => ({ ...d, summary }))}
          error={submitError}
          cardSize={cardSize}
        />
      )}

      <div className="insp-bottom">
        {draft.step === 0 ? (
          <Button size="large" onClick={() => nav('/inspections')}>
            {t('common.cancel')}
          </Button>
        ) : (
          <Button size="large" icon={<LeftOutlined />} onClick={() => goStep(draft.step - 1)} disabled={submitting}>
            {t('inspections.wizard.prev')}
          </Button>
        )}
        {draft.step === 0 && (
          <Button type="primary" size="large" onClick={next1} data-testid="insp-next">
            {t('inspections.wizard.next')} <RightOutlined />
          </Button>
        )}
        {draft.step === 1 && (
          <Button type="primary" size="large" onClick={next2} disabled={uploading || !version.data} data-testid="insp-next">
            {uploading ? t('hazards.photo.waitUpload') : t('inspections.wizard.toSummary', { done: answeredCount, total: answerable.length })}
          </Button>
        )}
        {draft.step === 2 && (
          <Button type="primary" size="large" icon={<SendOutlined />} loading={submitting} disabled={uploading} onClick={() => void submit()} data-testid="insp-submit">
            {t('inspections.wizard.submit')}
          </Button>
        )}
      </div>
    </div>
  );
}

/** Items grouped by their category, in checklist order. */
function groupByCategory(items: ChecklistItem[]): [string, ChecklistItem[]][] {
  const groups = new Map<string, ChecklistItem[]>();
  for (const i of items) {
    const g = groups.get(i.category);
    if (g) g.push(i);
    else groups.set(i.category, [i]);
  }
  return [...groups.entries()];
}

interface SummaryProps {
  draft: InspectionDraft;
  items: ChecklistItem[];
  placeholderCount: number;
  institutionName: string;
  checklistName: string;
  kind: InspectionKind;
  defaultDeadline: (item: ChecklistItem) => string;
  onSummary: (s: string) => void;
  error: { message: string; lines: string[] } | null;
  cardSize?: 'small';
}

/** Step 3: the counts, the failures that will become hazards (major ones flagged), a summary note. */
function Summary({ draft, items, placeholderCount, institutionName, checklistName, kind, defaultDeadline, onSummary, error, cardSize }: SummaryProps) {
  const count = (r: 'pass' | 'fail' | 'na') => items.filter((i) => draft.answers[i.id]?.result === r).length;
  const fails = items.filter((i) => draft.answers[i.id]?.result === 'fail');
  const majors = fails.filter((i) => i.hazardLevel === 'major').length;
  return (
    <>
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={error.message}
          description={error.lines.length ? <ul style={{ margin: 0, paddingInlineStart: 18 }}>{error.lines.map((l) => <li key={l}>{l}</li>)}</ul> : undefined}
          data-testid="insp-submit-error"
        />
      )}
      <Card size={cardSize} style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'i', label: t('inspections.field.institution'), children: institutionName },
            { key: 'k', label: t('inspections.field.kind'), children: t(`inspectionKind.${kind}`) },
            { key: 'c', label: t('inspections.field.checklist'), children: checklistName },
            { key: 'd', label: t('inspections.field.inspectedOn'), children: draft.inspectedOn },
            { key: 'p', label: t('inspections.field.inspectors'), children: draft.inspectors || '—' },
          ]}
        />
      </Card>
      <Card size={cardSize} style={{ marginBottom: 12 }}>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(64px, 1fr))', gap: 8, textAlign: 'center' }}>
          <Statistic title={t('itemResult.pass')} value={count('pass')} styles={{ content: { color: '#389e0d' } }} />
          <Statistic title={t('itemResult.fail')} value={count('fail')} styles={{ content: { color: '#cf1322' } }} />
          <Statistic title={t('itemResult.na')} value={count('na')} />
        </div>
        {/* no count: a placeholder item may stand for several situations of the standard */}
        {placeholderCount > 0 && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13, textAlign: 'center' }} data-testid="insp-summary-placeholders">
            {t('inspections.summary.placeholdersNote')}
          </Typography.Paragraph>
        )}
      </Card>
      <Card size={cardSize} title={t('inspections.summary.hazardsTitle', { n: fails.length })} style={{ marginBottom: 12 }}>
        {fails.length === 0 ? (
          <Result status="success" title={t('inspections.summary.allGood')} style={{ padding: 16 }} />
        ) : (
          <>
            <Alert
              type={majors > 0 ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 12 }}
              title={majors > 0 ? t('inspections.summary.willCreateMajor', { n: fails.length, m: majors }) : t('inspections.summary.willCreate', { n: fails.length })}
            />
            <Space orientation="vertical" size={8} style={{ width: '100%' }}>
              {fails.map((i) => {
                const a = draft.answers[i.id]!;
                return (
                  <Card key={i.id} size="small" className="insp-card" data-testid="insp-summary-fail">
                    <Space size={4} wrap style={{ marginBottom: 4 }}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {i.code}
                      </Typography.Text>
                      <LevelTag level={i.hazardLevel} short />
                      {i.hazardLevel === 'major' && <SupervisionTag />}
                    </Space>
                    <div style={{ fontWeight: 500 }}>{i.checkText}</div>
                    {a.note && <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{a.note}</Typography.Paragraph>}
                    <div className="muted" style={{ fontSize: 13, marginTop: 4 }}>
                      {t('inspections.summary.failMeta', { date: a.deadline ?? defaultDeadline(i), n: a.photoIds.length })}
                      {a.location ? ` · ${a.location}` : ''}
                    </div>
                  </Card>
                );
              })}
            </Space>
          </>
        )}
      </Card>
      <Card size={cardSize}>
        <Form layout="vertical" component="div">
          <Form.Item label={t('inspections.field.summary')} style={{ marginBottom: 0 }}>
            <Input.TextArea value={draft.summary} onChange={(e) => onSummary(e.target.value)} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} placeholder={t('inspections.summary.placeholder')} />
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
          {t('inspections.summary.afterSubmit')} <Link to="/hazards">{t('nav.hazards')}</Link>
        </Typography.Paragraph>
      </Card>
    </>
  );
}
