// Entry of the coordinator's check threads: registers tsx in the thread (worker threads do not inherit
// the main thread's loader) and then runs the TypeScript entry named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
