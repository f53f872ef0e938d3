/**
 * Loaded into a server under test with `--import` (and `--expose-gc`): answers `{probe: 'memory'}`
 * on the IPC channel with the heap and RSS after two full collections. Bench code, not Kring's:
 * the server itself is unchanged.
 */
import { writeHeapSnapshot } from 'node:v8';

interface ProbeRequest {
  probe?: string;
  path?: string;
}

const collect = (globalThis as { gc?: () => void }).gc;

if (process.send) {
  process.on('message', (message: ProbeRequest) => {
    if (message?.probe === 'heapsnapshot' && message.path) {
      // For finding out where memory goes (not used by the report itself).
      collect?.();
      process.send?.({ probe: 'heapsnapshot', path: writeHeapSnapshot(message.path) });
      return;
    }
    if (message?.probe !== 'memory') {
      return;
    }
    collect?.();
    collect?.();
    const usage = process.memoryUsage();
    process.send?.({ probe: 'memory', heapUsed: usage.heapUsed, rss: usage.rss, external: usage.external });
  });
  // The channel must not keep a server alive that is asked to stop.
  process.channel?.unref();
}
