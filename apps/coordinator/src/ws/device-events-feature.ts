import { PROTOCOL_VERSION } from '@tensorgrid/protocol';
import type { DeviceEvents } from '../registry/device-events';
import { toDeviceView } from '../registry/to-device-view';
import type { WsFeature, WsSessionContext } from './ws-feature';

/**
 * `subscribe` to `devices`: the session receives `device.updated` for every change. A
 * subscriber whose unsent backlog exceeds `maxBacklogBytes` cannot keep up and is dropped.
 * @param events - the registry's event bus
 * @param maxBacklogBytes - backlog limit per subscriber
 */
export function deviceEventsFeature(events: DeviceEvents, maxBacklogBytes = 1 << 20): WsFeature {
  const subscriptions = new Map<WsSessionContext, () => void>();
  return {
    handlers: {
      subscribe(session) {
        if (!subscriptions.has(session)) {
          subscriptions.set(
            session,
            events.subscribe((device) => {
              if (session.bufferedAmount > maxBacklogBytes) return session.terminate();
              session.send({ type: 'device.updated', v: PROTOCOL_VERSION, device: toDeviceView(device) });
            }),
          );
        }
        session.send({ type: 'subscribed', v: PROTOCOL_VERSION, topic: 'devices' });
      },
    },
    onClose(session) {
      subscriptions.get(session)?.();
      subscriptions.delete(session);
    },
  };
}
