/**
 * The redaction pass of the exposure board (曝光台): free text prepared for publication (title, body,
 * outcome) must carry no personal data (issue 5 §8 "no personal data"; 《个人信息保护法》 art. 28
 * treats ID numbers as sensitive personal information). It is a safety net, not a guarantee — the
 * editor reviews every case and a county leader approves it before anything is public.
 *
 * What is masked, in this order (each with its placeholder from the i18n catalogue, `exposure.mask.*`):
 * 1. **Resident ID numbers** (居民身份证号, GB 11643): 18 characters — 6-digit area code starting
 *    1–9, birth date 18xx/19xx/20xx + month 01–12 + day 01–31, 3-digit sequence, check digit 0–9/X —
 *    and the old 15-digit form (6 + yymmdd + 3). Not glued to other digits or letters.
 * 2. **Mainland mobile numbers**: `1[3-9]` + 9 digits, optionally `+86`/`86` in front and grouped
 *    3-4-4 by spaces or hyphens (138 0013 8000), not glued to other digits.
 * 3. **Landline numbers**: a trunk `0` + 2–3 digit area code, optional hyphen/space, 7–8 digits,
 *    optional extension (0595-23512345, 059523512345).
 * 4. **Known names**: exact names the server knows from the source (the institution's person in
 *    charge and safety officer, the hazard's responsible person) — masked wherever they appear.
 * 5. **Personal names by cue**: a word that introduces a person (姓名, 举报人, 联系人, 负责人, 院长,
 *    护工, 老人, 我叫 …), optional 「：」「是」「为」, then a common Chinese surname (the ~120
 *    commonest, two-character ones such as 欧阳 included) and one or two more characters;
 *    and a surname directly followed by a form of address (张先生, 李女士, 王阿姨, 陈师傅, 林院长).
 *    Already masked forms (张某, 某某) are left alone.
 * 6. **The institution's name** when the case hides it (`showInstitutionName` false): replaced by
 *    「该机构」 so the title and body cannot undo the policy.
 * Names in free text without a cue are not found: that is what the editor's review is for.
 */

/** Kinds of personal data the pass masks. */
export type RedactionKind = 'id_card' | 'mobile' | 'landline' | 'name' | 'institution';

/** The placeholders, by kind (from the catalogue, so the server holds no UI text of its own). */
export type RedactionMasks = Record<RedactionKind, string>;

/** One masked occurrence: what kind, and how many of them (never the original text). */
export interface RedactionHits {
  id_card: number;
  mobile: number;
  landline: number;
  name: number;
  institution: number;
}

export interface RedactionContext {
  /** names known to belong to people of this case (masked exactly) */
  knownNames?: readonly string[];
  /** the institution's name, masked when `hideInstitution` */
  institutionName?: string | null;
  hideInstitution?: boolean;
}

/** 18-digit resident ID (with check digit X) and the old 15-digit form. */
export const ID_CARD_RE = /(?<![0-9A-Za-z])(?:[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]|[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})(?![0-9A-Za-z])/g;

/** Mainland mobile number, optionally +86 and grouped 3-4-4. */
export const MOBILE_RE = /(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?![0-9])/g;

/** Landline with area code (0 + 2–3 digits), optional extension. */
export const LANDLINE_RE = /(?<![0-9])0\d{2,3}[- ]?\d{7,8}(?:[-转]\d{1,6})?(?![0-9])/g;

/** Common Chinese surnames (two-character ones first so that 欧阳 wins over 欧). */
const SURNAMES_2 = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '令狐', '夏侯'];
const SURNAMES_1 =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤颜连庄涂温洪柯赖詹骆苗佘饶卓章鲁葛康伍池郭翁蓝施';

const SURNAME = `(?:${SURNAMES_2.join('|')}|[${SURNAMES_1}])`;
/** A character of a given name: CJK, but not the function words that commonly follow a name (已, 在, 的 …). */
const GIVEN = '(?:(?![已在于的了和与及等是对将把被说称未没不也都就还又从向到让给同因])[\\u4e00-\\u9fa5])';

/** Words that introduce a person. */
const CUES = [
  '姓名', '名叫', '叫做', '我叫', '本人', '举报人', '反映人', '联系人', '负责人', '法定代表人', '法人代表', '法人', '院长', '副院长',
  '主任', '经理', '老板', '安全员', '管理员', '护理员', '护工', '保安', '门卫', '厨师', '员工', '职工', '工作人员', '值班人员', '老人',
  '住户', '居民', '家属', '村民', '业主', '责任人',
];
const ADDRESS_FORMS = ['先生', '女士', '小姐', '师傅', '阿姨', '大爷', '大妈', '大姐', '大哥', '奶奶', '爷爷', '老师', '院长', '经理', '主任', '老板', '护工'];

/** cue + optional separator + surname + 1–2 given characters (the name is group 2). */
const CUE_NAME_RE = new RegExp(`(${CUES.join('|')})([：:\\s]*|是|为)(${SURNAME}${GIVEN}{1,2})`, 'g');
/** surname + form of address (张先生). */
const ADDRESS_RE = new RegExp(`(${SURNAME})(${ADDRESS_FORMS.join('|')})`, 'g');

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Zero hits. */
export const noHits = (): RedactionHits => ({ id_card: 0, mobile: 0, landline: 0, name: 0, institution: 0 });

/**
 * Masks personal data in one text (see the module comment for the patterns and their order).
 * @param text free text (a title, body or outcome)
 * @param masks the placeholders by kind
 * @param ctx known names and the institution policy of the case
 * @returns the masked text and how many occurrences of each kind were masked
 */
export function redactText(text: string, masks: RedactionMasks, ctx: RedactionContext = {}): { text: string; hits: RedactionHits } {
  const hits = noHits();
  const count = (kind: RedactionKind) => () => {
    hits[kind]++;
    return masks[kind];
  };
  // full-width digits (１３８…) are digits too: read them as such so the number patterns see them
  let out = text.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
  out = out.replace(ID_CARD_RE, count('id_card'));
  out = out.replace(MOBILE_RE, count('mobile'));
  out = out.replace(LANDLINE_RE, count('landline'));
  const known = [...new Set((ctx.knownNames ?? []).map((n) => n.trim()).filter((n) => n.length >= 2))].sort((a, b) => b.length - a.length);
  for (const name of known) out = out.replace(new RegExp(escapeRe(name), 'g'), count('name'));
  out = out.replace(CUE_NAME_RE, (m, cue: string, sep: string, name: string) => {
    // 张某 / 王某某 are already masked
    if (/某/.test(name)) return m;
    hits.name++;
    return `${cue}${sep}${masks.name}`;
  });
  out = out.replace(ADDRESS_RE, (_m, _surname: string, form: string) => {
    hits.name++;
    return `${masks.name.replace(/某+$/, '某')}${form}`;
  });
  if (ctx.hideInstitution && ctx.institutionName && ctx.institutionName.trim().length >= 2) {
    for (const v of institutionNameVariants(ctx.institutionName)) out = out.replace(new RegExp(escapeRe(v), 'g'), count('institution'));
  }
  return { text: out, hits };
}

/**
 * The ways a text may name an institution: its full name, without a leading note such as （演示）,
 * and without the leading township (浔中镇德馨老年公寓 → 德馨老年公寓) — longest first, at least 4
 * characters so a bare 敬老院 is not taken for a name.
 */
export function institutionNameVariants(name: string): string[] {
  const full = name.trim();
  const noNote = full.replace(/^[（(][^）)]{1,6}[）)]/, '');
  const noTownship = noNote.replace(/^[\u4e00-\u9fa5]{1,4}?[镇乡]/, '');
  return [...new Set([full, noNote, noTownship])].filter((v) => v.length >= 4).sort((a, b) => b.length - a.length);
}

/** Adds hit counts. */
export function addHits(a: RedactionHits, b: RedactionHits): RedactionHits {
  return { id_card: a.id_card + b.id_card, mobile: a.mobile + b.mobile, landline: a.landline + b.landline, name: a.name + b.name, institution: a.institution + b.institution };
}
