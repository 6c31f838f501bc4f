import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '@tensorgrid/test-utils';
import { databaseClockSkewMs } from '../src/database-clock-skew';

describe('databaseClockSkewMs', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.close());

  it('measures how far PostgreSQL\'s clock is from this process\'s, and a process clock set wrong', async () => {
    database = await openTestDatabase('postgres');
    // The server runs on this machine: one clock, so the skew is about the query's own time.
    expect(Math.abs((await databaseClockSkewMs(database.db, Date.now))!)).toBeLessThan(5_000);
    // A process whose clock runs two minutes ahead sees the database two minutes behind.
    const ahead = (await databaseClockSkewMs(database.db, () => Date.now() + 120_000))!;
    expect(ahead).toBeLessThan(-115_000);
    expect(ahead).toBeGreaterThan(-125_000);
  });

  it('has nothing to measure on embedded SQLite: its clock is this process\'s', async () => {
    database = await openTestDatabase('sqlite');
    expect(await databaseClockSkewMs(database.db, Date.now)).toBeUndefined();
  });
});
