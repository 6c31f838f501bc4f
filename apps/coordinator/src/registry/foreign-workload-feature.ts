import { BaseError, PROTOCOL_VERSION } from '@tensorgrid/protocol';
import type { Logger } from 'pino';
import type { WsFeature } from '../ws/ws-feature';
import { decideForeignWorkload } from './core/decide-foreign-workload';
import type { RegistryService } from './registry-service';

/**
 * `workload.report`: a busy device whose agent reports GPU processes it did not start is
 * blocked (and its session told so, then closed).
 * @param deps - the registry and the logger
 */
export function foreignWorkloadFeature(deps: { registry: RegistryService; log: Pick<Logger, 'warn'> }): WsFeature {
  return {
    handlers: {
      async 'workload.report'(session, message) {
        if (!session.deviceId) throw new BaseError('UNAUTHENTICATED', 'Only a device session (after a signed hello) may report workloads');
        const device = await deps.registry.get(session.deviceId);
        const decision = decideForeignWorkload(device.state, message.foreignProcesses);
        if (decision.kind === 'ignore') return;
        await deps.registry.block(device.id);
        deps.log.warn({ deviceId: device.id, why: decision.why, processes: message.foreignProcesses.slice(0, 20) }, 'device blocked: foreign workload while hired');
        session.send({ type: 'error', v: PROTOCOL_VERSION, code: 'DEVICE_BLOCKED', message: `Device ${device.id} is blocked: it ${decision.why}` });
        session.terminate();
      },
    },
  };
}
