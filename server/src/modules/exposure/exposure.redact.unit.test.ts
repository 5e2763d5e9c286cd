import { describe, expect, it } from 'vitest';
import { redactText, type RedactionMasks, institutionNameVariants } from './exposure.redact.ts';

const MASKS: RedactionMasks = { id_card: '〔身份证号〕', mobile: '〔手机号〕', landline: '〔电话〕', name: '某某', institution: '该机构' };

describe('redactText', () => {
  it('masks mainland mobile numbers in their usual spellings', () => {
    const r = redactText('请联系13800138000或+86 139-1234-5678，备用 86 150 1234 5678。', MASKS);
    expect(r.text).toBe('请联系〔手机号〕或〔手机号〕，备用 〔手机号〕。');
    expect(r.hits.mobile).toBe(3);
  });

  it('does not take longer digit runs or amounts for phone numbers', () => {
    const r = redactText('罚款 30000 元，订单号 2138001380001，面积 120 平方米', MASKS);
    expect(r.text).toBe('罚款 30000 元，订单号 2138001380001，面积 120 平方米');
  });

  it('masks 18- and 15-digit resident ID numbers, with an X check digit', () => {
    const r = redactText('身份证350526199001011234，另一人35052619800101123X，旧证350526800101123。', MASKS);
    expect(r.text).toBe('身份证〔身份证号〕，另一人〔身份证号〕，旧证〔身份证号〕。');
    expect(r.hits.id_card).toBe(3);
  });

  it('masks landlines with area code', () => {
    expect(redactText('值班电话0595-23512345转8', MASKS).text).toBe('值班电话〔电话〕');
  });

  it('masks names introduced by a cue word and surnames with a form of address', () => {
    const r = redactText('举报人王小明反映，院长：陈大伟未整改，护工李芳在场；张先生和欧阳女士也看到了。', MASKS);
    expect(r.text).toBe('举报人某某反映，院长：某某未整改，护工某某在场；某先生和某女士也看到了。');
    expect(r.hits.name).toBe(5);
  });

  it('keeps the words after a name and leaves masked forms alone', () => {
    expect(redactText('负责人张三已整改；负责人张某已签字', MASKS).text).toBe('负责人某某已整改；负责人张某已签字');
    expect(redactText('老人居住的二楼', MASKS).text).toBe('老人居住的二楼');
  });

  it('masks known names exactly, and the institution name when hidden', () => {
    const r = redactText('浔中镇幸福敬老院安全员黄志强称已清理', MASKS, { knownNames: ['黄志强'], institutionName: '浔中镇幸福敬老院', hideInstitution: true });
    expect(r.text).toBe('该机构安全员某某称已清理');
    expect(r.hits).toMatchObject({ name: 1, institution: 1 });
    expect(redactText('浔中镇幸福敬老院', MASKS, { institutionName: '浔中镇幸福敬老院', hideInstitution: false }).text).toBe('浔中镇幸福敬老院');
  });
});

describe('institutionNameVariants', () => {
  it('the full name, without a leading note, without the township; never a bare generic word', () => {
    expect(institutionNameVariants('（演示）浔中镇德馨老年公寓')).toEqual(['（演示）浔中镇德馨老年公寓', '浔中镇德馨老年公寓', '德馨老年公寓']);
    expect(institutionNameVariants('龙门滩镇敬老院')).toEqual(['龙门滩镇敬老院']);
  });
});
