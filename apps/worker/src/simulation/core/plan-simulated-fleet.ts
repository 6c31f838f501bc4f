import { SIMULATED_CITIES, SIMULATED_GPU_MODELS, SIMULATED_LINKS } from './fleet-catalogue';

/**
 * How a simulated device behaves:
 * - `honest`: proves what it claims;
 * - `double-memory`: claims twice the memory it holds;
 * - `fake-gpu`: claims a GPU it lacks (its compute is a CPU's);
 * - `sybil`: one machine posing as several identities of one operator;
 * - `heartbeat-replay`: resends heartbeats it already sent.
 */
export type SimulatedProfile = 'honest' | 'double-memory' | 'fake-gpu' | 'sybil' | 'heartbeat-replay';

/** One simulated device of the fleet. */
export interface SimulatedDevice {
  index: number;
  profile: SimulatedProfile;
  /** The GPU model it claims, or null for a CPU worker. */
  gpuModel: string | null;
  gpuCount: number;
  vramMiB: number;
  cpuCores: number;
  memoryBytes: number;
  location: { country: string; city: string; lat: number; lon: number };
  link: { downMBps: number; upMBps: number; latencyMs: number };
  /** Mean hours between outages and mean minutes an outage lasts. */
  churn: { meanUpHours: number; meanDownMinutes: number };
  /** Devices with the same machine index share one physical machine (sybils); others have their own. */
  machine: number;
  /** Which simulated operator attests it. */
  operator: number;
}

/** Options of {@link planSimulatedFleet}. */
export interface FleetPlanOptions {
  count: number;
  seed: number;
  /** Share of adversarial devices. @default 0.2 */
  adversarialShare?: number;
  /** Identities per sybil machine. @default 4 */
  sybilSize?: number;
}

const ADVERSARIES: readonly SimulatedProfile[] = ['double-memory', 'fake-gpu', 'sybil', 'heartbeat-replay'];

/** mulberry32: a small seeded PRNG, so a fleet is reproducible from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T extends { share: number }>(items: readonly T[], draw: number): T {
  let acc = 0;
  for (const item of items) if (draw < (acc += item.share)) return item;
  return items[items.length - 1]!;
}

/**
 * Plans a simulated fleet: GPU models, cards, cities, links and churn drawn from the
 * catalogue's spreads, with a share of adversarial devices cycling through the profiles
 * (a sybil draws `sybilSize` identities of one operator on one machine). Deterministic for a
 * seed.
 * @param options - count, seed and the adversarial share
 */
export function planSimulatedFleet(options: FleetPlanOptions): SimulatedDevice[] {
  const random = prng(options.seed);
  const sybilSize = options.sybilSize ?? 4;
  const adversaries = Math.round(options.count * (options.adversarialShare ?? 0.2));
  const fleet: SimulatedDevice[] = [];
  let machine = 0;
  let operator = 0;
  let adversaryTurn = 0;
  while (fleet.length < options.count) {
    const index = fleet.length;
    const profile: SimulatedProfile = index < options.count - adversaries ? 'honest' : ADVERSARIES[adversaryTurn++ % ADVERSARIES.length]!;
    const gpu = pick(SIMULATED_GPU_MODELS, random());
    const gpuCount = gpu.model ? 1 + Math.floor(random() * gpu.maxCards) : 0;
    const cpuCores = gpu.model ? 8 * Math.max(1, Math.ceil(gpuCount / 2)) : 4 + 4 * Math.floor(random() * 8);
    const base: SimulatedDevice = {
      index, profile,
      gpuModel: gpu.model, gpuCount, vramMiB: gpu.vramMiB, cpuCores,
      memoryBytes: Math.max(16, 2 ** Math.ceil(Math.log2(Math.max(1, gpuCount) * gpu.vramMiB / 1024 * 2))) * 2 ** 30,
      location: { ...SIMULATED_CITIES[Math.floor(random() * SIMULATED_CITIES.length)]! },
      link: { ...pick(SIMULATED_LINKS, random()) },
      churn: { meanUpHours: 6 + random() * 90, meanDownMinutes: 2 + random() * 30 },
      machine: machine++,
      operator: operator++,
    };
    const copies = profile === 'sybil' ? Math.min(sybilSize, options.count - fleet.length) : 1;
    for (let i = 0; i < copies; i++) fleet.push({ ...base, index: index + i });
  }
  return fleet;
}
