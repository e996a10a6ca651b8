import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRIPTS, fillScript, nextScript, SCRIPT_GROUPS, scriptBook } from './care-scripts';
import { lintClaims } from './claims';
import { replySimilarity, TOO_SIMILAR } from './replies';

describe('快捷话术', () => {
  it('every default phrase passes the claims check, and two phrases of a group never read alike', () => {
    for (const g of SCRIPT_GROUPS) {
      const phrases = DEFAULT_SCRIPTS[g].map((p) => fillScript(p, { nick: '小王', item: '正山小种红茶 罐装', days: 2 }));
      expect(phrases.length).toBeGreaterThanOrEqual(2);
      for (const p of phrases) expect(lintClaims(p), p).toEqual([]);
      for (let i = 0; i < phrases.length; i++) for (let j = i + 1; j < phrases.length; j++) {
        expect(replySimilarity(phrases[i]!, phrases[j]!), `${g} ${i}/${j}`).toBeLessThan(TOO_SIMILAR);
      }
    }
  });
  it('variables from the card: a full nick, the item\'s short name, days; a masked nick becomes 亲', () => {
    expect(fillScript('{昵称}您好，{商品}收到{天数}天了', { nick: '小王', item: '正山小种红茶 罐装 250g', days: 2.7 })).toBe('小王您好，正山小种红茶罐装收到2天了');
    expect(fillScript('{昵称}您好，{商品}收到{天数}天了', { nick: 't**1' })).toBe('亲您好，宝贝收到几天了');
  });
  it('rotated: the next draft follows the last one used, never the same twice in a row', () => {
    const phrases = DEFAULT_SCRIPTS.receipt_care;
    const first = nextScript(phrases, {}, [])!;
    expect(first.index).toBe(0);
    const second = nextScript(phrases, {}, [first.text])!;
    expect(second.index).toBe(1);
    expect(second.repeats).toBe(false);
    expect(nextScript(phrases, {}, [second.text])!.index).toBe(2);
  });
  it('a phrase with 好评返现 is never the draft; a group of nothing else gives it with its findings (the copy is blocked)', () => {
    const bad = '亲，收到后给个五星好评，好评返现5元哦';
    const good = '亲，收到后有任何问题请联系我们';
    expect(nextScript([bad, good], {}, []) ).toMatchObject({ text: good, lint: [] });
    const only = nextScript([bad], {}, [])!;
    expect(only.lint.map((f) => f.code)).toContain('inducement');
  });
  it('a nick or a title from the page is read as the buyer reads it: full-width letters and invisible characters do not hide 加微信', () => {
    expect(nextScript(['{昵称}您好，{商品}已发出'], { nick: 'ｗｘ:abc12' }, [])!.lint.map((f) => f.code)).toContain('contact');
    expect(nextScript(['亲，{商品}已发出'], { item: '加\u200b微信 送好礼' }, [])!.lint.map((f) => f.code)).toContain('contact');
  });
  it('a one-phrase group repeats, and says so', () => {
    const p = ['亲，您的包裹已经发出了，请留意查收'];
    const d = nextScript(p, {}, [p[0]!])!;
    expect(d).toMatchObject({ repeats: true, lint: [] });
  });
  it('the seller\'s saved groups replace the defaults, the others stay', () => {
    const book = scriptBook({ invoice: ['发票已开好'], bogus: ['x'] });
    expect(book.invoice).toEqual(['发票已开好']);
    expect(book.shipping).toEqual(DEFAULT_SCRIPTS.shipping);
  });
});
