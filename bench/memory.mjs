// A process's memory as the kernel counts it: VmRSS (resident now) and VmHWM (the peak resident set)
// from /proc/<pid>/status, with the resident set split into anonymous (heaps, the WASM memories of
// PGlite), file-backed (code, mapped node_modules) and shared. Linux only: elsewhere it answers undefined.
import { existsSync, readFileSync } from 'node:fs';

const FIELDS = { VmRSS: 'rssMiB', VmHWM: 'hwmMiB', RssAnon: 'anonMiB', RssFile: 'fileMiB', RssShmem: 'shmemMiB' };

/** { rssMiB, hwmMiB, anonMiB, fileMiB, shmemMiB } of process `pid` (MiB, one decimal), or undefined without /proc. */
export function memoryOf(pid) {
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return undefined;
  const memory = {};
  for (const line of readFileSync(status, 'utf8').split('\n')) {
    const match = /^(\w+):\s+(\d+) kB/.exec(line);
    if (match && FIELDS[match[1]]) memory[FIELDS[match[1]]] = Math.round(Number(match[2]) / 102.4) / 10;
  }
  return memory;
}
