import type { Address, Hex } from 'viem';

/** What a call should do: succeed (and how the model changes), or revert with this error. */
export type Outcome = { ok: true; apply: () => void } | { ok: false; error: string };

interface Dev {
  owner: Address;
  minimum: bigint;
  shareBps: number;
  offerOpen: boolean;
  coStakers: Address[];
}
interface Req {
  device: Hex;
  account: Address;
  amount: bigint;
  unlocksAt: bigint;
  withdrawn: boolean;
}
interface Sl {
  device: Hex;
  amount: bigint;
  beneficiary: Address;
  deadline: bigint;
  status: 1 | 2 | 3; // Pending, Overturned, Resolved (the contract's enum)
  shares: [Address, bigint][];
}

const ZERO = '0x0000000000000000000000000000000000000000';
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/**
 * A reference model of Staking in plain TypeScript (the ghost state of the property test):
 * the same rules and the same rounding, so every call's outcome and every balance can be
 * predicted exactly.
 */
export class StakingModel {
  /** The timestamp the next block will have. */
  now: bigint;
  readonly devices = new Map<Hex, Dev>();
  readonly requests: Req[] = [];
  readonly slashes: Sl[] = [];
  readonly refunds = new Map<Address, bigint>();
  readonly wallet = new Map<Address, bigint>();
  private readonly active = new Map<string, bigint>();
  private readonly open = new Map<string, number>();
  private readonly evidence = new Set<Hex>();
  burned = 0n;

  constructor(
    readonly cfg: { cooldown: bigint; appealWindow: bigint; maxCoStakers: number; minCoStake: bigint },
    now: bigint,
  ) {
    this.now = now;
  }

  addDevice(device: Hex, owner: Address, minimum: bigint): void {
    this.devices.set(device, { owner, minimum, shareBps: 0, offerOpen: false, coStakers: [] });
  }

  activeOf = (device: Hex, account: Address): bigint => this.active.get(`${device}|${account}`) ?? 0n;
  openOf = (device: Hex, account: Address): number => this.open.get(`${device}|${account}`) ?? 0;
  pendingOf = (device: Hex, account: Address): bigint => {
    const id = this.openOf(device, account);
    return id === 0 ? 0n : (this.requests[id - 1] as Req).amount;
  };
  private setActive(device: Hex, account: Address, v: bigint) {
    this.active.set(`${device}|${account}`, v);
  }
  private holds = (device: Hex, account: Address) => this.activeOf(device, account) > 0n || this.pendingOf(device, account) > 0n;
  private pay(account: Address, amount: bigint) {
    this.wallet.set(account, (this.wallet.get(account) ?? 0n) + amount);
  }

  deviceActive(device: Hex): bigint {
    const d = this.devices.get(device);
    if (!d) return 0n;
    return this.activeOf(device, d.owner) + d.coStakers.reduce((s, a) => s + this.activeOf(device, a), 0n);
  }
  devicePending(device: Hex): bigint {
    return this.requests.filter((r) => r.device === device && !r.withdrawn).reduce((s, r) => s + r.amount, 0n);
  }
  totals(): [bigint, bigint, bigint, bigint] {
    const active = [...this.devices.keys()].reduce((s, d) => s + this.deviceActive(d), 0n);
    const pending = this.requests.filter((r) => !r.withdrawn).reduce((s, r) => s + r.amount, 0n);
    const slashes = this.slashes.filter((s) => s.status === 1).reduce((s, x) => s + x.amount, 0n);
    const refunds = [...this.refunds.values()].reduce((s, x) => s + x, 0n);
    return [active, pending, slashes, refunds];
  }

  private addCoStaker(d: Dev, account: Address) {
    d.coStakers.push(account);
  }
  private removeCoStaker(d: Dev, account: Address) {
    const i = d.coStakers.indexOf(account);
    const last = d.coStakers[d.coStakers.length - 1] as Address;
    d.coStakers[i] = last;
    d.coStakers.pop();
  }

  setDevice(device: Hex, owner: Address): Outcome {
    const d = this.devices.get(device) as Dev;
    return {
      ok: true,
      apply: () => {
        const previous = d.owner;
        if (previous === owner) return;
        if (this.holds(device, previous)) this.addCoStaker(d, previous);
        if (d.coStakers.includes(owner)) this.removeCoStaker(d, owner);
        d.owner = owner;
        d.offerOpen = false;
      },
    };
  }

  stake(caller: Address, device: Hex, amount: bigint): Outcome {
    if (amount === 0n) return { ok: false, error: 'StakingZeroAmount' };
    const d = this.devices.get(device);
    if (!d) return { ok: false, error: 'StakingUnknownDevice' };
    if (caller !== d.owner) return { ok: false, error: 'StakingNotDeviceOwner' };
    if (this.deviceActive(device) + amount < d.minimum) return { ok: false, error: 'StakingBelowMinimum' };
    return {
      ok: true,
      apply: () => {
        this.setActive(device, caller, this.activeOf(device, caller) + amount);
        this.pay(caller, -amount);
      },
    };
  }

  coStake(caller: Address, device: Hex, amount: bigint): Outcome {
    if (amount === 0n) return { ok: false, error: 'StakingZeroAmount' };
    const d = this.devices.get(device);
    if (!d) return { ok: false, error: 'StakingUnknownDevice' };
    if (caller === d.owner) return { ok: false, error: 'StakingOwnerCannotCoStake' };
    if (!d.offerOpen) return { ok: false, error: 'StakingNoCoStakeOffer' };
    const next = this.activeOf(device, caller) + amount;
    if (next < this.cfg.minCoStake) return { ok: false, error: 'StakingBelowMinimumCoStake' };
    const isNew = !d.coStakers.includes(caller);
    if (isNew && d.coStakers.length >= this.cfg.maxCoStakers) return { ok: false, error: 'StakingTooManyCoStakers' };
    return {
      ok: true,
      apply: () => {
        if (isNew) this.addCoStaker(d, caller);
        this.setActive(device, caller, next);
        this.pay(caller, -amount);
      },
    };
  }

  openOffer(caller: Address, device: Hex, shareBps: number): Outcome {
    const d = this.devices.get(device);
    if (!d) return { ok: false, error: 'StakingUnknownDevice' };
    if (caller !== d.owner) return { ok: false, error: 'StakingNotDeviceOwner' };
    if (shareBps === 0 || shareBps > 10_000) return { ok: false, error: 'StakingInvalidShare' };
    // Not lowered while any co-staker holds a slot (an active co-stake or a pending request).
    if (d.coStakers.length > 0 && shareBps < d.shareBps) return { ok: false, error: 'StakingShareDecrease' };
    return { ok: true, apply: () => Object.assign(d, { shareBps, offerOpen: true }) };
  }

  closeOffer(caller: Address, device: Hex): Outcome {
    const d = this.devices.get(device);
    if (!d) return { ok: false, error: 'StakingUnknownDevice' };
    if (caller !== d.owner) return { ok: false, error: 'StakingNotDeviceOwner' };
    if (!d.offerOpen) return { ok: false, error: 'StakingNoCoStakeOffer' };
    return { ok: true, apply: () => void (d.offerOpen = false) };
  }

  requestUnstake(caller: Address, device: Hex, amount: bigint): Outcome {
    if (amount === 0n) return { ok: false, error: 'StakingZeroAmount' };
    const available = this.activeOf(device, caller);
    if (amount > available) return { ok: false, error: 'StakingInsufficientStake' };
    return {
      ok: true,
      apply: () => {
        this.setActive(device, caller, available - amount);
        let id = this.openOf(device, caller);
        if (id === 0) {
          this.requests.push({ device, account: caller, amount: 0n, unlocksAt: 0n, withdrawn: false });
          id = this.requests.length;
          this.open.set(`${device}|${caller}`, id);
        }
        const r = this.requests[id - 1] as Req;
        r.amount += amount;
        r.unlocksAt = this.now + this.cfg.cooldown;
      },
    };
  }

  withdraw(caller: Address, requestId: number): Outcome {
    const r = this.requests[requestId - 1];
    if (!r) return { ok: false, error: 'StakingUnknownRequest' };
    if (r.account !== caller) return { ok: false, error: 'StakingNotRequester' };
    if (r.withdrawn) return { ok: false, error: 'StakingAlreadyWithdrawn' };
    if (this.now < r.unlocksAt) return { ok: false, error: 'StakingCooldownActive' };
    return {
      ok: true,
      apply: () => {
        r.withdrawn = true;
        this.open.delete(`${r.device}|${caller}`);
        const d = this.devices.get(r.device) as Dev;
        if (d.coStakers.includes(caller) && !this.holds(r.device, caller)) this.removeCoStaker(d, caller);
        this.pay(caller, r.amount);
      },
    };
  }

  slash({ device, amount, evidence, beneficiary }: { device: Hex; amount: bigint; evidence: Hex; beneficiary: Address }): Outcome {
    if (amount === 0n) return { ok: false, error: 'StakingZeroAmount' };
    if (this.evidence.has(evidence)) return { ok: false, error: 'StakingEvidenceUsed' };
    const available = this.deviceActive(device) + this.devicePending(device);
    if (available === 0n) return { ok: false, error: 'StakingNothingToSlash' };
    return {
      ok: true,
      apply: () => {
        const d = this.devices.get(device) as Dev;
        const taken = min(amount, available);
        this.evidence.add(evidence);
        const shares: [Address, bigint][] = [];
        let remaining = taken;
        for (const account of [d.owner, ...d.coStakers]) {
          const a = this.activeOf(device, account);
          const fromActive = min(ceilDiv(taken * a, available), remaining);
          remaining -= fromActive;
          let fromPending = 0n;
          const id = this.openOf(device, account);
          if (id !== 0) {
            const r = this.requests[id - 1] as Req;
            fromPending = min(ceilDiv(taken * r.amount, available), remaining);
            remaining -= fromPending;
            r.amount -= fromPending;
          }
          if (fromActive + fromPending === 0n) continue;
          this.setActive(device, account, a - fromActive);
          shares.push([account, fromActive + fromPending]);
        }
        for (let i = d.coStakers.length; i > 0; --i) {
          const account = d.coStakers[i - 1] as Address;
          if (!this.holds(device, account)) this.removeCoStaker(d, account);
        }
        this.slashes.push({ device, amount: taken, beneficiary, deadline: this.now + this.cfg.appealWindow, status: 1, shares });
      },
    };
  }

  overturn(slashId: number): Outcome {
    const s = this.slashes[slashId - 1];
    if (!s) return { ok: false, error: 'StakingUnknownSlash' };
    if (s.status !== 1) return { ok: false, error: 'StakingSlashNotPending' };
    if (this.now >= s.deadline) return { ok: false, error: 'StakingAppealWindowClosed' };
    return {
      ok: true,
      apply: () => {
        s.status = 2;
        for (const [account, amount] of s.shares) this.refunds.set(account, (this.refunds.get(account) ?? 0n) + amount);
      },
    };
  }

  resolve(slashId: number): Outcome {
    const s = this.slashes[slashId - 1];
    if (!s) return { ok: false, error: 'StakingUnknownSlash' };
    if (s.status !== 1) return { ok: false, error: 'StakingSlashNotPending' };
    if (this.now < s.deadline) return { ok: false, error: 'StakingAppealWindowOpen' };
    return {
      ok: true,
      apply: () => {
        s.status = 3;
        if (s.beneficiary === ZERO) this.burned += s.amount;
        else this.pay(s.beneficiary, s.amount);
      },
    };
  }

  claimRefund(caller: Address): Outcome {
    const amount = this.refunds.get(caller) ?? 0n;
    if (amount === 0n) return { ok: false, error: 'StakingNothingToRefund' };
    return {
      ok: true,
      apply: () => {
        this.refunds.set(caller, 0n);
        this.pay(caller, amount);
      },
    };
  }
}
