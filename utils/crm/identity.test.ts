import { describe, expect, it } from 'vitest';
import { identify, isMaskedNick } from './identity';

describe('identity: Laoke only merges buyers it can prove are one person', () => {
  it('an opaque buyer id is strong and wins over the nick', () => {
    expect(identify('taobao', '1', { id: 'AAF123', nick: 't**1' })).toEqual({ key: 'taobao:id:AAF123', strength: 'strong' });
  });

  it('a nick shown in full is strong', () => {
    expect(identify('taobao', '1', { nick: '茶客小林' })).toEqual({ key: 'taobao:nick:茶客小林', strength: 'strong' });
  });

  it('two orders by "t**1" stay two customers', () => {
    const a = identify('taobao', '100', { nick: 't**1' });
    const b = identify('taobao', '200', { nick: 't**1' });
    expect(a.strength).toBe('weak');
    expect(a.key).not.toBe(b.key);
  });

  it.each(['w**', 't**1', '阿***', '小＊＊鱼'])('%s is masked', (nick) => expect(isMaskedNick(nick)).toBe(true));
  it.each(['茶客小林', 'sunny爱喝茶', 'tb0075408'])('%s is not masked', (nick) => expect(isMaskedNick(nick)).toBe(false));
});

describe('identity on 抖店 and JD', () => {
  it('JD userPin is strong (the buyer\'s JD-wide account)', () => {
    expect(identify('jd', '301234567890', { id: 'jd_buyer01', nick: 'jd_buyer01' })).toEqual({ key: 'jd:id:jd_buyer01', strength: 'strong' });
  });

  it('抖店 user_id is probable: one buyer across orders, shown as 可能是回头客 until its scope is known', () => {
    const a = identify('douyin', '6920000000000000001', { id: 'MS4wLjABAAAA1', nick: '抖音用户1' });
    const b = identify('douyin', '6920000000000000002', { id: 'MS4wLjABAAAA1', nick: '改了昵称' });
    expect(a).toEqual({ key: 'douyin:id:MS4wLjABAAAA1', strength: 'probable' });
    expect(b.key).toBe(a.key);
  });

  it('without an id, masked receiver and region are the weak fallback: never merged', () => {
    const buyer = { nick: '抖音用户1', receiver: '张**' };
    const a = identify('douyin', '6920000000000000001', buyer, '广东省 深圳市 南山区');
    const b = identify('douyin', '6920000000000000002', buyer, '广东省 深圳市 南山区');
    expect(a.strength).toBe('weak');
    expect(a.key).not.toBe(b.key);
    expect(identify('jd', '301234567890', { nick: '' }).strength).toBe('weak');
  });

  it('a full 抖店 or JD nick proves nothing (display names are shared)', () => {
    expect(identify('douyin', '6920000000000000001', { nick: '茶客小林' }).strength).toBe('weak');
  });
});
