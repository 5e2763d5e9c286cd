import { Tag } from 'antd';
import { t, type QuizQuestionKind, type QuizStatus } from '@lifeline/shared';

/** `mm:ss` (or `h:mm:ss`) of a number of seconds, never negative. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(r).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** A time limit in words: 10 分钟, 1 小时 30 分钟, 45 秒. */
export function formatLimit(seconds: number): string {
  if (seconds < 60) return t('quiz.unit.seconds', { n: seconds });
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  if (!h) return t('quiz.unit.minutes', { n: m });
  return m ? t('quiz.unit.hoursMinutes', { h, m }) : t('quiz.unit.hours', { n: h });
}

/** 不限 / N 次. */
export const attemptsText = (max: number) => (max === 0 ? t('quiz.unlimited') : t('quiz.unit.times', { n: max }));

const KIND_COLOR: Record<QuizQuestionKind, string> = { single: 'blue', multiple: 'purple', true_false: 'cyan' };
/** 单选 / 多选 / 判断 as a tag. */
export function KindTag({ kind }: { kind: QuizQuestionKind }) {
  return <Tag color={KIND_COLOR[kind]}>{t(`quiz.kind.${kind}`)}</Tag>;
}

const STATUS_COLOR: Record<QuizStatus, string> = { draft: 'default', open: 'green', closed: 'orange' };
/** 草稿 / 进行中 / 已结束 as a tag. */
export function QuizStatusTag({ status }: { status: QuizStatus }) {
  return <Tag color={STATUS_COLOR[status]}>{t(`quiz.status.${status}`)}</Tag>;
}

/** The option label shown to people: true/false keys read 正确 / 错误, choices keep their letter. */
export const optionLabel = (kind: QuizQuestionKind, key: string) => (kind === 'true_false' ? t(key === 'T' ? 'quiz.true' : 'quiz.false') : key);

/** Keys of an answer as people read them: `A、C` or 正确. */
export const keysText = (kind: QuizQuestionKind, keys: readonly string[]) => (keys.length ? keys.map((k) => optionLabel(kind, k)).join('、') : t('quiz.result.noAnswer'));
