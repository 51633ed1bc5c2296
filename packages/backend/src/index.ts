/*
 * Entry point. Node's on-disk compile cache keeps the compiled code of the
 * backend's ~thousand modules between starts, which takes about 2 s off a
 * restart (see docs/benchmarks.md); then the backend itself is loaded (main.ts).
 */
import nodeModule from 'node:module';

nodeModule.enableCompileCache?.(process.env.NODE_COMPILE_CACHE);

void import('./main');
