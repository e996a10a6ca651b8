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
