import {
  DEFAULT_ELIGIBILITY_POLICY, countedChallenges, decideEligibility, downtimePerDay, forgiveDowntime, overlapMillis, qualityScore, timeScore,
  type ChallengeResult, type DeviceListing, type Eligibility, type EligibilityPolicy, type LivenessChange, type QualityScore, type TimeInterval, type TimeScore,
} from '@tensorgrid/domain';

/** What the explorer shows of a device's standing. */
export interface DeviceScores {
  timeScore: TimeScore;
  /** The last 30 UTC days that overlap the device's life, oldest first. */
  downtimePerDay: { day: number; downMs: number }[];
  quality: QualityScore;
  eligibility: Eligibility;
}

const DAY_MS = 86_400_000;

/**
 * A device's time score, downtime, quality score and eligibility, with downtime inside its
 * region's degraded intervals forgiven everywhere (including the eligibility's downtime limit).
 *
 * Challenge results feed the quality score: pass rates of `pow` and `memory` challenges over
 * the window (a deadline miss that the next challenge of its kind passed is left out, as in
 * nomination: `countedChallenges`), and the throughput of the latest passed `compute` challenge (the rate the
 * coordinator saw ÷ the rate the device's hardware claims: its GPU model's reference, or one
 * CPU core's baseline), as GPU or CPU performance by the device's kind (0 until one passes).
 * @param listing - the device and its measured network
 * @param inputs - liveness history and degraded intervals covering the last 30 days, challenge results, now, policy
 */
export function deviceScores(
  listing: DeviceListing,
  inputs: { changes: readonly LivenessChange[]; degraded: readonly TimeInterval[]; challenges: readonly ChallengeResult[]; now: number; policy?: EligibilityPolicy },
): DeviceScores {
  const { device, network } = listing;
  const { now } = inputs;
  const changes = forgiveDowntime(inputs.changes, inputs.degraded);
  const time = timeScore(changes, { now, registeredAt: device.registeredAt });
  const from = Math.max(device.registeredAt, now - 30 * DAY_MS);
  const days = now > from ? downtimePerDay(changes, { from, to: now }) : [];
  const counted = countedChallenges(inputs.challenges);
  const count = (kind: string) => {
    const of = counted.filter((c) => c.kind === kind);
    return { passed: of.filter((c) => c.passed).length, total: of.length };
  };
  const compute = [...inputs.challenges].sort((a, b) => b.issuedAt - a.issuedAt).find((c) => c.kind === 'compute' && c.passed);
  const throughput = compute?.metrics.rate && compute.metrics.claimedFlops ? compute.metrics.rate / compute.metrics.claimedFlops : 0;
  const quality = qualityScore({
    kind: device.hardware.kind,
    uptime: time,
    tier: network.throughput?.tier ?? 'unranked',
    gpuThroughputRatio: device.hardware.kind === 'gpu' ? throughput : 0,
    clusterThroughputRatio: null,
    cpuThroughputRatio: device.hardware.kind === 'cpu' ? throughput : 0,
    proofOfWork: count('pow'),
    memoryTest: count('memory'),
  });
  // Time down while the region was degraded does not bring the device closer to its limit.
  const forgivenDown = device.state === 'down' ? overlapMillis(inputs.degraded, { from: device.stateChangedAt, to: now }) : 0;
  const eligibility = decideEligibility(
    { state: device.state, registeredAt: device.registeredAt, stateChangedAt: device.stateChangedAt + forgivenDown, score: quality.score },
    { now, policy: inputs.policy ?? DEFAULT_ELIGIBILITY_POLICY },
  );
  return { timeScore: time, downtimePerDay: days, quality, eligibility };
}
