// The entry of a compute thread: worker threads do not inherit tsx's loader when the worker
// runs under another host (vitest, a plain node with --import), so register it here first.
import { register } from 'tsx/esm/api';

register();
await import('./compute-thread.ts');
