import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { BaseError, type GpuCard } from '@tensorgrid/protocol';

/** What `nvidia-smi -q -x` says about a machine's NVIDIA GPUs. */
export interface NvidiaSmiReport {
  /** Driver version, e.g. "535.129.03". */
  driverVersion?: string;
  /** Highest CUDA version the driver supports, e.g. "12.2"; absent on old drivers. */
  cudaVersion?: string;
  /** The cards, ordered by index. */
  gpus: GpuCard[];
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep every value a string: "12.10" must not become the number 12.1.
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
});

/**
 * Parses the XML that `nvidia-smi -q -x` prints into the cards a worker can serve.
 *
 * NVLink: `-q -x` has no per-link NVLink element in any driver we know of (through 575).
 * The one NVLink-related element is `<fabric>` (drivers 530+), the state of the NVLink
 * fabric (NVSwitch, fabric manager) that Hopper and newer GPUs join on HGX/DGX and NVL
 * systems: `<state>Completed</state>` with `<status>Success</status>` means the GPU is on
 * a working NVLink fabric, so its card gets `nvlink: true`. Every other value ("N/A" on
 * PCIe cards and on Ampere, "Not Started", "In Progress", an error status) and a missing
 * `<fabric>` give `false`. Links that do not go through a fabric (A100 HGX, NVLink
 * bridges) show only in `nvidia-smi nvlink --status`: see `parseNvlinkStatus`.
 *
 * @param xml - the whole stdout of `nvidia-smi -q -x`
 * @returns driver and CUDA versions and the cards, ordered by index
 * @throws BaseError `HARDWARE_PROBE_FAILED` when the XML is malformed, has no
 *   `<nvidia_smi_log>` root, or a card lacks a name or a readable memory size
 */
export function parseNvidiaSmi(xml: string): NvidiaSmiReport {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw probeFailed(`nvidia-smi -q -x printed malformed XML: ${msg} (line ${line}, column ${col})`, { line, col });
  }
  const doc = parser.parse(xml) as XmlNode;
  const root = doc['nvidia_smi_log'];
  if (root === undefined) {
    const roots = Object.keys(doc).filter((k) => !k.startsWith('?') && !k.startsWith('!'));
    throw probeFailed(`nvidia-smi -q -x printed no <nvidia_smi_log> element (root: ${roots.length > 0 ? roots.map((r) => `<${r}>`).join(', ') : 'none'})`, { roots });
  }
  const log: XmlNode = isNode(root) ? root : {};
  const gpus = toArray(log['gpu']).map((node, position) => parseGpu(node, position));
  gpus.sort((a, b) => a.index - b.index);
  const report: NvidiaSmiReport = { gpus };
  const driverVersion = known(log['driver_version']);
  const cudaVersion = known(log['cuda_version']);
  if (driverVersion !== undefined) report.driverVersion = driverVersion;
  if (cudaVersion !== undefined) report.cudaVersion = cudaVersion;
  return report;
}

function parseGpu(node: unknown, position: number): GpuCard {
  if (!isNode(node)) throw probeFailed(`nvidia-smi -q -x: <gpu> number ${position} is empty`, { position });
  const model = known(node['product_name']);
  if (model === undefined) throw probeFailed(`nvidia-smi -q -x: <gpu> number ${position} has no <product_name>`, { position });
  const total = known(child(node, 'fb_memory_usage', 'total'));
  const vramMiB = total === undefined ? undefined : parseMiB(total);
  if (vramMiB === undefined) {
    throw probeFailed(`nvidia-smi -q -x: cannot read the memory of ${model} (<fb_memory_usage><total> is "${total ?? 'missing'}")`, { position, model, total });
  }
  const minor = known(node['minor_number']);
  // Windows prints minor_number N/A: fall back to the order nvidia-smi lists the cards in.
  const index = minor !== undefined && /^\d+$/.test(minor) ? Number(minor) : position;
  const card: GpuCard = { index, vendor: 'nvidia', model, vramMiB, nvlink: onNvlinkFabric(node) };
  const uuid = known(node['uuid']);
  const busId = known(child(node, 'pci', 'pci_bus_id')) ?? known(node['@_id']);
  if (uuid !== undefined) card.uuid = uuid;
  if (busId !== undefined) card.busId = busId;
  return card;
}

function onNvlinkFabric(gpu: XmlNode): boolean {
  return known(child(gpu, 'fabric', 'state')) === 'Completed' && known(child(gpu, 'fabric', 'status')) === 'Success';
}

/** "81559 MiB" → 81559; also reads GiB and MB/GB, which some tools print. */
function parseMiB(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(MiB|GiB|MB|GB)$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  return Math.round(unit === 'gib' || unit === 'gb' ? n * 1024 : n);
}

function child(node: XmlNode, ...path: string[]): unknown {
  let current: unknown = node;
  for (const key of path) {
    if (!isNode(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** The trimmed text of a leaf, or undefined when it is missing, empty or "N/A". */
function known(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' || text === 'N/A' ? undefined : text;
}

/** fast-xml-parser gives one element as an object and several as an array. */
function toArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function probeFailed(message: string, data: Record<string, unknown>): BaseError {
  return new BaseError('HARDWARE_PROBE_FAILED', message, {
    data,
    details: 'Run `nvidia-smi -q -x` by hand to see what it prints; reinstall the NVIDIA driver if its output is broken.',
  });
}
