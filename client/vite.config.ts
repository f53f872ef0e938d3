import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** The first page's JavaScript, gzipped, must stay within this (issue 6: fast on a cheap phone). */
const FIRST_PAGE_JS_BUDGET = 150 * 1024;

/**
 * Measures what a first visit downloads (the entry chunk and the chunks it imports statically),
 * prints it, and fails the build when it is over budget. Lazily imported pages are not counted.
 */
function firstPageBudget(): Plugin {
  return {
    name: 'kring-first-page-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(
        Object.values(bundle)
          .filter((output) => output.type === 'chunk')
          .map((chunk) => [chunk.fileName, chunk]),
      );
      const entry = [...chunks.values()].find((chunk) => chunk.isEntry);
      if (!entry) {
        return;
      }
      const seen = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = chunks.get(fileName);
        if (!chunk || seen.has(fileName)) {
          return;
        }
        seen.add(fileName);
        chunk.imports.forEach(visit);
      };
      visit(entry.fileName);
      const gzipped = [...seen].reduce(
        (sum, fileName) => sum + gzipSync(chunks.get(fileName)!.code, { level: 9 }).length,
        0,
      );
      const line = `first page JS: ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${FIRST_PAGE_JS_BUDGET / 1024} KB)`;
      if (gzipped > FIRST_PAGE_JS_BUDGET) {
        this.error(`${line}: over budget`);
      }
      console.log(line);
    },
  };
}

export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's sources carry comments Rollup cannot place; harmless, and not ours to fix.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) {
          return;
        }
        warn(warning);
      },
    },
  },
  plugins: [firstPageBudget()],
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/socket.io': { target: 'ws://127.0.0.1:3000', ws: true } } },
});
