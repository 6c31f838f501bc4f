import { describe, expect, it } from 'vitest';
import { loadCoordinatorOptions } from './config';

describe('loadCoordinatorOptions', () => {
  it('scans chain events from genesis unless told the deployment block (TG_CHAIN_FROM_BLOCK)', () => {
    expect(loadCoordinatorOptions({}).chainFromBlock).toBe(0);
    expect(loadCoordinatorOptions({ TG_CHAIN_FROM_BLOCK: '1234' }).chainFromBlock).toBe(1234);
  });

  it('pages event scans by 2,000 blocks unless told the provider’s cap (TG_CHAIN_LOG_PAGE_BLOCKS)', () => {
    expect(loadCoordinatorOptions({}).chainLogPageBlocks).toBe(2000);
    expect(loadCoordinatorOptions({ TG_CHAIN_LOG_PAGE_BLOCKS: '500' }).chainLogPageBlocks).toBe(500);
    expect(() => loadCoordinatorOptions({ TG_CHAIN_LOG_PAGE_BLOCKS: '0' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('chainLogPageBlocks') }));
  });

  it('sizes hardware challenges for production unless told devnet (TG_CHALLENGE_PROFILE)', () => {
    expect(loadCoordinatorOptions({}).challengeProfile).toBe('production');
    expect(loadCoordinatorOptions({ TG_CHALLENGE_PROFILE: 'devnet' }).challengeProfile).toBe('devnet');
    expect(() => loadCoordinatorOptions({ TG_CHALLENGE_PROFILE: 'laptop' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('challengeProfile') }));
  });

  it('allows 15 minutes of challenge load per device per hour unless told otherwise (TG_CHALLENGE_MAX_LOAD_MS_PER_HOUR)', () => {
    expect(loadCoordinatorOptions({}).challengeMaxLoadMsPerHour).toBe(15 * 60_000);
    expect(loadCoordinatorOptions({ TG_CHALLENGE_MAX_LOAD_MS_PER_HOUR: '300000' }).challengeMaxLoadMsPerHour).toBe(300_000);
    for (const value of ['0', '3600001', 'x']) {
      expect(() => loadCoordinatorOptions({ TG_CHALLENGE_MAX_LOAD_MS_PER_HOUR: value })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('challengeMaxLoadMsPerHour') }));
    }
  });

  it('lets a device be hired after a 12 h trial at a score of 40 unless told otherwise (TG_TRIAL_MS, TG_SCORE_THRESHOLD); one challenge check thread (TG_CHALLENGE_CHECK_THREADS)', () => {
    expect(loadCoordinatorOptions({})).toMatchObject({ trialMs: 12 * 3_600_000, scoreThreshold: 40, challengeCheckThreads: 1 });
    expect(loadCoordinatorOptions({ TG_TRIAL_MS: '60000', TG_SCORE_THRESHOLD: '55.5', TG_CHALLENGE_CHECK_THREADS: '3' })).toMatchObject({ trialMs: 60_000, scoreThreshold: 55.5, challengeCheckThreads: 3 });
    for (const [name, value, option] of [['TG_TRIAL_MS', '-1', 'trialMs'], ['TG_SCORE_THRESHOLD', '101', 'scoreThreshold'], ['TG_CHALLENGE_CHECK_THREADS', '0', 'challengeCheckThreads']] as const) {
      expect(() => loadCoordinatorOptions({ [name]: value })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining(option) }));
    }
  });

  it.each(['-1', '1.5', 'latest'])('refuses TG_CHAIN_FROM_BLOCK=%s with CONFIG_INVALID naming the option', (value) => {
    expect(() => loadCoordinatorOptions({ TG_CHAIN_FROM_BLOCK: value })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('chainFromBlock') }));
  });
});
