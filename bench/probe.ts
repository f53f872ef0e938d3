/**
 * Loaded into a server under test with `--import` (and `--expose-gc`): answers `{probe: 'memory'}`
 * on the IPC channel with the heap and RSS after two full collections. Bench code, not Kring's:
 * the server itself is unchanged.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';

interface ProbeRequest {
  probe?: string;
  path?: string;
}

const collect = (globalThis as { gc?: () => void }).gc;

// `{probe: 'loop'}`: event-loop delay and garbage collection since the last such request.
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
let gcMs = 0;
let gcCount = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcMs += entry.duration;
    gcCount++;
  }
}).observe({ entryTypes: ['gc'] });

if (process.send) {
  process.on('message', (message: ProbeRequest) => {
    if (message?.probe === 'heapsnapshot' && message.path) {
      // For finding out where memory goes (not used by the report itself).
      collect?.();
      process.send?.({ probe: 'heapsnapshot', path: writeHeapSnapshot(message.path) });
      return;
    }
    if (message?.probe === 'loop') {
      process.send?.({
        probe: 'loop',
        delayP50Ms: loopDelay.percentile(50) / 1e6,
        delayP99Ms: loopDelay.percentile(99) / 1e6,
        delayMaxMs: loopDelay.max / 1e6,
        gcMs,
        gcCount,
      });
      loopDelay.reset();
      gcMs = 0;
      gcCount = 0;
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
