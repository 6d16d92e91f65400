// Compiles apps/, libs/, scripts/ and the bench's naive comparison stack (bench/naive/) TypeScript into dist/
// with SWC (see swc-options.mjs).
import { transformFile } from '@swc/core';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { repoRoot, swcOptions } from './swc-options.mjs';

const roots = ['apps', 'libs', 'scripts', 'bench/naive'];
// BUILD_OUT_DIR: a folder of its own (at the same depth as dist/), e.g. for a test run beside another
const outDir = process.env.BUILD_OUT_DIR ? path.resolve(process.env.BUILD_OUT_DIR) : path.join(repoRoot, 'dist');

async function* tsFiles(dir) {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    // test kits are test code: not shipped in dist/
    if (entry.isDirectory()) {
      if (entry.name !== 'testing') yield* tsFiles(full);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) yield full;
  }
}

const started = Date.now();
await fs.rm(outDir, { recursive: true, force: true });
const jobs = [];
for (const root of roots) {
  for await (const file of tsFiles(path.join(repoRoot, root))) {
    jobs.push(
      (async () => {
        const rel = path.relative(repoRoot, file);
        const target = path.join(outDir, rel.replace(/\.ts$/, '.js'));
        const { code, map } = await transformFile(file, { ...swcOptions(), filename: file, outputPath: target });
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, map ? `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n` : code);
        if (map) await fs.writeFile(`${target}.map`, map);
      })(),
    );
  }
}
await Promise.all(jobs);
await fs.writeFile(path.join(outDir, 'package.json'), '{ "type": "module" }\n');
console.log(`build: ${jobs.length} files compiled into ${path.relative(repoRoot, outDir)}/ in ${Date.now() - started} ms`);
