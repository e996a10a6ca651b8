// npm run --silent clv -- fit FILE --calibration-end YYYY-MM-DD
// npm run --silent clv -- predict FILE --calibration-end YYYY-MM-DD --horizon-days N
// FILE: CSV with the header customer_id,date,amount (date YYYY-MM-DD). Several purchases by one customer
// on one day count as one transaction. `fit` prints the BG/NBD parameters (time in weeks) as JSON;
// `predict` prints customer_id,p_alive,expected_purchases for the N days after the calibration end.
import { readFileSync } from 'node:fs';
import { dayNumber, fitCommand, predictCommand } from './clv';

const USAGE = 'usage: npm run --silent clv -- fit FILE --calibration-end YYYY-MM-DD\n'
  + '       npm run --silent clv -- predict FILE --calibration-end YYYY-MM-DD --horizon-days N';

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

// A reader that stops early (| head) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1));

const [command, ...rest] = process.argv.slice(2);
let file: string | undefined;
const options = new Map<string, string>();
for (let i = 0; i < rest.length; i++) {
  const arg = rest[i]!;
  if (arg.startsWith('--')) {
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    options.set(name, inline ?? rest[++i] ?? usage(`--${name} needs a value`));
  } else if (!file) file = arg;
  else usage(`unexpected argument ${arg}`);
}
if (command !== 'fit' && command !== 'predict') usage('the command is fit or predict');
if (!file) usage('FILE is missing');
const end = dayNumber(options.get('calibration-end') ?? '');
if (end === null) usage('--calibration-end YYYY-MM-DD is missing or not a date');

try {
  const csv = readFileSync(file, 'utf8');
  if (command === 'fit') process.stdout.write(`${fitCommand(csv, end)}\n`);
  else {
    const horizon = Number(options.get('horizon-days'));
    if (!Number.isFinite(horizon) || horizon <= 0) usage('--horizon-days N (a positive number of days) is missing');
    process.stdout.write(predictCommand(csv, end, horizon));
  }
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
