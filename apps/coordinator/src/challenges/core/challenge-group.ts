import type { ChallengeGroupMembers } from '@tensorgrid/domain';

/**
 * The group a device is challenged with: all devices of one operator are challenged at the
 * same moment, so one physical machine registered as many identities must prove all of
 * them at once. A device without an operator is its own group.
 * @param device - its id and operator
 */
export function challengeGroupOf(device: { id: string; operator: string | null }): string {
  return device.operator ? `operator:${device.operator}` : `device:${device.id}`;
}

/**
 * Whose devices a group key ({@link challengeGroupOf}) stands for.
 * @param group - `operator:<address>` or `device:<id>`
 */
export function membersOfGroup(group: string): ChallengeGroupMembers {
  return group.startsWith('operator:') ? { operator: group.slice('operator:'.length) } : { deviceId: group.slice('device:'.length) };
}

/**
 * Sorts devices read for several groups at once (`availableMembers`) into those groups: a
 * device goes to its operator's group if that was asked for, else to its own if that was.
 * @param groups - the group keys asked for
 * @param devices - their members, as read
 */
export function membersByGroup<D extends { id: string; operator: string | null }>(groups: readonly string[], devices: readonly D[]): Map<string, D[]> {
  const out = new Map<string, D[]>(groups.map((g) => [g, []]));
  for (const device of devices) {
    const group = [challengeGroupOf(device), challengeGroupOf({ id: device.id, operator: null })].find((g) => out.has(g));
    if (group) out.get(group)!.push(device);
  }
  return out;
}
