import type { ServerMessage } from '@tensorgrid/protocol';
import type { SimulatedDevice } from './plan-simulated-fleet';

/**
 * How long a simulated device holds its answer to emulate its link: its round-trip latency
 * for a ping, plus the transfer time of the announced bytes at its download (network probe:
 * the ack is held) or upload (upload request: the frames start late) speed. The coordinator
 * then measures the simulated link (plus loopback), and sizes its transfers to it.
 * @param link - the device's planned link
 * @param message - what the coordinator sent
 */
export function linkDelayMs(link: SimulatedDevice['link'], message: ServerMessage): number {
  switch (message.type) {
    case 'ping':
      return link.latencyMs;
    case 'net.probe':
      return link.latencyMs + ((message.chunks * message.chunkBytes) / (link.downMBps * 1e6)) * 1000;
    case 'net.upload':
      return link.latencyMs + ((message.chunks * message.chunkBytes) / (link.upMBps * 1e6)) * 1000;
    default:
      return 0;
  }
}
