/**
 * A worker entry for the batch tests: it serves checks like the real one, except for files starting with a
 * marker: CRASH takes the whole worker thread down, HANG never returns (a loop no timer inside the thread
 * can interrupt), HOG allocates until the worker's heap cap ends it.
 */
import { serveChecks } from '../../src/cli/check-worker';
import { testHost } from './workbooks';

const host = testHost(false);
serveChecks({
  ...host,
  openReceived: (buffer) => {
    const marker = Buffer.from(buffer.subarray(0, 5)).toString('latin1');
    if (marker === 'CRASH') process.exit(3);
    if (marker === 'HANG:') for (;;);
    if (marker === 'HOG: ') {
      const kept: number[][] = [];
      for (;;) kept.push(new Array<number>(1e6).fill(kept.length + 0.5));
    }
    return host.openReceived(buffer);
  },
});
