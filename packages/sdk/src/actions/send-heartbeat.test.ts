import { describe, expect, it } from 'vitest';
import { createCoordinatorClient } from '../client';
import { sendHeartbeat } from './send-heartbeat';

describe('sendHeartbeat', () => {
  it('rejects with UNAUTHENTICATED, sending nothing, when the client has no account', async () => {
    await expect(sendHeartbeat(createCoordinatorClient({ url: 'http://127.0.0.1:9' }), { seq: 1 })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
