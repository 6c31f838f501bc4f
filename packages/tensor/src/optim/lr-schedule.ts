import { z } from 'zod';
import { cosPi } from '../math/cos-pi';
import { powInt } from '../math/pow-int';

/**
 * A learning-rate schedule over the job's T steps. `warmupSteps` ramps linearly from lr/W
 * to lr over the first W steps; the named schedule then runs over the remaining T − W.
 */
export const lrScheduleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant'), warmupSteps: z.number().int().min(0).default(0) }),
  z.strictObject({ kind: z.literal('step'), warmupSteps: z.number().int().min(0).default(0), every: z.number().int().positive(), gamma: z.number().finite().positive().max(1) }),
  z.strictObject({ kind: z.literal('cosine'), warmupSteps: z.number().int().min(0).default(0), minLr: z.number().finite().min(0).default(0) }),
]);

export type LrSchedule = z.infer<typeof lrScheduleSchema>;

/**
 * The learning rate of step t (0-based) as a float32, computed in float64 from basic
 * operations only (own cosine and integer power) and rounded once.
 * @param schedule - the schedule
 * @param lr - the base (peak) learning rate
 * @param at - the step t and the job's total steps
 */
export function learningRate(schedule: LrSchedule, lr: number, at: { t: number; totalSteps: number }): number {
  const { t, totalSteps } = at;
  const warm = schedule.warmupSteps;
  if (t < warm) return Math.fround((lr * (t + 1)) / warm);
  const s = t - warm;
  const span = Math.max(1, totalSteps - warm);
  switch (schedule.kind) {
    case 'constant':
      return Math.fround(lr);
    case 'step':
      return Math.fround(lr * powInt(schedule.gamma, Math.floor(s / schedule.every)));
    case 'cosine':
      return Math.fround(schedule.minLr + ((lr - schedule.minLr) * (1 + cosPi(s / span))) / 2);
  }
}
