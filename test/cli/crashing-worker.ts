/**
 * A worker entry for the batch tests: it serves checks like the real one, except that a file starting with
 * CRASH takes the whole worker thread down, as an out-of-memory abort in a real file would.
 */
import { serveChecks } from '../../src/cli/check-worker';
import { testHost } from './workbooks';

const host = testHost(false);
serveChecks({
  ...host,
  openReceived: (buffer) => {
    if (Buffer.from(buffer.subarray(0, 5)).toString('latin1') === 'CRASH') process.exit(3);
    return host.openReceived(buffer);
  },
});
