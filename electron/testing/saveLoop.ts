/**
 * A child process for atomicWrite's kill test: saves a ~1 MB document over and over until killed,
 * printing one line once the first save is done.
 */
import { atomicWrite } from '../atomicWrite.ts';

const target = process.argv[2];
const fill = 'x'.repeat(1_000_000);
let n = 0;
await atomicWrite(target, JSON.stringify({ n, fill }));
process.stdout.write('ready\n');
for (;;) {
  n++;
  await atomicWrite(target, JSON.stringify({ n, fill }));
}
