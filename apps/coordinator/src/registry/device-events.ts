import type { DeviceRecord } from '@tensorgrid/domain';

/** In-process fan-out of device changes (to WebSocket subscribers). */
export interface DeviceEvents {
  publish(device: DeviceRecord): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (device: DeviceRecord) => void): () => void;
}

/** Creates an in-process device event bus. A failing listener does not stop the others. */
export function createDeviceEvents(): DeviceEvents {
  const listeners = new Set<(device: DeviceRecord) => void>();
  return {
    publish(device) {
      for (const listener of listeners) {
        try {
          listener(device);
        } catch {
          // a subscriber's failure is its own; the registry change already happened
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
