import { parentPort } from 'node:worker_threads';
import { checkComputeOpenings, checkMemoryAnswers } from '@tensorgrid/domain';
import type { CheckReply, CheckRequest } from './check-thread-messages';

// A check thread: runs one check per message, in order, and replies with its verdict.
const port = parentPort;
if (!port) throw new Error('check-thread-entry runs only as a worker thread');
port.on('message', (request: CheckRequest) => {
  let reply: CheckReply;
  try {
    const verdict = request.kind === 'compute' ? checkComputeOpenings(request.input) : checkMemoryAnswers(request.input);
    reply = { id: request.id, verdict };
  } catch (err) {
    reply = { id: request.id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
