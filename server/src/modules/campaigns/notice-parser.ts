/**
 * Notice → draft tasks (issue #3).
 *
 * Reads the plain text of a county notice (通知) such as 《德化县民政局关于开展2024年全县民政服务机构
 * “安全生产月”活动的通知》 (shared/reference/notice-2024-safety-month.txt) and proposes what the admin
 * edits and publishes: the campaign header (title, issuer, addressees, theme, year, period), the
 * numbered sections with the activities they name, the deliverables with deadlines (tasks), the dated
 * events, and the problems found (issues). Pure code: no database, no I/O, no clock.
 *
 * The parser proposes; it never invents. A date that does not exist (2月30日) is flagged and its task
 * gets `deadline: null`; a year it had to infer is written in the task's `notes`.
 *
 * ## Text model
 * - Header: the title is the first non-empty lines up to a blank line, the addressee line or the body
 *   (a title may be split over two lines, as in the real notice); a 文号 line (德民〔2024〕12号) is skipped.
 *   The addressee line is the first short line ending with `：`, split on `、，,；`.
 *   A trailing signature (organ line + `2024年5月30日`) gives `issuedOn` when the caller did not.
 * - Sections: lines starting `一、` … `十、` or `3、` / `3.` (the real notice types section three as `3、`).
 *   A heading is accepted only when its number is the next in sequence. In a document numbered
 *   一、二、…, an Arabic-numbered line is a section only when it fills a gap (no Chinese heading has
 *   its number, a later Chinese heading exists) and does not follow the previous Arabic item of a
 *   `1、2、3、` sub-list; otherwise it is a sub-item of the current section. A heading
 *   line with a `。` is split: heading before it, body after. After the last section's first
 *   paragraph, a paragraph opening with 活动期间/联系人/附件/请各/特此通知 … starts the closing part
 *   (`sectionNumber: null`), as in the real notice whose deliverables sit in the closing paragraph.
 * - Sentences end at `。！？`; units are the parts of a sentence between `，` and `；` (further cut where
 *   a second deadline starts, so 「6月10日前报送方案、6月28日前报送总结」 gives two units). A unit that
 *   is only a fronted date (「6月24日前，各乡镇要将…报送…」) takes the following units up to the verb.
 *
 * ## Dates
 * Digits may be ASCII, full-width (６月５日) or Chinese numerals (六月五日, 二十五日, 元月); spaces are
 * allowed between parts (6 月 5 日). Recognised phrases:
 * - `X月X日前|之前|以前|止` (also `于…`, with `（星期三）` and a time `17:00`, `17时`, `下午5点(半)`) → deadline;
 * - `截至|截止(到|时间为) X月X日` → deadline;
 * - `X月X日至|到|-|—|~X月X日` or `X月X日至X日` → `window {from,to}`, deadline = end;
 * - `X月底|末(前)` → last day of the month; `X月上旬|中旬|下旬(前)` → 10th / 20th / last day;
 * - `年底前`, `2024年底前` → 12-31; `12月底前` via the month rule;
 * - `2025年1月10日前` → the explicit year wins;
 * - a plain `X月X日` is a deadline only when its clause asks for a submission (报送/上报/提交 …) or names a
 *   deliverable; `X月X日为“…日”` / `X月X日举办…` is an event; `今年6月是…“安全生产月”` and
 *   `六月份…进行展播` are month-level events (`date: null`, `month: 6`);
 * - `于6月(组织)开展` → `period` = the whole month; `活动时间为6月1日至6月30日` → that window.
 * A day that does not exist in its month (2月30日, 2月29日 in a common year, 13月1日, 6月31日) is an
 * `impossible_date` issue; its task keeps `deadline: null` and says why in `notes`.
 * Recurring deadlines (每月5日前) are flagged `recurring_deadline`, not turned into tasks.
 *
 * ## Year rule
 * - `year` = `opts.year`, else the 20xx年 in the title, else the single 20xx年 in the body (several
 *   distinct ones → the issue year if among them, else the most frequent, and an `ambiguous_year`
 *   issue), else the year of `issuedOn` (option or signature).
 * - An explicit year in the phrase wins.
 * - Otherwise the anchor is `issuedOn` (option or signature), else the first day of `period`. A month/day
 *   falls in the anchor's year unless that date is more than {@link YEAR_ROLLOVER_GRACE_DAYS} days
 *   before the anchor, in which case it falls in the next year. So a notice issued 2024-12-16 asking for
 *   `1月10日前` means 2025-01-10, a June campaign asking for `1月10日前` means next January, while a June
 *   campaign's `5月20日前` stays in May of the same year. Rolled-over dates say so in `notes`.
 * - Without an anchor a month/day takes `year`; without any year the dates stay `null` and a
 *   `missing_year` issue is raised.
 * - `issuedOn` outside `year - 1 … year` is ignored as an anchor (`ambiguous_year`).
 *
 * ## Tasks
 * One task per deliverable (and per assignee scope when a sentence names several, e.g.
 * 各乡镇、各服务机构) found at a deadline:
 * - deliverable: keywords, the head noun (last keyword) of a noun phrase winning — 经验做法/信息/案例/稿件
 *   → `article`, 总结/报告/…情况 → `summary_report`, 图片/照片 → `photos`, 视频 → `video`,
 *   方案/台账/清单/报表/名单/预案/材料 → `document`, 人数/次数/场次/数量 → `count` (also a bare
 *   `不少于2次` with an action such as 开展应急疏散演练). Searched in the deadline's clause, then in the
 *   clauses before it in the sentence, then in the previous sentence (noted).
 *   Nothing found but an explicit deadline → a low-confidence `document` task titled with the action
 *   (年底前完成全部隐患整改 → 完成全部隐患整改). A plain range with neither (6月1日至6月30日开展自查)
 *   becomes an event with a `window`; any other unused day is an `unassigned_date` issue.
 * - quantity: 至少1篇 / 不少于5张 / 1份 / 各1篇 / 一篇 / 两份; each quantity goes to the nearest
 *   deliverable whose unit fits (张 → photos …); 各 gives it to every deliverable before it. A summary
 *   asked for without a number gets quantity 1 (份) and a note.
 * - assignee: 各乡镇/每个乡镇/各乡镇民政办 → `each_township`; 各服务机构/各民政服务机构/民政各服务机构/
 *   各机构 → `each_institution`; 各养老机构 (儿童福利机构, 救助管理机构, 殡葬服务机构,
 *   精神卫生社会福利机构, 敬老院, 救助站, 殡仪馆 …) → `each_institution_of_types`; 局机关各股室/各股室/
 *   办公室 (as subject) → `office`. The mention nearest before the submission verb in the deadline's
 *   clause wins, then earlier clauses of the sentence, then earlier sentences of the same section (noted).
 * - recipient: the organ after 报送/上报/提交/报 (报送县局办公室, 报县民政局和属地安办 → 县民政局、属地安办)
 *   or after 至/到/给/向 in the same clause, else a later clause of the sentence, else a shared clause
 *   of the sentence that names only a recipient (…，均报县局办公室), noted. Phrases starting 本/各
 *   (报送本股室安全责任清单) are not recipients.
 * - title: `报送` + the deliverable's noun phrase (报送安全管理工作经验做法), else the action.
 * - confidence: `high` when an explicit deadline, a specific deliverable, an assignee and a recipient were
 *   all read from the sentence itself; `medium` when any of them was inferred (plain date, generic
 *   材料, assignee or deliverable from earlier text, no recipient, split scopes); `low` when the date is
 *   unusable or no deliverable was found.
 *
 * Sources: the real notice (shared/reference/notice-2024-safety-month.txt), safety-month-themes.md
 * (6月16日 安全宣传咨询日), glossary.md (code names), issue #3.
 */
import type { InstitutionType } from '@lifeline/shared';

// ───────────────────────────── exported types ─────────────────────────────

/** What a unit hands in (glossary: 经验做法 article, 活动情况总结 summary report, 短视频 video …). */
export type DeliverableKind = 'article' | 'summary_report' | 'photos' | 'video' | 'document' | 'count';

/** Who delivers: every township, every institution (optionally of some types), a bureau section. */
export type AssigneeScope = 'each_township' | 'each_institution' | 'each_institution_of_types' | 'office' | 'unspecified';

export type Confidence = 'high' | 'medium' | 'low';

/** Inclusive local (Asia/Shanghai) calendar dates `YYYY-MM-DD`. */
export interface LocalDateRange {
  from: string;
  to: string;
}

export interface ParseNoticeOptions {
  /** Campaign year; wins over any year in the text. */
  year?: number;
  /** Issue date `YYYY-MM-DD` (local); anchors month/day phrases (see the year rule). */
  issuedOn?: string;
}

/** A numbered section (一、… or a mistyped `3、`). */
export interface NoticeSection {
  /** 1-based position in the sequence (三 and `3、` are both 3). */
  number: number;
  /** The numeral as written: '一', '3'. */
  label: string;
  heading: string;
  /** Body text without the heading (paragraphs joined by `\n`). */
  text: string;
  /** Activity items named in the heading or body (安全生产大家谈, 专题研讨, 网络知识答题 …). */
  activities: string[];
}

/** Deadline of a task: the end of `date` (Asia/Shanghai), or `time` on that day. */
export interface TaskDeadline {
  date: string;
  /** `HH:mm`, when the notice gives one (17:00前, 下午5点前). */
  time?: string;
}

/** A draft task: one deliverable at one deadline for one assignee scope. */
export interface DraftTask {
  /** Short Chinese title, e.g. 报送安全管理工作经验做法. */
  title: string;
  deliverableKind: DeliverableKind;
  /** Number asked for; `null` when the notice gives none (summaries default to 1, noted). */
  quantity: number | null;
  /** 篇/份/张/个/次 …; `null` with `quantity: null`. */
  unit: string | null;
  /** True for 至少/不少于/不低于 (the quantity is a minimum). */
  quantityIsMinimum: boolean;
  assigneeScope: AssigneeScope;
  /** Only with `each_institution_of_types`. */
  institutionTypes?: InstitutionType[];
  /** The assignee as written (每个乡镇), or `null`. */
  assigneeText: string | null;
  /** Where it goes (县局办公室), or `null`. */
  recipient: string | null;
  /** `null` when the date is impossible or its year unknown (see `notes` and `issues`). */
  deadline: TaskDeadline | null;
  /** For `X月X日至X月X日`: the submission window; `deadline` is its end. */
  window?: LocalDateRange;
  /** The date phrase as written (6月5日前). */
  deadlineText: string;
  /** The sentence the task was read from, as written. */
  sourceSentence: string;
  /** Section the sentence is in; `null` for the preamble and the closing part. */
  sectionNumber: number | null;
  confidence: Confidence;
  /** Why fields were inferred or left empty (Chinese, for the admin). */
  notes: string[];
}

/** A dated (or month-level) event, e.g. 安全宣传咨询日 on 2024-06-16. */
export interface NoticeEvent {
  name: string;
  /** `YYYY-MM-DD`, or `null` for a month-level event (六月份…展播). */
  date: string | null;
  /** Month 1–12 (also set for dated events), `null` when unknown. */
  month: number | null;
  year: number | null;
  window?: LocalDateRange;
  sourceSentence: string;
  sectionNumber: number | null;
}

export type ParseIssueKind =
  | 'impossible_date'
  | 'no_tasks'
  | 'missing_year'
  | 'ambiguous_year'
  | 'invalid_option'
  | 'irregular_heading'
  | 'undated_submission'
  | 'unassigned_date'
  | 'recurring_deadline';

export interface ParseIssue {
  kind: ParseIssueKind;
  /** Chinese message for the admin. */
  message: string;
  /** The text concerned (2月30日, a sentence …). */
  text?: string;
  sectionNumber?: number | null;
}

export interface ParsedNotice {
  title: string | null;
  /** Issuing organ (德化县民政局) from 「X关于…」 or the signature, else `null`. */
  issuer: string | null;
  /** 文号 (德民〔2024〕12号) when present. */
  docNumber: string | null;
  addressees: string[];
  /** Text inside 主题是“…”. */
  theme: string | null;
  year: number | null;
  /** `opts.issuedOn`, else the signature date, else `null`. */
  issuedOn: string | null;
  /** Campaign period, e.g. 于6月组织开展 → the whole of June; `null` when not stated. */
  period: LocalDateRange | null;
  /** Body text before the first section. */
  preamble: string;
  sections: NoticeSection[];
  /** Closing paragraphs after the sections (活动期间…, 联系人…). */
  closing: string;
  tasks: DraftTask[];
  events: NoticeEvent[];
  issues: ParseIssue[];
}

/** A month/day more than this many days before the anchor belongs to the next year. */
export const YEAR_ROLLOVER_GRACE_DAYS = 92;

// ───────────────────────────── numerals and calendar ─────────────────────────────

const CN_DIGIT: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/**
 * Reads an ASCII or Chinese number: '5', '十五', '二十一', '廿五', '二〇二四', '一二' (digit by digit), '元' (1).
 * @returns the value, or `null` when the string is not a number
 */
export function readNumber(s: string): number | null {
  const t = s.trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (t === '元') return 1;
  if (!t) return null;
  const chars = [...t];
  if (chars.every((c) => c in CN_DIGIT)) {
    if (chars.length === 1) return CN_DIGIT[t]!;
    return Number(chars.map((c) => CN_DIGIT[c]).join(''));
  }
  let total = 0;
  let cur = 0;
  for (const c of chars) {
    if (c === '十') {
      total += (cur || 1) * 10;
      cur = 0;
    } else if (c === '廿') {
      total += 20;
      cur = 0;
    } else if (c === '卅') {
      total += 30;
      cur = 0;
    } else if (c in CN_DIGIT) cur = CN_DIGIT[c]!;
    else return null;
  }
  return total + cur;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const dayNumber = (isoDate: string) => {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
};
function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(Number(m[1]), mo);
}

// ───────────────────────────── text normalisation ─────────────────────────────

/**
 * Character-for-character normalisation (same length, so offsets map back to the original):
 * full-width digits/letters → ASCII, ideographic and no-break spaces → ' ', 「」『』 → “”, and ASCII
 * double quotes paired per line into “ ”.
 */
function normalise(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff10 && code <= 0xff19) out += String.fromCharCode(code - 0xfee0);
    else if ((code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a)) out += String.fromCharCode(code - 0xfee0);
    else if (ch === '\u3000' || ch === '\u00a0' || ch === '\t') out += ' ';
    else if (ch === '「' || ch === '『') out += '“';
    else if (ch === '」' || ch === '』') out += '”';
    else out += ch;
  }
  // pair ASCII quotes line by line
  return out
    .split('\n')
    .map((line) => {
      let open = true;
      return line.replace(/"/g, () => {
        const q = open ? '“' : '”';
        open = !open;
        return q;
      });
    })
    .join('\n');
}

// ───────────────────────────── date phrases ─────────────────────────────

const CN_D = '〇零一二三四五六七八九十廿卅';
const NUM = `(?:\\d{1,2}|[${CN_D}]{1,3})`;
const YEAR = `(?:20\\d{2}|二[〇零][〇零一二三四五六七八九]{2})`;
const LB = `(?<![\\d${CN_D}])`;

type AtomKind = 'day' | 'monthEnd' | 'xun' | 'yearEnd' | 'month';

/** A single date token (6月5日, 6月底, 6月下旬, 年底, 6月份). Offsets are sentence-relative. */
interface Atom {
  start: number;
  end: number;
  text: string;
  kind: AtomKind;
  y: number | null;
  m: number;
  d: number | null;
  xun?: 1 | 2 | 3;
  hasFen?: boolean;
}

const ATOM_RES: Array<[AtomKind, RegExp]> = [
  ['day', new RegExp(`${LB}(?:(${YEAR})\\s*年\\s*)?(${NUM}|元)\\s*月\\s*(${NUM})\\s*[日号]`, 'g')],
  ['monthEnd', new RegExp(`${LB}(?:(${YEAR})\\s*年\\s*)?(${NUM}|元)\\s*月\\s*份?\\s*(?:底|末)`, 'g')],
  ['xun', new RegExp(`${LB}(?:(${YEAR})\\s*年\\s*)?(${NUM}|元)\\s*月\\s*份?\\s*([上中下])\\s*旬`, 'g')],
  ['yearEnd', new RegExp(`(?:(${YEAR})\\s*)?年\\s*(?:底|末)`, 'g')],
  [
    'month',
    new RegExp(
      `${LB}(?:(${YEAR})\\s*年\\s*)?(${NUM}|元)\\s*月(?!\\s*(?:${NUM}\\s*[日号]|份?\\s*(?:底|末|[上中下]\\s*旬)))(\\s*份)?`,
      'g',
    ),
  ],
];

function scanAtoms(s: string): Atom[] {
  const found: Atom[] = [];
  for (const [kind, re] of ATOM_RES) {
    re.lastIndex = 0;
    for (const m of s.matchAll(re)) {
      const start = m.index;
      const y = m[1] ? readNumber(m[1]) : null;
      if (kind === 'yearEnd') {
        found.push({ start, end: start + m[0].length, text: m[0], kind, y, m: 12, d: 31 });
        continue;
      }
      const month = readNumber(m[2]!);
      if (month == null) continue;
      if (kind === 'month' && (month < 1 || month > 12)) continue;
      const atom: Atom = { start, end: start + m[0].length, text: m[0], kind, y, m: month, d: null };
      if (kind === 'day') atom.d = readNumber(m[3]!);
      if (kind === 'xun') atom.xun = m[3] === '上' ? 1 : m[3] === '中' ? 2 : 3;
      if (kind === 'month') atom.hasFen = Boolean(m[3]);
      if (kind === 'day' && atom.d == null) continue;
      found.push(atom);
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Atom[] = [];
  for (const a of found) {
    const last = out[out.length - 1];
    if (last && a.start < last.end) continue;
    out.push(a);
  }
  return out;
}

type ExprKind = 'day' | 'range' | 'monthEnd' | 'xun' | 'yearEnd' | 'month';

/** A date phrase: an atom with its range end, weekday, time and 前/截至 marker. */
interface DateExpr {
  start: number;
  end: number;
  text: string;
  kind: ExprKind;
  a: Atom;
  b?: Atom;
  time?: string;
  marker: 'before' | 'until' | 'none';
  /** 截至/截止 … written before the date, or ''. */
  prefix: string;
}

const TIME_RE = new RegExp(
  `\\s*(上午|下午|中午|晚上|晚|早上)?\\s*(\\d{1,2}|[${CN_D}]{1,3})\\s*(?:[:：]\\s*(\\d{2})|[点时](?:\\s*(\\d{1,2}|[${CN_D}]{1,3})\\s*分|(半)|整)?)`,
  'y',
);
const WEEKDAY_RE = /\s*[（(]\s*(?:星期|周|礼拜)[一二三四五六日天]\s*[）)]/y;
const RANGE_SEP_RE = /\s*(?:至|到|——|—|–|-|~|～|－)\s*/y;
const SAME_MONTH_DAY_RE = new RegExp(`(${NUM})\\s*[日号]`, 'y');
const BEFORE_RE = /\s*(?:之前|以前|前|为止|止)/y;
const UNTIL_PREFIX_RE = /(?:截至|截止到?|截止时间|截止日期)\s*(?:为|是|[:：])?\s*$/;

function sticky(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(s);
}

function readTime(m: RegExpExecArray): string | null {
  let h = readNumber(m[2]!);
  if (h == null) return null;
  const min = m[3] ? Number(m[3]) : m[4] ? readNumber(m[4]) : m[5] ? 30 : 0;
  if (min == null) return null;
  const part = m[1];
  if ((part === '下午' || part === '晚上' || part === '晚') && h < 12) h += 12;
  if (part === '中午' && h < 6) h += 12;
  if (h > 24 || min > 59) return null;
  return `${pad(h)}:${pad(min)}`;
}

function buildExprs(s: string): DateExpr[] {
  const atoms = scanAtoms(s);
  const out: DateExpr[] = [];
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i]!;
    let end = a.end;
    let kind: ExprKind = a.kind;
    let b: Atom | undefined;
    let time: string | undefined;
    if (a.kind === 'day') {
      const wd = sticky(WEEKDAY_RE, s, end);
      let afterA = wd ? end + wd[0].length : end;
      const sep = sticky(RANGE_SEP_RE, s, afterA);
      if (sep) {
        const at = afterA + sep[0].length;
        const next = atoms[i + 1];
        if (next && next.start === at && next.kind === 'day') {
          b = next;
          i++;
          end = next.end;
        } else {
          const dm = sticky(SAME_MONTH_DAY_RE, s, at);
          const d = dm ? readNumber(dm[1]!) : null;
          if (dm && d != null) {
            b = { start: at, end: at + dm[0].length, text: `${a.m}月${dm[0]}`, kind: 'day', y: a.y, m: a.m, d };
            end = b.end;
          }
        }
        if (b) kind = 'range';
      }
      if (!b) end = afterA;
      const wd2 = b ? sticky(WEEKDAY_RE, s, end) : null;
      if (wd2) end += wd2[0].length;
      const tm = sticky(TIME_RE, s, end);
      if (tm) {
        const t = readTime(tm);
        if (t) {
          time = t;
          end += tm[0].length;
        }
      }
      afterA = end;
    }
    let marker: DateExpr['marker'] = 'none';
    let prefix = '';
    if (a.kind !== 'month') {
      const bf = sticky(BEFORE_RE, s, end);
      const until = UNTIL_PREFIX_RE.exec(s.slice(Math.max(0, a.start - 10), a.start));
      if (bf) {
        marker = 'before';
        end += bf[0].length;
      } else if (until) {
        marker = 'until';
        prefix = until[0];
      }
    }
    out.push({ start: a.start, end, text: s.slice(a.start, end), kind, a, ...(b ? { b } : {}), ...(time ? { time } : {}), marker, prefix });
  }
  return out;
}

// ───────────────────────────── year resolution ─────────────────────────────

interface ResolvedDate {
  date: string | null;
  impossible: boolean;
  year: number | null;
  note?: string;
}

class YearResolver {
  constructor(
    readonly baseYear: number | null,
    readonly anchor: string | null,
    readonly anchorLabel: string,
  ) {}

  /** Year for a month/day without an explicit year (the year rule in the module doc). */
  pick(m: number, d: number): { year: number; note?: string } | null {
    if (!this.anchor) return this.baseYear == null ? null : { year: this.baseYear };
    const ay = Number(this.anchor.slice(0, 4));
    const probe = iso(ay, Math.min(Math.max(m, 1), 12), Math.min(Math.max(d, 1), 28));
    const year = dayNumber(probe) >= dayNumber(this.anchor) - YEAR_ROLLOVER_GRACE_DAYS ? ay : ay + 1;
    if (this.baseYear != null && year !== this.baseYear)
      return { year, note: `跨年：按${this.anchorLabel}${this.anchor}推定为${year}年` };
    if (year !== ay) return { year, note: `跨年：按${this.anchorLabel}${this.anchor}推定为${year}年` };
    return { year };
  }

  resolve(a: Atom): ResolvedDate {
    if (a.kind === 'yearEnd') {
      const y = a.y ?? this.baseYear ?? (this.anchor ? Number(this.anchor.slice(0, 4)) : null);
      return { date: y == null ? null : iso(y, 12, 31), impossible: false, year: y };
    }
    if (a.m < 1 || a.m > 12) return { date: null, impossible: true, year: a.y };
    const probeDay = a.kind === 'day' ? (a.d ?? 1) : 28;
    const picked = a.y != null ? { year: a.y } : this.pick(a.m, probeDay);
    const y = picked?.year ?? null;
    let d: number;
    if (a.kind === 'day') {
      d = a.d!;
      const max = daysInMonth(y ?? 2000, a.m); // 2000 is a leap year: without a year only 2月30日+ is impossible
      if (d < 1 || d > max) return { date: null, impossible: true, year: y };
    } else if (a.kind === 'xun') d = a.xun === 1 ? 10 : a.xun === 2 ? 20 : daysInMonth(y ?? 2001, a.m);
    else if (a.kind === 'monthEnd') d = daysInMonth(y ?? 2001, a.m);
    else d = 1;
    if (y == null) return { date: null, impossible: false, year: null };
    return { date: iso(y, a.m, d), impossible: false, year: y, ...(picked?.note ? { note: picked.note } : {}) };
  }
}

// ───────────────────────────── vocabularies ─────────────────────────────

const CJK_RE = /[\u4e00-\u9fa5]/;

const SUBMIT_VERB_RE = /报送|上报|提交|呈报|报至|发送至|发至|送至|寄送|交至|(?<![举汇情简海预警申通公画周月年日])报(?=[县市省局区])/g;

const SUBMIT_VERB_TEST_RE = new RegExp(SUBMIT_VERB_RE.source);

const ORG_SUFFIXES = ['办公室', '民政局', '民政所', '民政办', '委员会', '领导小组', '政府', '部门', '邮箱', '中心', '小组', '局', '股', '科', '室', '办', '站', '处', '委'];
const RECIPIENT_STOPS = ['将', '并', '后', '的', '前', '时', '要', '以', '由', '经', '报送', '上报', '提交', '汇总', '审核', '备案'];

const TYPE_WORDS: Array<[string, InstitutionType]> = [
  ['精神卫生社会福利机构', 'mental_health_welfare'],
  ['儿童福利机构', 'child_welfare'],
  ['儿童福利院', 'child_welfare'],
  ['救助管理机构', 'relief_station'],
  ['救助管理站', 'relief_station'],
  ['殡葬服务机构', 'funeral_service'],
  ['养老服务机构', 'elderly_care'],
  ['养老机构', 'elderly_care'],
  ['敬老院', 'elderly_care'],
  ['福利中心', 'elderly_care'],
  ['救助站', 'relief_station'],
  ['殡仪馆', 'funeral_service'],
];
const TYPE_ALT = TYPE_WORDS.map(([w]) => w).join('|');
const TYPED_RE = new RegExp(`(?:各类?|每个|每家|全县各类?)((?:${TYPE_ALT})(?:\\s*[、和及与]\\s*(?:各类?)?(?:${TYPE_ALT}))*)`, 'g');
const TOWNSHIP_RE = /各乡镇民政办|各乡镇民政所|各乡镇（街道）|各乡（镇）|各乡\(镇\)|各乡镇|每个乡镇|各镇/g;
const INSTITUTION_RE = /民政各服务机构|各类民政服务机构|各民政服务机构|各服务机构|各机构|每个机构|每家机构/g;
const OFFICE_RE = /局机关各股室|机关各股室|县局各股室|局各股室|各股室|(?:县局|局)?办公室(?=要|负责|于|将|牵头|须|需|应|在)/g;

type DeliverablePattern = { re: string; kind: DeliverableKind; generic: boolean };
const DELIVERABLE_PATTERNS: DeliverablePattern[] = [
  { re: '影像资料', kind: 'photos', generic: false },
  { re: '图片|照片|相片', kind: 'photos', generic: false },
  { re: '短视频|微视频|宣传片', kind: 'video', generic: false },
  { re: '视频|影像', kind: 'video', generic: false },
  { re: '总结报告|工作总结|活动总结|情况总结|自查报告|情况报告|评估报告|总结材料', kind: 'summary_report', generic: false },
  { re: '(?:开展|落实|工作|活动|进展|完成|整改|自查|排查|检查|整治|演练|培训)情况', kind: 'summary_report', generic: false },
  { re: '总结(?!提炼|评估|经验|推广)|报告(?!会)', kind: 'summary_report', generic: false },
  { re: '经验做法|经验材料|典型经验|典型案例|信息稿|新闻稿|宣传稿|心得体会', kind: 'article', generic: false },
  { re: '稿件|简报|信息|文章|案例|报道', kind: 'article', generic: false },
  { re: '人数|次数|场次|人次|数量|数据', kind: 'count', generic: false },
  { re: '工作方案|实施方案|活动方案|应急预案|统计表|汇总表|登记表|一览表|信息表', kind: 'document', generic: false },
  { re: '方案|台账|清单|报表|名单|名册|预案|计划|制度|回执|表格', kind: 'document', generic: false },
  { re: '材料|资料|文件', kind: 'document', generic: true },
];
const DELIVERABLE_RE = new RegExp(DELIVERABLE_PATTERNS.map((p) => `(${p.re})`).join('|'), 'g');

const QUANTITY_UNITS = '人次|篇|份|张|幅|个|条|部|段|次|场|期|套|本|组|件|则';
const QUANTITY_RE = new RegExp(
  `(?<![第\\d一二三四五六七八九十两])(至少|不少于|不低于|最少|各|共)?\\s*(?:选取|选送|报送|提交|上报|撰写|拍摄|制作|报)?\\s*(\\d{1,3}|[一二三四五六七八九十两]{1,3})\\s*(${QUANTITY_UNITS})(?![月日年性])`,
  'g',
);
const UNIT_KINDS: Readonly<Record<string, DeliverableKind[]>> = {
  篇: ['article', 'summary_report', 'document'],
  份: ['summary_report', 'document', 'article'],
  张: ['photos'],
  幅: ['photos'],
  组: ['photos', 'document'],
  个: ['video', 'document', 'article'],
  条: ['video', 'article'],
  部: ['video'],
  段: ['video'],
  次: ['count'],
  场: ['count'],
  期: ['count', 'article'],
  人次: ['count'],
  套: ['document'],
  本: ['document'],
  件: ['document', 'article'],
  则: ['article'],
};
const DEFAULT_UNIT: Readonly<Record<DeliverableKind, string>> = {
  article: '篇',
  summary_report: '份',
  photos: '张',
  video: '个',
  document: '份',
  count: '次',
};

const NP_LEFT_STOPS = [
  '总结提炼', '报送', '上报', '提交', '选取', '选送', '撰写', '形成', '制定', '完善', '提炼', '做好', '完成', '认真',
  '及时', '开展', '组织', '要将', '并将', '以及', '确保', '将', '把', '要', '并', '及', '和', '与', '的', '于', '前',
  '对', '各', '报', '送', '交', '有关', '相关',
].sort((a, b) => b.length - a.length);

const CLOSING_RE = /^\s*(?:活动期间|联系人|联系方式|附件|特此通知|请各|以上|此通知)/;
const DOC_NO_RE = /〔\s*\d{4}\s*〕\s*\d+\s*号|\[\s*\d{4}\s*\]\s*\d+\s*号/;
const HEAD_CN_RE = /^\s*([一二三四五六七八九十]{1,3})\s*[、.．]\s*(.*)$/;
const HEAD_AR_RE = /^\s*(\d{1,2})\s*[、．]\s*(.*)$|^\s*(\d{1,2})\.(?!\d)\s*(.*)$/;
const SIGN_DATE_RE = new RegExp(`^\\s*(${YEAR})\\s*年\\s*(${NUM})\\s*月\\s*(${NUM})\\s*日\\s*$`);
const YEAR_IN_TEXT_RE = new RegExp(`(${YEAR})\\s*年`, 'g');

// ───────────────────────────── clause analysis ─────────────────────────────

interface Span {
  start: number;
  end: number;
}
interface AssigneeMention extends Span {
  text: string;
  scope: Exclude<AssigneeScope, 'unspecified'>;
  types?: InstitutionType[];
}
interface DeliverableMention extends Span {
  kind: DeliverableKind;
  generic: boolean;
  np: string;
}
interface QuantityMention extends Span {
  value: number;
  unit: string;
  minimum: boolean;
  each: boolean;
  /** 至少/不少于/各/共 as written, or ''. */
  qualifier: string;
  text: string;
}
interface RecipientMention extends Span {
  name: string;
}
interface Unit extends Span {
  text: string;
  verbs: Span[];
  recipients: RecipientMention[];
  assignees: AssigneeMention[];
  quantities: QuantityMention[];
  deliverables: DeliverableMention[];
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * The organ at the start of `run` (县局办公室, 县民政局和属地安办): the longest prefix ending in an organ
 * suffix, not containing a stop word, and followed by nothing or by a stop word (so 「本股室安全责任
 * 清单」 is not a recipient).
 */
function cutRecipient(run: string): string | null {
  if (/^(?:本|各|辖区|所属)/.test(run)) return null;
  let best: string | null = null;
  for (let k = 1; k <= run.length; k++) {
    const head = run.slice(0, k);
    if (RECIPIENT_STOPS.some((w) => head.includes(w))) break;
    if (ORG_SUFFIXES.some((suf) => head.endsWith(suf)) && head.length >= 2) best = head;
  }
  if (!best) return null;
  const rest = run.slice(best.length);
  if (rest && !RECIPIENT_STOPS.some((w) => rest.startsWith(w))) return null;
  return best
    .split(/[和及与、]/)
    .filter((p) => p.length >= 2)
    .join('、');
}

function findRecipients(s: string, span: Span, verbs: Span[]): RecipientMention[] {
  const out: RecipientMention[] = [];
  for (const v of verbs) {
    const rest = s.slice(v.end, span.end);
    const lead = /^\s*(?:至|到|给)?\s*/.exec(rest)![0].length;
    const run = /^[\u4e00-\u9fa5、]+/.exec(rest.slice(lead))?.[0] ?? '';
    // 「报送安全检查情况总结至县局办公室」: what follows 至/到 is the recipient, what precedes it the deliverable
    const to = lead === 0 ? /[至到]/.exec(run.slice(2)) : null;
    if (to) {
      const at = 2 + to.index + 1;
      const name = cutRecipient(run.slice(at));
      if (name) {
        out.push({ start: v.end + at, end: v.end + at + name.length, name });
        continue;
      }
    }
    const name = cutRecipient(run);
    if (name) out.push({ start: v.end + lead, end: v.end + lead + name.length, name });
  }
  if (out.length === 0 && verbs.length > 0) {
    const text = s.slice(span.start, span.end);
    for (const m of text.matchAll(/(?:至|到|给|向)\s*([\u4e00-\u9fa5、]{2,24})/g)) {
      const name = cutRecipient(m[1]!);
      if (!name) continue;
      const start = span.start + m.index + m[0].indexOf(m[1]!);
      out.push({ start, end: start + name.length, name });
      break;
    }
  }
  return out;
}

function findAssignees(text: string, offset: number, exclude: Span[]): AssigneeMention[] {
  const found: AssigneeMention[] = [];
  for (const m of text.matchAll(TYPED_RE)) {
    const types: InstitutionType[] = [];
    for (const w of m[1]!.matchAll(new RegExp(TYPE_ALT, 'g'))) {
      const t = TYPE_WORDS.find(([word]) => word === w[0])![1];
      if (!types.includes(t)) types.push(t);
    }
    found.push({ start: offset + m.index, end: offset + m.index + m[0].length, text: m[0], scope: 'each_institution_of_types', types });
  }
  for (const [re, scope] of [
    [TOWNSHIP_RE, 'each_township'],
    [INSTITUTION_RE, 'each_institution'],
    [OFFICE_RE, 'office'],
  ] as const)
    for (const m of text.matchAll(re)) found.push({ start: offset + m.index, end: offset + m.index + m[0].length, text: m[0], scope });
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: AssigneeMention[] = [];
  for (const a of found) {
    if (exclude.some((e) => overlaps(e, a))) continue;
    const last = out[out.length - 1];
    if (last && a.start < last.end) continue;
    out.push(a);
  }
  return out;
}

function findQuantities(text: string, offset: number): QuantityMention[] {
  const out: QuantityMention[] = [];
  for (const m of text.matchAll(QUANTITY_RE)) {
    const value = readNumber(m[2]!);
    if (value == null || value <= 0) continue;
    out.push({
      start: offset + m.index,
      end: offset + m.index + m[0].length,
      value,
      unit: m[3]!,
      minimum: Boolean(m[1] && m[1] !== '各' && m[1] !== '共'),
      each: m[1] === '各',
      qualifier: m[1] ?? '',
      text: m[0],
    });
  }
  return out;
}

/** Extends a noun phrase to the left of `i` over Chinese characters until a verb/particle stop. */
function extendLeft(s: string, i: number, max = 10): number {
  let j = i;
  while (j > 0 && i - j < max) {
    const c = s[j - 1]!;
    if (!CJK_RE.test(c)) break;
    const before = s.slice(0, j);
    if (NP_LEFT_STOPS.some((w) => before.endsWith(w))) break;
    j--;
  }
  return j;
}

const NP_MAX = 12;
/** Words after which a long noun phrase may be cut (本辖区民政服务机构|隐患排查台账). */
const NP_CUT_AFTER = /本辖区|辖区内|本单位|本机构|本股室|本科室|全县|机构|乡镇|期间|年度/g;

function nounPhrase(s: string, start: number, end: number): string {
  const j = extendLeft(s, start);
  let np = s.slice(j, end);
  if (j > 0 && /\d/.test(s[j - 1]!)) np = np.replace(/^(?:年度|年|月份|月)/, '');
  const keyLen = end - start;
  let cut = -1;
  for (const m of np.matchAll(NP_CUT_AFTER)) {
    const after = m.index + m[0].length;
    if (after <= np.length - keyLen && np.length - after >= 4) cut = after;
  }
  if (cut > 0) np = np.slice(cut);
  if (np.length > NP_MAX) np = s.slice(start, end);
  return np;
}

function findDeliverables(s: string, span: Span, exclude: Span[]): DeliverableMention[] {
  const text = s.slice(span.start, span.end);
  const raw: Array<Span & { kind: DeliverableKind; generic: boolean }> = [];
  for (const m of text.matchAll(DELIVERABLE_RE)) {
    const gi = m.slice(1).findIndex((g) => g !== undefined);
    const p = DELIVERABLE_PATTERNS[gi]!;
    const hit = { start: span.start + m.index, end: span.start + m.index + m[0].length, kind: p.kind, generic: p.generic };
    if (exclude.some((e) => overlaps(e, hit))) continue;
    raw.push(hit);
  }
  // merge neighbours of one noun phrase (活动情况+总结, 图片+资料); the head (last specific keyword) wins
  const groups: Array<typeof raw> = [];
  for (const r of raw) {
    const g = groups[groups.length - 1];
    const prev = g?.[g.length - 1];
    if (g && prev) {
      const gap = s.slice(prev.end, r.start);
      if (gap.length <= 4 && /^[\u4e00-\u9fa5]*$/.test(gap) && !/[、和及与并或]/.test(gap)) {
        g.push(r);
        continue;
      }
    }
    groups.push([r]);
  }
  return groups.map((g) => {
    const specific = g.filter((r) => !r.generic);
    const head = (specific.length ? specific : g)[(specific.length ? specific : g).length - 1]!;
    const start = g[0]!.start;
    const end = g[g.length - 1]!.end;
    return { start, end, kind: head.kind, generic: specific.length === 0, np: nounPhrase(s, start, end) };
  });
}

function analyseUnit(s: string, span: Span, dateSpans: Span[]): Unit {
  const text = s.slice(span.start, span.end);
  const verbs: Span[] = [];
  for (const m of text.matchAll(SUBMIT_VERB_RE)) verbs.push({ start: span.start + m.index, end: span.start + m.index + m[0].length });
  const recipients = findRecipients(s, span, verbs);
  const assignees = findAssignees(text, span.start, [...recipients, ...dateSpans]);
  const quantities = findQuantities(text, span.start).filter((q) => !dateSpans.some((d) => overlaps(d, q)));
  const deliverables = findDeliverables(s, span, [...recipients, ...assignees, ...dateSpans, ...quantities]);
  return { ...span, text, verbs, recipients, assignees, quantities, deliverables };
}

/** The last assignee mention in `list` (before `limit` when given) with the mentions conjoined to it. */
function lastAssigneeGroup(list: AssigneeMention[], s: string, limit?: number): AssigneeMention[] | null {
  const cands = limit == null ? list : list.filter((a) => a.end <= limit);
  if (cands.length === 0) return null;
  let k = cands.length - 1;
  const group = [cands[k]!];
  while (k > 0 && /^[\s、和及与]*$/.test(s.slice(cands[k - 1]!.end, cands[k]!.start))) {
    k--;
    group.unshift(cands[k]!);
  }
  return group;
}

// ───────────────────────────── document structure ─────────────────────────────

interface Paragraph {
  text: string;
  start: number;
}
interface Block {
  sectionNumber: number | null;
  kind: 'preamble' | 'section' | 'closing';
  label?: string;
  heading?: Paragraph;
  paragraphs: Paragraph[];
}
interface Sentence {
  text: string;
  start: number;
  block: number;
  sectionNumber: number | null;
  isHeading: boolean;
}

function headingOf(t: string): { number: number; label: string; style: 'cn' | 'ar'; rest: string } | null {
  const cn = HEAD_CN_RE.exec(t);
  if (cn) {
    const n = readNumber(cn[1]!);
    return n ? { number: n, label: cn[1]!, style: 'cn', rest: cn[2]! } : null;
  }
  const ar = HEAD_AR_RE.exec(t);
  if (ar) {
    const label = ar[1] ?? ar[3]!;
    return { number: Number(label), label, style: 'ar', rest: (ar[2] ?? ar[4] ?? '').trim() };
  }
  return null;
}

function splitSentences(p: Paragraph): Paragraph[] {
  const out: Paragraph[] = [];
  for (const m of p.text.matchAll(/[^。！？!?]+[。！？!?]*/g)) {
    const lead = m[0].length - m[0].trimStart().length;
    const t = m[0].trim();
    if (t) out.push({ text: t, start: p.start + m.index + lead });
  }
  return out;
}

// ───────────────────────────── activities ─────────────────────────────

const ACTIVITY_LEFT_STOPS = ['组织开展', '积极参加', '积极参与', '认真开展', '参加', '参与', '开展', '组织', '举办', '的', '等', '在', '如'].sort(
  (a, b) => b.length - a.length,
);
const ACTIVITY_HEADS = /应急演练|演练|培训|征集活动|宣讲|竞赛|比赛|演出|行动/g;

function trimActivityLeft(item: string): string {
  let best = item;
  for (const w of ACTIVITY_LEFT_STOPS) {
    const k = item.lastIndexOf(w);
    if (k >= 0 && k + w.length < item.length) {
      const cand = item.slice(k + w.length);
      if (cand.length < best.length) best = cand;
    }
  }
  return best.replace(/^[“”\s]+|[“”\s]+$/g, '');
}

/**
 * Activity items named in a section: quoted names followed by (等)(系列)活动 (or listed with 等 after
 * 开展/参加/观看 …), `、`-lists before 等活动, and noun phrases ending in 演练/培训/征集活动/行动 … after
 * 开展/组织/参加 in the same clause. Quoted names used as modifiers (“安全生产月”主题宣传片) and the
 * campaign's own name are left out.
 */
function extractActivities(text: string, exclude: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const add = (raw: string) => {
    const t = raw.trim();
    if (t.length < 2 || t.length > 16 || exclude.has(t) || out.includes(t)) return;
    out.push(t);
  };
  // 1. runs of quoted names
  for (const m of text.matchAll(/(?:“[^”]{1,20}”\s*[、和及与]?\s*)+/g)) {
    const names = [...m[0].matchAll(/“([^”]{1,20})”/g)].map((q) => q[1]!);
    const after = text.slice(m.index + m[0].length);
    const clauseStart = Math.max(text.lastIndexOf('，', m.index), text.lastIndexOf('。', m.index), text.lastIndexOf('；', m.index));
    const before = text.slice(clauseStart + 1, m.index);
    const isActivity =
      /^(?:等)?\s*(?:系列)?\s*(?:活动|行动)/.test(after) ||
      (/^等\s*(?:[，。；、]|$)/.test(after) && /开展|参加|参与|观看|组织/.test(before));
    if (isActivity) names.forEach(add);
  }
  // 2. 、-lists before 等(系列)活动
  for (const m of text.matchAll(/等\s*(?:系列)?活动/g)) {
    const clauseStart = Math.max(text.lastIndexOf('，', m.index), text.lastIndexOf('。', m.index), text.lastIndexOf('；', m.index), -1);
    const list = text.slice(clauseStart + 1, m.index);
    if (!list.includes('、') || /[“”]/.test(list)) continue;
    const items = list.split(/[、]/);
    items.forEach((item, k) => add(k === 0 ? trimActivityLeft(item) : item.replace(/^(?:和|及|以及)/, '')));
  }
  // 3. noun phrases with an activity head after 开展/组织/参加 in the clause
  for (const m of text.matchAll(ACTIVITY_HEADS)) {
    const clauseStart = Math.max(text.lastIndexOf('，', m.index), text.lastIndexOf('。', m.index), text.lastIndexOf('；', m.index), -1);
    const clause = text.slice(clauseStart + 1, m.index + m[0].length);
    if (!/开展|组织|参加|参与|举办/.test(clause)) continue;
    const end = m.index + m[0].length;
    let j = m.index;
    while (j > clauseStart + 1 && m.index - j < 12) {
      const c = text[j - 1]!;
      if (!CJK_RE.test(c)) break;
      const before = text.slice(0, j);
      if (['开展', '组织', '参加', '参与', '举办', '的', '和', '及', '与', '等', '在', '确保'].some((w) => before.endsWith(w))) break;
      j--;
    }
    const np = text.slice(j, end);
    if (np.length >= 4) add(np);
  }
  return out;
}

// ───────────────────────────── the parser ─────────────────────────────

interface Candidate {
  expr: DateExpr;
  unit: number;
}

/**
 * Parses a notice into a campaign proposal (header, sections, draft tasks, events, issues).
 * See the module documentation for every rule.
 * @param text the notice as plain text (lines as in the document; `\r\n` accepted)
 * @param opts `year` (campaign year) and `issuedOn` (`YYYY-MM-DD`, anchors month/day phrases)
 * @returns the proposal; never throws on odd text — problems are listed in `issues`
 */
export function parseNotice(text: string, opts: ParseNoticeOptions = {}): ParsedNotice {
  const orig = text.replace(/\r\n?/g, '\n');
  const norm = normalise(orig);
  const issues: ParseIssue[] = [];
  const issue = (i: ParseIssue) => {
    if (!issues.some((x) => x.kind === i.kind && x.text === i.text && x.message === i.message)) issues.push(i);
  };
  const source = (start: number, len: number) => orig.slice(start, start + len).trim();

  // ── lines
  const lines: Paragraph[] = [];
  {
    let off = 0;
    for (const l of norm.split('\n')) {
      lines.push({ text: l, start: off });
      off += l.length + 1;
    }
  }

  // ── header: title, 文号, addressees
  let i = 0;
  const titleLines: string[] = [];
  let docNumber: string | null = null;
  while (i < lines.length && titleLines.length < 4) {
    const t = lines[i]!.text.trim();
    if (!t) {
      if (titleLines.length) break;
      i++;
      continue;
    }
    if (DOC_NO_RE.test(t) && t.length <= 30) {
      docNumber = t;
      i++;
      continue;
    }
    if (/[：:]\s*$/.test(t) || headingOf(t) || /[。；！？]/.test(t)) break;
    titleLines.push(t);
    i++;
  }
  const title = titleLines.length ? titleLines.join('') : null;
  let addressees: string[] = [];
  let bodyStart = i;
  for (let k = i, seen = 0; k < lines.length && seen < 3; k++) {
    const t = lines[k]!.text.trim();
    if (!t) continue;
    seen++;
    if (/[：:]\s*$/.test(t) && t.length <= 100 && !/[。]/.test(t) && !headingOf(t)) {
      addressees = t
        .replace(/[：:]\s*$/, '')
        .split(/[、，,；;]/)
        .map((x) => x.trim())
        .filter(Boolean);
      bodyStart = k + 1;
      break;
    }
  }

  // ── signature (organ + date lines at the end)
  let bodyEnd = lines.length;
  while (bodyEnd > bodyStart && !lines[bodyEnd - 1]!.text.trim()) bodyEnd--;
  let signedOn: string | null = null;
  let signer: string | null = null;
  {
    const last = lines[bodyEnd - 1];
    const sm = last ? SIGN_DATE_RE.exec(last.text) : null;
    if (sm) {
      const y = readNumber(sm[1]!);
      const mo = readNumber(sm[2]!);
      const d = readNumber(sm[3]!);
      if (y && mo && d && isRealDate(iso(y, mo, d))) signedOn = iso(y, mo, d);
      bodyEnd--;
      const prev = lines[bodyEnd - 1]?.text.trim() ?? '';
      if (prev && prev.length <= 30 && !/[。，：:]/.test(prev) && ORG_SUFFIXES.some((suf) => prev.endsWith(suf))) {
        signer = prev;
        bodyEnd--;
      }
    }
  }

  // ── issuer
  let issuer: string | null = null;
  if (title) {
    const m = /^(.{2,40}?)关于/.exec(title);
    if (m && ORG_SUFFIXES.some((suf) => m[1]!.endsWith(suf))) issuer = m[1]!;
  }
  issuer ??= signer;

  // ── options
  let optYear: number | null = null;
  if (opts.year != null) {
    if (Number.isInteger(opts.year) && opts.year >= 2000 && opts.year <= 2100) optYear = opts.year;
    else issue({ kind: 'invalid_option', message: `年份参数无效：${opts.year}`, text: String(opts.year) });
  }
  let issuedOn: string | null = null;
  if (opts.issuedOn != null) {
    if (isRealDate(opts.issuedOn)) issuedOn = opts.issuedOn;
    else issue({ kind: 'invalid_option', message: `发文日期参数无效：${opts.issuedOn}`, text: opts.issuedOn });
  }
  issuedOn ??= signedOn;

  // ── sections and blocks
  const bodyLines = lines.slice(bodyStart, bodyEnd);
  const cnNumbers = new Set<number>();
  for (const l of bodyLines) {
    const h = headingOf(l.text);
    if (h?.style === 'cn') cnNumbers.add(h.number);
  }
  const blocks: Block[] = [{ sectionNumber: null, kind: 'preamble', paragraphs: [] }];
  const headingStyles: Array<{ number: number; style: 'cn' | 'ar'; label: string }> = [];
  const maxCn = Math.max(0, ...cnNumbers);
  let expected = 1;
  let prevArabic: number | null = null; // number of the previous line when it was an Arabic-numbered item
  for (const l of bodyLines) {
    if (!l.text.trim()) continue;
    const h = headingOf(l.text);
    // In a document numbered 一、二、…, an Arabic line stands for a section only when it fills a gap
    // (no Chinese heading with its number, a later one exists) and is not part of a 1、2、3、 sub-list.
    const arabicOk =
      !h ||
      h.style === 'cn' ||
      cnNumbers.size === 0 ||
      (!cnNumbers.has(h.number) && maxCn > h.number && prevArabic !== h.number - 1);
    const accept = h && h.number === expected && arabicOk && h.rest.length > 0;
    prevArabic = h?.style === 'ar' ? h.number : null;
    if (h && accept) {
      expected++;
      headingStyles.push({ number: h.number, style: h.style, label: h.label });
      const restStart = l.start + l.text.length - h.rest.length;
      const stop = h.rest.search(/[。；]/);
      const block: Block = { sectionNumber: h.number, kind: 'section', label: h.label, paragraphs: [] };
      if (stop >= 0 && stop < h.rest.length - 1) {
        block.heading = { text: h.rest.slice(0, stop).trim(), start: restStart };
        const bodyText = h.rest.slice(stop + 1);
        const lead = bodyText.length - bodyText.trimStart().length;
        block.paragraphs.push({ text: bodyText.trim(), start: restStart + stop + 1 + lead });
      } else block.heading = { text: h.rest.replace(/[。；]\s*$/, '').trim(), start: restStart };
      blocks.push(block);
      continue;
    }
    const lead = l.text.length - l.text.trimStart().length;
    blocks[blocks.length - 1]!.paragraphs.push({ text: l.text.trim(), start: l.start + lead });
  }
  // closing part: after the first paragraph of the last block
  {
    const last = blocks[blocks.length - 1]!;
    const k = last.paragraphs.findIndex((p, idx) => idx >= 1 && CLOSING_RE.test(p.text));
    if (k >= 1) blocks.push({ sectionNumber: null, kind: 'closing', paragraphs: last.paragraphs.splice(k) });
  }
  const styleCount = { cn: 0, ar: 0 };
  for (const h of headingStyles) styleCount[h.style]++;
  const major = styleCount.cn >= styleCount.ar ? 'cn' : 'ar';
  for (const h of headingStyles)
    if (h.style !== major)
      issue({
        kind: 'irregular_heading',
        message: `第${h.number}部分标题编号格式不规范（“${h.label}、”），已按第${h.number}部分处理`,
        text: `${h.label}、`,
        sectionNumber: h.number,
      });

  const sentences: Sentence[] = [];
  blocks.forEach((b, bi) => {
    if (b.heading) for (const p of splitSentences(b.heading)) sentences.push({ ...p, block: bi, sectionNumber: b.sectionNumber, isHeading: true });
    for (const para of b.paragraphs)
      for (const p of splitSentences(para)) sentences.push({ ...p, block: bi, sectionNumber: b.sectionNumber, isHeading: false });
  });

  // ── theme
  const themeM = /主题(?:是|为)?\s*[:：]?\s*“([^”]{2,60})”/.exec(norm.slice(lines[bodyStart]?.start ?? 0));
  const theme = themeM ? source((lines[bodyStart]?.start ?? 0) + themeM.index + themeM[0].indexOf('“') + 1, themeM[1]!.length) : null;

  // ── year
  const bodyText = bodyLines.map((l) => l.text).join('\n');
  const yearsIn = (t: string) => [...t.matchAll(YEAR_IN_TEXT_RE)].map((m) => readNumber(m[1]!)!).filter((y) => y >= 2000 && y <= 2100);
  const titleYears = [...new Set(yearsIn(title ?? ''))];
  const bodyYears = yearsIn(bodyText);
  let year: number | null = optYear;
  if (year != null && titleYears.length === 1 && titleYears[0] !== year)
    issue({ kind: 'ambiguous_year', message: `标题年份${titleYears[0]}与指定年份${year}不一致，按指定年份处理` });
  if (year == null && titleYears.length >= 1) {
    year = titleYears[0]!;
    if (titleYears.length > 1) issue({ kind: 'ambiguous_year', message: `标题含多个年份（${titleYears.join('、')}），按${year}年处理` });
  }
  if (year == null && bodyYears.length) {
    const distinct = [...new Set(bodyYears)];
    if (distinct.length === 1) year = distinct[0]!;
    else {
      const issuedYear = issuedOn ? Number(issuedOn.slice(0, 4)) : null;
      if (issuedYear != null && distinct.includes(issuedYear)) year = issuedYear;
      else {
        const count = (y: number) => bodyYears.filter((x) => x === y).length;
        year = distinct.reduce((best, y) => (count(y) > count(best) || (count(y) === count(best) && y > best) ? y : best));
      }
      issue({ kind: 'ambiguous_year', message: `正文含多个年份（${distinct.join('、')}），按${year}年处理，请核对` });
    }
  }
  if (year == null && issuedOn) year = Number(issuedOn.slice(0, 4));
  if (year == null) issue({ kind: 'missing_year', message: '未能确定通知年份，请指定年份' });

  let anchor: string | null = issuedOn;
  let anchorLabel = '发文日期';
  if (anchor && year != null) {
    const ay = Number(anchor.slice(0, 4));
    if (ay !== year && ay !== year - 1) {
      issue({ kind: 'ambiguous_year', message: `发文日期${anchor}与通知年份${year}不符，未用于推定日期年份` });
      anchor = null;
    }
  }

  // ── date expressions per sentence
  const sentExprs = sentences.map((s) => buildExprs(s.text));
  const used = sentExprs.map((list) => list.map(() => false));

  // ── period
  let period: LocalDateRange | null = null;
  {
    const periodResolver = new YearResolver(year, anchor, anchorLabel);
    outer: for (let si = 0; si < sentences.length; si++) {
      const s = sentences[si]!.text;
      const list = sentExprs[si]!;
      for (let k = 0; k < list.length; k++) {
        const e = list[k]!;
        if (e.kind === 'month' && /于\s*$/.test(s.slice(0, e.start)) && /^\s*(?:期间)?\s*(?:在全[县市省])?\s*(?:组织|集中|统一)?\s*(?:开展|举办|实施)/.test(s.slice(e.end))) {
          const r = periodResolver.resolve(e.a);
          if (r.year != null) {
            period = { from: iso(r.year, e.a.m, 1), to: iso(r.year, e.a.m, daysInMonth(r.year, e.a.m)) };
            used[si]![k] = true;
            break outer;
          }
        }
        if (e.kind === 'range' && /活动(?:时间|期间)\s*(?:为|是|[:：])?\s*$/.test(s.slice(0, e.start))) {
          const from = periodResolver.resolve(e.a);
          const to = rangeEnd(periodResolver, e, from);
          if (from.date && to) {
            period = { from: from.date, to };
            used[si]![k] = true;
            break outer;
          }
        }
      }
    }
  }
  if (!anchor && period) {
    anchor = period.from;
    anchorLabel = '活动期间起始日';
  }
  const resolver = new YearResolver(year, anchor, anchorLabel);

  // ── impossible dates
  sentExprs.forEach((list, si) => {
    for (const e of list)
      for (const a of e.b ? [e.a, e.b] : [e.a]) {
        if (a.kind !== 'day') continue;
        if (resolver.resolve(a).impossible)
          issue({ kind: 'impossible_date', message: `日期不存在：${a.text.replace(/\s+/g, '')}`, text: a.text.replace(/\s+/g, ''), sectionNumber: sentences[si]!.sectionNumber });
      }
  });

  // ── events
  const events: NoticeEvent[] = [];
  const addEvent = (ev: NoticeEvent) => {
    if (!events.some((x) => x.name === ev.name && x.date === ev.date && x.month === ev.month)) events.push(ev);
  };
  sentences.forEach((sent, si) => {
    const s = sent.text;
    sentExprs[si]!.forEach((e, k) => {
      if (used[si]![k]) return;
      const after = s.slice(e.end);
      const src = source(sent.start, s.length);
      if (e.kind === 'month') {
        const isMonthEvent = /^\s*(?:份)?\s*(?:是|为)/.test(after) || e.a.hasFen || /(?:定|将|拟|计划)于\s*$/.test(s.slice(0, e.start));
        if (!isMonthEvent) return;
        let name: string | null = null;
        const quoted = /^\s*(?:是|为)\s*(?:第[^，。；“”]{1,4}个)?\s*(?:全国|全省|全市|全县|我县)?\s*“([^”]{2,20})”/.exec(after);
        const dui = /对([\u4e00-\u9fa5]{2,12}?)进行([\u4e00-\u9fa5]{2})/.exec(after);
        const hold = /(?:举办|举行|召开)\s*(“[^”]{2,20}”)?([\u4e00-\u9fa5]{2,14})/.exec(after);
        if (quoted) name = quoted[1]!;
        else if (dui) name = dui[1]! + dui[2]!;
        else if (hold) name = ((hold[1] ?? '') + hold[2]!).replace(/[“”]/g, '');
        if (!name) return;
        const r = resolver.resolve({ ...e.a, kind: 'month' });
        addEvent({ name, date: null, month: e.a.m, year: r.year, sourceSentence: src, sectionNumber: sent.sectionNumber });
        used[si]![k] = true;
        return;
      }
      if (e.marker !== 'none' || (e.kind !== 'day' && e.kind !== 'range')) return;
      const clause = s.slice(e.end).split(/[，,。；]/)[0] ?? '';
      if (SUBMIT_VERB_TEST_RE.test(clause)) return;
      const isM = /^\s*(?:为|是)\s*(?:全国|全省|全市|全县|我县|国家)?\s*(?:第[^，。；“”]{1,4}个)?\s*(?:“([^”]{2,20})”|([\u4e00-\u9fa5]{2,12}?(?:日|节|周)))/.exec(after);
      const holdM = /^\s*(?:在[^，。；]{1,15}?)?(?:举办|举行|召开)\s*(“[^”]{2,20}”)?([\u4e00-\u9fa5]{0,14})/.exec(after);
      let name: string | null = null;
      if (isM) name = isM[1] ?? isM[2]!;
      else if (holdM) name = ((holdM[1] ?? '') + holdM[2]!).replace(/[“”]/g, '') || null;
      if (!name) return;
      const from = resolver.resolve(e.a);
      if (e.kind === 'range') {
        const to = rangeEnd(resolver, e, from);
        addEvent({
          name,
          date: from.date,
          month: e.a.m,
          year: from.year,
          ...(from.date && to ? { window: { from: from.date, to } } : {}),
          sourceSentence: src,
          sectionNumber: sent.sectionNumber,
        });
      } else addEvent({ name, date: from.date, month: e.a.m, year: from.year, sourceSentence: src, sectionNumber: sent.sectionNumber });
      used[si]![k] = true;
    });
  });

  // ── tasks
  const tasks: DraftTask[] = [];
  const blockAssigneeHistory = new Map<number, AssigneeMention[][]>();
  const analysedUnits: Unit[][] = [];

  sentences.forEach((sent, si) => {
    const s = sent.text;
    const exprs = sentExprs[si]!;
    const dateSpans: Span[] = exprs.map((e) => ({ start: e.start, end: e.end }));
    // units: comma parts, cut again where a second candidate date starts
    const candIdx = exprs.map((e, k) => (!used[si]![k] && e.kind !== 'month' ? k : -1)).filter((k) => k >= 0);
    const cuts = new Set<number>([0, s.length]);
    for (const m of s.matchAll(/[，,；;]/g)) cuts.add(m.index + 1);
    const sorted = () => [...cuts].sort((a, b) => a - b);
    for (const k of candIdx) {
      const e = exprs[k]!;
      const bounds = sorted();
      const unitStart = bounds.filter((b) => b <= e.start).pop() ?? 0;
      const earlier = candIdx.some((j) => j !== k && exprs[j]!.start >= unitStart && exprs[j]!.start < e.start);
      if (earlier) {
        // cut before 并于/于/、 that introduces this date
        const lead = /(?:[、]|并且?|并|及|同时)?\s*(?:于|在)?\s*$/.exec(s.slice(unitStart, e.start))!;
        cuts.add(e.start - lead[0].length);
      }
    }
    const b = sorted();
    const units: Unit[] = [];
    for (let u = 0; u + 1 < b.length; u++) if (b[u + 1]! > b[u]!) units.push(analyseUnit(s, { start: b[u]!, end: b[u + 1]! }, dateSpans));
    analysedUnits[si] = units;
    const unitOf = (pos: number) => units.findIndex((u) => pos >= u.start && pos < u.end);

    // record assignees of this sentence for later sentences of the block
    const allAssignees = units.flatMap((u) => u.assignees);
    const lastGroup = lastAssigneeGroup(allAssignees, s);

    const cands: Candidate[] = candIdx.map((k) => ({ expr: exprs[k]!, unit: unitOf(exprs[k]!.start) }));
    const isBare = (u: Unit) => u.verbs.length === 0 && u.deliverables.length === 0 && u.quantities.length === 0;
    const primaries: number[][] = [];
    const candUnits = new Set(cands.map((c) => c.unit));
    cands.forEach((c, ci) => {
      const nextUnit = cands[ci + 1]?.unit ?? units.length;
      const prim = [c.unit];
      if (isBare(units[c.unit]!))
        for (let u = c.unit + 1; u < nextUnit && prim.length < 4; u++) {
          prim.push(u);
          if (units[u]!.verbs.length) break;
        }
      primaries.push(prim);
    });

    cands.forEach((c, ci) => {
      const e = c.expr;
      const prim = primaries[ci]!;
      const primUnits = prim.map((u) => units[u]!);
      const primEnd = prim[prim.length - 1]!;
      const prevEnd = ci > 0 ? primaries[ci - 1]![primaries[ci - 1]!.length - 1]! : -1;
      const leading = units.slice(prevEnd + 1, c.unit);
      const trailing = ci === cands.length - 1 ? units.slice(primEnd + 1) : [];
      const notes: string[] = [];
      const hasVerb = primUnits.some((u) => u.verbs.length > 0);
      const explicit = e.marker !== 'none';

      // deliverables
      let deliverables = primUnits.flatMap((u) => u.deliverables);
      let deliverableUnit: Unit | null = null;
      let deliverableFromEarlier = false;
      if (deliverables.length === 0)
        for (let k = leading.length - 1; k >= 0; k--)
          if (leading[k]!.deliverables.length) {
            deliverableUnit = leading[k]!;
            deliverables = deliverableUnit.deliverables;
            break;
          }
      if (deliverables.length === 0 && ci === 0 && si > 0) {
        const prev = sentences[si - 1]!;
        const prevUnits = analysedUnits[si - 1];
        const prevHasTask = tasks.some((t) => t.sourceSentence === source(prev.start, prev.text.length));
        if (prev.block === sent.block && prevUnits && !prevHasTask) {
          const found = prevUnits.flatMap((u) => u.deliverables);
          if (found.length) {
            deliverables = found.map((d) => ({ ...d, np: nounPhrase(prev.text, d.start, d.end) }));
            deliverableFromEarlier = true;
            notes.push('报送内容取自上一句');
          }
        }
      }
      const quantities = [...primUnits.flatMap((u) => u.quantities), ...(deliverableUnit ? deliverableUnit.quantities : [])];
      const countQty = quantities.find((q) => UNIT_KINDS[q.unit]?.includes('count') && (UNIT_KINDS[q.unit]?.length ?? 0) === 1);

      // a plain date (no 前/截至) is a deadline only when the clause asks for something
      if (!explicit && !hasVerb && deliverables.length === 0 && !countQty) {
        if (e.kind === 'range') {
          const action = actionPhrase(s, e, primUnits);
          if (action) {
            const from = resolver.resolve(e.a);
            const to = rangeEnd(resolver, e, from);
            addEvent({
              name: action,
              date: from.date,
              month: e.a.m,
              year: from.year,
              ...(from.date && to ? { window: { from: from.date, to } } : {}),
              sourceSentence: source(sent.start, s.length),
              sectionNumber: sent.sectionNumber,
            });
            return;
          }
        }
        if (!resolver.resolve(e.a).impossible)
          issue({ kind: 'unassigned_date', message: `日期“${e.text.trim()}”未对应报送任务或活动，请核对`, text: e.text.trim(), sectionNumber: sent.sectionNumber });
        return;
      }

      // deadline
      let deadline: TaskDeadline | null = null;
      let window: LocalDateRange | undefined;
      let lowDate = false;
      const from = resolver.resolve(e.a);
      if (e.kind === 'range') {
        const endAtom = e.b!;
        const to = resolver.resolve(endAtom);
        if (from.impossible || to.impossible) {
          lowDate = true;
          notes.push(`日期不存在：${(from.impossible ? e.a : endAtom).text.replace(/\s+/g, '')}，未推定期限`);
        } else {
          const toDate = rangeEnd(resolver, e, from);
          if (from.date && toDate) {
            window = { from: from.date, to: toDate };
            deadline = { date: toDate, ...(e.time ? { time: e.time } : {}) };
          } else lowDate = true;
          if (from.note) notes.push(from.note);
        }
      } else if (from.impossible) {
        lowDate = true;
        notes.push(`日期不存在：${e.a.text.replace(/\s+/g, '')}，未推定期限`);
      } else if (from.date) {
        deadline = { date: from.date, ...(e.time ? { time: e.time } : {}) };
        if (from.note) notes.push(from.note);
      } else {
        lowDate = true;
        notes.push('年份未知，未换算期限');
      }
      if (deadline && issuedOn && deadline.date < issuedOn) notes.push(`期限早于发文日期${issuedOn}`);
      if (!explicit) notes.push(e.kind === 'range' ? '按时间段末日截止' : '未写“前”，按当日截止');

      // assignee
      let group: AssigneeMention[] | null = null;
      let assigneeFromEarlier = false;
      {
        const primAssignees = primUnits.flatMap((u) => u.assignees);
        const verbPos = primUnits.flatMap((u) => u.verbs)[0]?.start;
        group = lastAssigneeGroup(primAssignees, s, verbPos) ?? lastAssigneeGroup(primAssignees, s);
        if (!group) group = lastAssigneeGroup(units.slice(0, c.unit).flatMap((u) => u.assignees), s);
        if (!group) {
          const hist = blockAssigneeHistory.get(sent.block);
          const h = hist?.[hist.length - 1];
          if (h) {
            group = h;
            assigneeFromEarlier = true;
          }
        }
      }
      const scopes: Array<{ scope: AssigneeScope; types?: InstitutionType[]; text: string | null }> = [];
      if (group)
        for (const a of group) {
          const same = scopes.find((x) => x.scope === a.scope);
          if (same) {
            if (a.types) same.types = [...new Set([...(same.types ?? []), ...a.types])];
            same.text = `${same.text}、${a.text}`;
          } else scopes.push({ scope: a.scope, ...(a.types ? { types: [...a.types] } : {}), text: a.text });
        }
      if (scopes.length === 0) scopes.push({ scope: 'unspecified', text: null });
      if (assigneeFromEarlier) notes.push('报送单位承接前文');
      if (scopes.length > 1) notes.push(`同一要求涉及${scopes.map((x) => x.text).join('、')}，已按单位类别分别生成任务`);

      // recipient: own clause, then a later clause, then a shared 「均报…」 clause of the sentence
      let recipient =
        primUnits.flatMap((u) => u.recipients)[0]?.name ??
        trailing.flatMap((u) => u.recipients)[0]?.name ??
        leading.flatMap((u) => u.recipients).pop()?.name ??
        null;
      if (!recipient) {
        const owned = new Set(primaries.flat());
        const shared = units.find((u, k) => !owned.has(k) && u.recipients.length && u.deliverables.length === 0 && !candUnits.has(k));
        if (shared) {
          recipient = shared.recipients[0]!.name;
          notes.push('报送对象取自同句');
        }
      }

      // quantities → deliverables
      let qtys = quantities;
      if (qtys.length === 0 && trailing.length) qtys = trailing.flatMap((u) => u.quantities);
      type Item = { kind: DeliverableKind; np: string; generic: boolean; pos: number; qty: QuantityMention | null };
      const items: Item[] = deliverables.map((d) => ({ kind: d.kind, np: d.np, generic: d.generic, pos: d.start, qty: null }));
      if (items.length === 0) {
        const q = countQty ?? null;
        const action = actionPhrase(s, e, primUnits);
        items.push({ kind: q ? 'count' : 'document', np: action ?? '', generic: true, pos: e.end, qty: q });
        if (!q) notes.push('未识别到明确的报送内容，请核实');
      } else {
        for (const q of qtys) {
          const fits = (it: Item) => UNIT_KINDS[q.unit]?.includes(it.kind) ?? false;
          if (q.each) {
            for (const it of items) if (it.pos < q.start && !it.qty && fits(it)) it.qty = q;
            continue;
          }
          const pool = items.filter((it) => !it.qty && fits(it));
          if (pool.length === 0) continue;
          const dist = (it: Item) => (it.pos <= q.start ? q.start - it.pos : (it.pos - q.start) * 4);
          pool.sort((x, y) => dist(x) - dist(y));
          pool[0]!.qty = q;
        }
      }

      const sourceSentence = source(sent.start, s.length);
      for (const it of items) {
        for (const sc of scopes) {
          const tnotes = [...notes];
          let quantity: number | null = it.qty?.value ?? null;
          let unit: string | null = it.qty?.unit ?? null;
          if (quantity == null && it.kind === 'summary_report') {
            quantity = 1;
            unit = DEFAULT_UNIT.summary_report;
            tnotes.push('未写明数量，默认1份');
          }
          if (it.qty?.minimum) tnotes.push(`数量为下限（${it.qty.qualifier}${it.qty.value}${it.qty.unit}）`);
          if (sc.scope === 'unspecified') tnotes.push('未识别到报送单位');
          if (!recipient) tnotes.push('未写明报送对象');
          const noDeliverable = deliverables.length === 0 && it.kind !== 'count';
          let confidence: Confidence = 'high';
          if (
            !explicit ||
            it.generic ||
            sc.scope === 'unspecified' ||
            assigneeFromEarlier ||
            deliverableFromEarlier ||
            !recipient ||
            scopes.length > 1 ||
            (deliverables.length === 0 && it.kind === 'count')
          )
            confidence = 'medium';
          if (lowDate || !deadline || noDeliverable) confidence = 'low';
          const verb = hasVerb || deliverables.length ? '报送' : '';
          const title = deliverables.length ? `${verb}${it.np}` : it.np || `完成${e.text.trim()}的工作`;
          tasks.push({
            title,
            deliverableKind: it.kind,
            quantity,
            unit,
            quantityIsMinimum: Boolean(it.qty?.minimum),
            assigneeScope: sc.scope,
            ...(sc.scope === 'each_institution_of_types' ? { institutionTypes: sc.types ?? [] } : {}),
            assigneeText: sc.text,
            recipient,
            deadline,
            ...(window ? { window } : {}),
            deadlineText: (e.prefix + e.text).trim(),
            sourceSentence,
            sectionNumber: sent.sectionNumber,
            confidence,
            notes: tnotes,
          });
        }
      }
      used[si]![exprs.indexOf(e)] = true;
    });

    if (lastGroup) {
      const hist = blockAssigneeHistory.get(sent.block) ?? [];
      hist.push(lastGroup);
      blockAssigneeHistory.set(sent.block, hist);
    }

    // submissions without a date
    const hasDayDate = exprs.some((e) => e.kind !== 'month');
    const rec = new RegExp(`每\\s*(?:个)?\\s*(?:月|季度|周|半年)\\s*(?:${NUM}\\s*[日号])?\\s*(?:前|之前|以前)`).exec(s);
    if (!sent.isHeading && !hasDayDate && !rec && units.some((u) => u.verbs.length && (u.deliverables.length || u.recipients.length)))
      issue({ kind: 'undated_submission', message: '有报送要求但未写明期限，未生成任务', text: source(sent.start, s.length), sectionNumber: sent.sectionNumber });
    if (rec) issue({ kind: 'recurring_deadline', message: `周期性期限“${rec[0]}”未生成任务，请手工设置`, text: rec[0], sectionNumber: sent.sectionNumber });
  });

  if (tasks.length === 0) issue({ kind: 'no_tasks', message: '未识别到带期限的报送任务' });

  // ── sections with activities
  const exclude = new Set<string>();
  for (const m of (title ?? '').matchAll(/“([^”]+)”/g)) exclude.add(m[1]!);
  if (theme) exclude.add(theme);
  const sections: NoticeSection[] = blocks
    .filter((bl) => bl.kind === 'section')
    .map((bl) => {
      const heading = bl.heading ? source(bl.heading.start, bl.heading.text.length) : '';
      const textOut = bl.paragraphs.map((p) => source(p.start, p.text.length)).join('\n');
      return {
        number: bl.sectionNumber!,
        label: bl.label!,
        heading,
        text: textOut,
        activities: extractActivities(`${bl.heading?.text ?? ''}。${bl.paragraphs.map((p) => p.text).join('\n')}`, exclude),
      };
    });
  const joinBlock = (kind: Block['kind']) =>
    blocks
      .filter((bl) => bl.kind === kind)
      .flatMap((bl) => bl.paragraphs.map((p) => source(p.start, p.text.length)))
      .join('\n');

  return {
    title,
    issuer,
    docNumber,
    addressees,
    theme,
    year,
    issuedOn,
    period,
    preamble: joinBlock('preamble'),
    sections,
    closing: joinBlock('closing'),
    tasks,
    events,
    issues,
  };
}

/** End date of a range expression, rolled into the next year when it would precede the start. */
function rangeEnd(resolver: YearResolver, e: DateExpr, from: ResolvedDate): string | null {
  if (!e.b || !from.date) return null;
  if (e.b.y != null) return resolver.resolve(e.b).date;
  const fy = Number(from.date.slice(0, 4));
  const d = e.b.d!;
  if (e.b.m < 1 || e.b.m > 12 || d < 1 || d > daysInMonth(fy, e.b.m)) return null;
  let to = iso(fy, e.b.m, d);
  if (to < from.date) {
    if (d > daysInMonth(fy + 1, e.b.m)) return null;
    to = iso(fy + 1, e.b.m, d);
  }
  return to;
}

/** The action after a date (完成整改, 开展应急疏散演练), without assignees, quantities and particles. */
function actionPhrase(s: string, e: DateExpr, primUnits: Unit[]): string | null {
  const last = primUnits[primUnits.length - 1]!;
  let t = s.slice(e.end, last.end);
  for (const u of primUnits) for (const a of [...u.assignees, ...u.quantities]) t = t.replace(s.slice(a.start, a.end), '');
  t = t
    .replace(/^[\s，,、：:]+/, '')
    .replace(/^(?:要|须|需|应|务必|请|均|将|全面|认真|及时|统一|集中|组织)+/, '')
    .split(/[，,。；！？]/)[0]!
    .trim();
  t = t.replace(/(?:不少于|至少|不低于|最少)$/, '');
  if (t.length < 2) return null;
  return t.length > 14 ? t.slice(0, 14) : t;
}

/**
 * A campaign's name from a notice title: what the notice is about, without the issuer and the
 * 关于开展…的通知 frame — 「德化县民政局关于开展2024年全县民政服务机构“安全生产月”活动的通知」 →
 * 「2024年全县民政服务机构“安全生产月”活动」. A title without that frame is kept as it is.
 * @param title the parsed notice title
 * @returns the name, at most 200 characters
 */
export function campaignNameFromTitle(title: string): string {
  const m = /关于(?:组织开展|认真开展|深入开展|开展|组织|做好|举办|印发)?(.+?)(?:的|有关事项的|相关工作的)?(?:通知|方案|实施方案)$/.exec(title.trim());
  const name = (m?.[1]?.trim() || title.trim()).replace(/^《(.+)》$/, '$1');
  return name.slice(0, 200);
}
