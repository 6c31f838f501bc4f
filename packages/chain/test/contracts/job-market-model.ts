import type { Address } from 'viem';

/** Mirrors JobMarket.JobState's indices. */
export const S = { None: 0, Open: 1, Accepted: 2, Submitted: 3, Passed: 4, Disputed: 5, Settled: 6, Failed: 7, TimedOut: 8, Cancelled: 9, Slashed: 10, Rejected: 11, Contested: 12, Unverified: 13 } as const;

/** The market's parameters as the model needs them. */
export interface ModelParams {
  verifierFee: bigint;
  depositFactorBps: bigint;
  timeoutPenaltyBps: bigint;
  declinePenaltyBps: bigint;
  failPenaltyBps: bigint;
  bountyBps: bigint;
  challengeWindow: bigint;
  verificationWindow: bigint;
  whistleblowerBond: bigint;
  verifierBond: bigint;
}

/** A job as the model sees it. */
export interface ModelJob {
  id: bigint;
  requester: Address;
  node?: Address;
  verifier?: Address;
  whistleblower?: Address;
  state: number;
  fee: bigint;
  gas: bigint;
  deposit: bigint;
  bond: bigint;
  deadline: bigint;
  challengeEndsAt: bigint;
  day: bigint;
  /** While submitted: when it may be ended unverified. */
  verifyBy: bigint;
}

/**
 * A reference model of JobMarket: what each call should do (succeed or revert) and who it
 * should pay. Every transfer goes through `move`, so the model's balances are exact.
 */
export class JobMarketModel {
  readonly jobs: ModelJob[] = [];
  readonly balances = new Map<Address, bigint>();
  readonly running = new Map<Address, number>();
  readonly shares = new Map<string, bigint>();
  /** Verifier bonds and their locked parts. */
  readonly bonds = new Map<Address, { bond: bigint; locked: bigint }>();
  owed = 0n;

  constructor(
    readonly p: ModelParams,
    readonly market: Address,
    readonly workers: ReadonlyMap<Address, number>,
  ) {}

  job(id: bigint): ModelJob | undefined {
    return this.jobs[Number(id) - 1];
  }

  private move(from: Address, to: Address, amount: bigint): void {
    if (amount === 0n) return;
    const have = this.balances.get(from) ?? 0n;
    if (have < amount) throw new Error(`model: ${from} cannot pay ${amount}`);
    this.balances.set(from, have - amount);
    this.balances.set(to, (this.balances.get(to) ?? 0n) + amount);
  }
  private addShares(day: bigint, node: Address, gas: bigint): void {
    for (const key of [`${day}:${node}`, `${day}:*`]) this.shares.set(key, (this.shares.get(key) ?? 0n) + gas);
  }

  post(by: Address, spec: { fee: bigint; gas: bigint; deadline: bigint }, ts: bigint): boolean {
    const { fee, gas, deadline } = spec;
    if (fee < this.p.verifierFee || gas === 0n || deadline <= ts) return false;
    this.jobs.push({ id: BigInt(this.jobs.length + 1), requester: by, state: S.Open, fee, gas, deposit: 0n, bond: 0n, deadline, challengeEndsAt: 0n, day: 0n, verifyBy: 0n });
    this.owed += fee;
    this.move(by, this.market, fee);
    return true;
  }

  cancel(by: Address, id: bigint): boolean {
    const j = this.job(id);
    if (!j || j.state !== S.Open || j.requester !== by) return false;
    j.state = S.Cancelled;
    this.owed -= j.fee;
    this.move(this.market, by, j.fee);
    return true;
  }

  accept(by: Address, id: bigint, ts: bigint): boolean {
    const j = this.job(id);
    const running = this.running.get(by) ?? 0;
    if (!j || j.state !== S.Open || ts > j.deadline || running >= (this.workers.get(by) ?? 0)) return false;
    j.deposit = (j.gas * this.p.depositFactorBps) / 10_000n;
    j.node = by;
    j.state = S.Accepted;
    this.running.set(by, running + 1);
    this.owed += j.deposit;
    this.move(by, this.market, j.deposit);
    return true;
  }

  decline(by: Address, id: bigint): boolean {
    const j = this.job(id);
    if (!j || j.state !== S.Accepted || j.node !== by) return false;
    const penalty = (j.deposit * this.p.declinePenaltyBps) / 10_000n;
    this.owed -= j.deposit;
    this.move(this.market, j.requester, penalty);
    this.move(this.market, by, j.deposit - penalty);
    this.running.set(by, (this.running.get(by) ?? 0) - 1);
    Object.assign(j, { state: S.Open, node: undefined, deposit: 0n });
    return true;
  }

  timeout(id: bigint, ts: bigint): boolean {
    const j = this.job(id);
    if (!j || j.state !== S.Accepted || ts <= j.deadline || !j.node) return false;
    const penalty = (j.deposit * this.p.timeoutPenaltyBps) / 10_000n;
    this.owed -= j.deposit + j.fee;
    this.move(this.market, j.requester, j.fee + penalty);
    this.move(this.market, j.node, j.deposit - penalty);
    this.running.set(j.node, (this.running.get(j.node) ?? 0) - 1);
    j.state = S.TimedOut;
    return true;
  }

  submit(by: Address, id: bigint, ts: bigint): boolean {
    const j = this.job(id);
    if (!j || j.state !== S.Accepted || j.node !== by || ts > j.deadline) return false;
    this.running.set(by, (this.running.get(by) ?? 0) - 1);
    j.state = S.Submitted;
    j.verifyBy = ts + this.p.verificationWindow;
    return true;
  }

  /** No verdict by verifyBy: the fee back to the requester, the deposit to the node. */
  expireUnverified(id: bigint, ts: bigint): boolean {
    const j = this.job(id);
    if (!j || j.state !== S.Submitted || ts <= j.verifyBy || !j.node) return false;
    this.owed -= j.fee + j.deposit;
    this.move(this.market, j.requester, j.fee);
    this.move(this.market, j.node, j.deposit);
    Object.assign(j, { state: S.Unverified, verifyBy: 0n });
    return true;
  }

  private bondOf(verifier: Address): { bond: bigint; locked: bigint } {
    let b = this.bonds.get(verifier);
    if (!b) this.bonds.set(verifier, (b = { bond: 0n, locked: 0n }));
    return b;
  }

  bondVerifier(by: Address, amount: bigint): boolean {
    if (amount === 0n) return false;
    this.bondOf(by).bond += amount;
    this.owed += amount;
    this.move(by, this.market, amount);
    return true;
  }

  unbondVerifier(by: Address, amount: bigint): boolean {
    const b = this.bondOf(by);
    if (amount === 0n || amount > b.bond - b.locked) return false;
    b.bond -= amount;
    this.owed -= amount;
    this.move(this.market, by, amount);
    return true;
  }

  verdict(by: Address, v: { id: bigint; passed: boolean }, ts: bigint): boolean {
    const { id, passed } = v;
    const j = this.job(id);
    const b = this.bondOf(by);
    if (!j || j.state !== S.Submitted || !j.node || b.bond - b.locked < this.p.verifierBond) return false;
    b.locked += this.p.verifierBond;
    j.verifier = by;
    j.verifyBy = 0n;
    j.challengeEndsAt = ts + this.p.challengeWindow;
    if (!passed) {
      j.state = S.Rejected;
      return true;
    }
    j.state = S.Passed;
    j.day = ts / 86_400n;
    this.addShares(j.day, j.node, j.gas);
    return true;
  }

  contest(by: Address, id: bigint, ts: bigint): boolean {
    const j = this.job(id);
    if (!j || j.state !== S.Rejected || j.node !== by || ts >= j.challengeEndsAt) return false;
    j.state = S.Contested;
    return true;
  }

  private fail(j: ModelJob, penaltyBps: bigint): boolean {
    if (!j.node || !j.verifier) throw new Error('model: failing a job without node or verifier');
    const verifierPaid = j.deposit < this.p.verifierFee ? j.deposit : this.p.verifierFee;
    let penalty = (j.deposit * penaltyBps) / 10_000n;
    if (penalty > j.deposit - verifierPaid) penalty = j.deposit - verifierPaid;
    this.bondOf(j.verifier).locked -= this.p.verifierBond;
    this.owed -= j.deposit + j.fee;
    this.move(this.market, j.verifier, verifierPaid);
    this.move(this.market, j.requester, j.fee + penalty);
    this.move(this.market, j.node, j.deposit - verifierPaid - penalty);
    j.state = S.Failed;
    return true;
  }

  /** The verifier loses the bond its verdict locked, to `to`. */
  private slashVerifier(verifier: Address, to: Address): void {
    const b = this.bondOf(verifier);
    b.locked -= this.p.verifierBond;
    b.bond -= this.p.verifierBond;
    this.owed -= this.p.verifierBond;
    this.move(this.market, to, this.p.verifierBond);
  }

  dispute(by: Address, id: bigint, ts: bigint): boolean {
    const j = this.job(id);
    if (!j || j.state !== S.Passed || ts >= j.challengeEndsAt || j.node === by) return false;
    Object.assign(j, { state: S.Disputed, whistleblower: by, bond: this.p.whistleblowerBond });
    this.owed += j.bond;
    this.move(by, this.market, j.bond);
    return true;
  }

  resolve(id: bigint, nodeWrong: boolean, ts: bigint): boolean {
    const j = this.job(id);
    if (j?.state === S.Contested && j.node && j.verifier) {
      if (nodeWrong) return this.fail(j, 10_000n);
      this.slashVerifier(j.verifier, j.node);
      Object.assign(j, { state: S.Submitted, verifier: undefined, challengeEndsAt: 0n, verifyBy: ts + this.p.verificationWindow });
      return true;
    }
    if (!j || j.state !== S.Disputed || !j.node || !j.whistleblower || !j.verifier) return false;
    if (!nodeWrong) return this.settle(j);
    return this.slashDisputed(j, true);
  }

  /** A dispute won at a step the verifier did not have to check: the node slashed, the verifier's bond released and its fee paid. */
  resolveAudit(id: bigint): boolean {
    const j = this.job(id);
    if (!j || j.state !== S.Disputed || !j.node || !j.whistleblower || !j.verifier) return false;
    return this.slashDisputed(j, false);
  }

  private slashDisputed(j: ModelJob, verifierAtFault: boolean): boolean {
    if (!j.node || !j.whistleblower || !j.verifier) throw new Error('model: slashing a dispute without node, whistleblower or verifier');
    const bounty = (j.deposit * this.p.bountyBps) / 10_000n;
    const verifierPaid = verifierAtFault ? 0n : this.p.verifierFee;
    this.owed -= j.fee + j.deposit + j.bond;
    this.move(this.market, j.whistleblower, bounty + j.bond);
    this.move(this.market, j.requester, j.fee - verifierPaid + j.deposit - bounty);
    this.addShares(j.day, j.node, -j.gas);
    if (verifierAtFault) this.slashVerifier(j.verifier, j.whistleblower);
    else {
      this.bondOf(j.verifier).locked -= this.p.verifierBond;
      this.move(this.market, j.verifier, verifierPaid);
    }
    j.state = S.Slashed;
    return true;
  }

  finalize(id: bigint, ts: bigint): boolean {
    const j = this.job(id);
    if (!j || (j.state !== S.Passed && j.state !== S.Rejected) || ts < j.challengeEndsAt) return false;
    return j.state === S.Rejected ? this.fail(j, this.p.failPenaltyBps) : this.settle(j);
  }

  private settle(j: ModelJob): boolean {
    if (!j.node || !j.verifier) throw new Error('model: settling a job without node or verifier');
    this.bondOf(j.verifier).locked -= this.p.verifierBond;
    this.owed -= j.fee + j.deposit + j.bond;
    this.move(this.market, j.verifier, this.p.verifierFee);
    this.move(this.market, j.node, j.fee - this.p.verifierFee + j.deposit + j.bond);
    j.state = S.Settled;
    return true;
  }
}
