// npm run --silent eval:reviews -- INPUT.csv [--train TRAIN.csv]: the command an outside check runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '@/utils/crm/csv';

const root = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'laoke-eval-'));
const run = (...args: string[]) => execFileSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'tests/eval/reviews-cli.ts'), ...args], { cwd: root, encoding: 'utf8' });

describe('eval:reviews', () => {
  const input = path.join(dir, 'in.csv');
  writeFileSync(input, 'id,cat,review\r\nr1,茶,"快递太慢了，盒子也压坏了"\r\nr2,茶,很好喝，下次还来\r\n\r\nr3,茶,"说""好""的呢？\n两行"\r\n-4,茶,\r\n');

  it('writes id,sentiment,aspects for every input row, in order, with the lexicon', () => {
    const out = run(input);
    expect(out.endsWith('\n')).toBe(true);
    expect(out.includes('\r')).toBe(false);
    const [header, ...rows] = parseCsv(out);
    expect(header).toEqual(['id', 'sentiment', 'aspects']);
    // Every row in order, a blank line skipped, ids exactly as given (-4 is not neutralised for Excel).
    expect(rows.map((r) => r[0])).toEqual(['r1', 'r2', 'r3', '-4']);
    expect(rows.every((r) => ['pos', 'neu', 'neg'].includes(r[1]!))).toBe(true);
    expect(rows[0]).toEqual(['r1', 'neg', 'logistics:-;damage:-']);
    expect(rows[1]![1]).toBe('pos');
    expect(rows[3]).toEqual(['-4', 'neu', '']);
  });

  it('learns first from a training file with stars (3 stars teach nothing) or labels', () => {
    // This shop's buyers praise with 绝绝子 and complain with 踩雷: words the lexicon does not know.
    const stars = ['review,stars', ...Array.from({ length: 60 }, (_, i) => `第${i}次买，绝绝子,5\n第${i}次买，踩雷,1\n第${i}次买，一般,3`)].join('\n');
    const train = path.join(dir, 'train.csv');
    writeFileSync(train, stars);
    const probe = path.join(dir, 'probe.csv');
    writeFileSync(probe, 'id,review\na,又买了，绝绝子\nb,又买了，踩雷\n');
    expect(parseCsv(run(probe, '--train', train)).slice(1).map((r) => r[1])).toEqual(['pos', 'neg']);
    const labels = path.join(dir, 'labels.csv');
    writeFileSync(labels, ['review,label', ...Array.from({ length: 60 }, (_, i) => `第${i}次买，绝绝子,1\n第${i}次买，踩雷,0`)].join('\n'));
    expect(parseCsv(run(probe, `--train=${labels}`)).slice(1).map((r) => r[1])).toEqual(['pos', 'neg']);
  }, 30_000);

  it('a file without id and review columns is refused with a message', () => {
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'text\n好\n');
    expect(() => run(bad)).toThrow(/needs the columns id and review/);
  });
});
