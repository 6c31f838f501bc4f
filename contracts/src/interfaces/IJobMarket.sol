// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IJobMarket
/// @notice Emeth-style job market of Tensorgrid, in GRID: requesters post jobs with a fee, nodes
/// accept them against a deposit, bonded verifiers pass or reject the results; during a window
/// whistleblowers may dispute a pass and the node may contest a rejection, and a referee
/// resolves the one disputed step. A verifier proven wrong loses the bond its verdict locked.
///
/// State machine (`JobState`):
///   post      → Open
///   Open      → Accepted   (accept, by a node with a free worker, by the deadline)
///   Open      → Cancelled  (cancel, by the requester: the fee is refunded)
///   Accepted  → Open       (decline, by the node: 25% of its deposit to the requester, the rest back)
///   Accepted  → TimedOut   (timeout, by anyone after the deadline: 25% to the requester, fee refunded)
///   Accepted  → Submitted  (submit, by the node by the deadline; no verdict is due after
///                           `verificationWindow` from then)
///   Submitted → Passed     (verdict true, by a verifier with verifierBond free: shares recorded,
///                           the bond locked, the challenge window opens)
///   Submitted → Rejected   (verdict false, same bond rule: the window to contest opens)
///   Passed    → Settled    (finalize, by anyone after the window: node and verifier paid)
///   Passed    → Disputed   (dispute, by a whistleblower with a bond, during the window)
///   Disputed  → Settled    (resolve, node right: paid at once; the bond goes to the node)
///   Disputed  → Slashed    (resolve, node wrong: 100% of the deposit lost, bounty + bond to the
///                           whistleblower, the rest of the deposit and the whole fee to the requester;
///                           the verifier who passed it loses its locked bond to the whistleblower)
///   Disputed  → Slashed    (resolveAudit: the same for the node, but the wrong step is one the
///                           verifier did not have to check, so its locked bond is released and
///                           it is paid its fee, out of the requester's refund)
///   Rejected  → Failed     (finalize, by anyone after the window: verifier fee and 25% from the
///                           deposit, fee refunded)
///   Rejected  → Contested  (contest, by the node, during the window)
///   Contested → Failed     (resolve, node wrong: 100% of the deposit lost, the verifier fee from it,
///                           the rest and the fee to the requester)
///   Contested → Submitted  (resolve, node right: the verifier's locked bond goes to the node; the
///                           job awaits another verdict, due `verificationWindow` from then)
///   Submitted → Unverified (expireUnverified, by anyone once no verdict came in `verificationWindow`:
///                           no verifier judged the job, so nobody is at fault: the fee back to the
///                           requester, the deposit to the node, no shares)
/// Cancelled, TimedOut, Failed, Settled, Slashed and Unverified are final. Every verdict locks `verifierBond`
/// of the verifier's bond until the job leaves Passed/Rejected/Disputed/Contested.
interface IJobMarket {
    /// @notice Where a job is in its life. `None` means no such job.
    enum JobState {
        None,
        Open,
        Accepted,
        Submitted,
        Passed,
        Disputed,
        Settled,
        Failed,
        TimedOut,
        Cancelled,
        Slashed,
        Rejected,
        Contested,
        Unverified
    }

    /// @notice A job as stored. Amounts are GRID base units; times are unix seconds.
    struct Job {
        address requester;
        uint64 deadline;
        JobState state;
        address node;
        uint64 challengeEndsAt;
        address verifier;
        uint64 verdictDay;
        address whistleblower;
        /// @notice While Submitted: when the job may be ended unverified if no verdict came (0 otherwise).
        uint64 verifyBy;
        bytes32 specHash;
        bytes32 resultRoot;
        bytes32 evidence;
        uint256 fee;
        uint256 gas;
        uint256 deposit;
        uint256 bond;
    }

    /// @notice The market's parameters, fixed at deployment.
    struct Params {
        /// @notice Paid to the verifier per job (default 10 GRID).
        uint256 verifierFee;
        /// @notice Deposit = gas × depositFactorBps / 10_000 (default 10_000 = 100%).
        uint16 depositFactorBps;
        /// @notice Share of the deposit lost on timeout (default 2_500).
        uint16 timeoutPenaltyBps;
        /// @notice Share of the deposit lost on decline (default 2_500).
        uint16 declinePenaltyBps;
        /// @notice Share of the deposit lost on a failed verification (default 2_500).
        uint16 failPenaltyBps;
        /// @notice Share of a slashed deposit paid to the whistleblower (default 5_000).
        uint16 bountyBps;
        /// @notice Seconds after a passing verdict during which it may be disputed (default 86_400).
        uint64 challengeWindow;
        /// @notice Seconds a submitted job waits for a verdict before anyone may end it unverified (default 172_800).
        uint64 verificationWindow;
        /// @notice Bond a whistleblower locks with a dispute (default 100 GRID).
        uint256 whistleblowerBond;
        /// @notice Part of a verifier's bond each verdict locks until the job closes (default 1_000 GRID).
        uint256 verifierBond;
    }

    /// @notice A requester posted a job and escrowed its fee.
    event JobPosted(uint256 indexed jobId, address indexed requester, bytes32 specHash, uint256 fee, uint256 gas, uint64 deadline);
    /// @notice A requester withdrew an open job; its fee was refunded.
    event JobCancelled(uint256 indexed jobId, address indexed requester, uint256 refunded);
    /// @notice A node accepted a job and locked its deposit.
    event JobAccepted(uint256 indexed jobId, address indexed node, uint256 deposit);
    /// @notice A node gave a job back: `penalty` went to the requester, `refunded` to the node; the job is open again.
    event JobDeclined(uint256 indexed jobId, address indexed node, uint256 penalty, uint256 refunded);
    /// @notice An accepted job passed its deadline unsubmitted: the penalty went to the requester with the fee.
    event JobTimedOut(uint256 indexed jobId, address indexed node, uint256 penalty, uint256 nodeRefund, uint256 feeRefund);
    /// @notice A node submitted its result's commitment root.
    event JobSubmitted(uint256 indexed jobId, address indexed node, bytes32 resultRoot);
    /// @notice A verifier passed a job: `gas` shares were recorded for the node on `day`; the challenge window ends at `challengeEndsAt`.
    event JobVerified(uint256 indexed jobId, address indexed verifier, uint64 day, uint256 shares, uint64 challengeEndsAt);
    /// @notice A verifier rejected a job; the node may contest until `contestEndsAt`.
    event JobRejected(uint256 indexed jobId, address indexed verifier, uint64 contestEndsAt);
    /// @notice The node contested a rejection; the referee re-runs the disputed step.
    event JobContested(uint256 indexed jobId, address indexed node);
    /// @notice The referee resolved a contested rejection (node wrong: the job failed with 100% of the deposit lost).
    event ContestResolved(uint256 indexed jobId, address indexed referee, bool nodeWrong);
    /// @notice A verifier proven wrong lost the bond its verdict locked, paid to `to`.
    event VerifierSlashed(uint256 indexed jobId, address indexed verifier, uint256 amount, address to);
    /// @notice An audit proved the node wrong at a step the verifier did not have to check: its locked bond was released and `feePaid` paid to it.
    event VerifierReleased(uint256 indexed jobId, address indexed verifier, uint256 feePaid);
    /// @notice A verifier added to its bond.
    event VerifierBonded(address indexed verifier, uint256 amount, uint256 bond);
    /// @notice A verifier withdrew free bond.
    event VerifierUnbonded(address indexed verifier, uint256 amount, uint256 bond);
    /// @notice A rejected job failed: the verifier was paid from the deposit, the penalty and the fee went to the requester.
    event JobFailed(uint256 indexed jobId, address indexed verifier, uint256 verifierPaid, uint256 penalty, uint256 nodeRefund, uint256 feeRefund);
    /// @notice A whistleblower disputed a passed job, locking `bond`.
    event JobDisputed(uint256 indexed jobId, address indexed whistleblower, bytes32 evidence, uint256 bond);
    /// @notice The referee resolved a dispute. When `nodeWrong`, the node's deposit was slashed:
    /// `bounty` (+ the bond) to the whistleblower, `requesterPaid` (rest of the deposit + the fee, less the
    /// verifier fee after `resolveAudit`) to the requester.
    event DisputeResolved(uint256 indexed jobId, address indexed referee, bool nodeWrong, uint256 bounty, uint256 requesterPaid);
    /// @notice No verdict came within the verification window: the fee went back to the requester, the deposit to the node.
    event JobUnverified(uint256 indexed jobId, address indexed node, uint256 nodeRefund, uint256 feeRefund);
    /// @notice A passed job paid out: the node got the fee less the verifier fee, its deposit and any forfeited bond.
    event JobSettled(uint256 indexed jobId, address indexed node, uint256 nodePaid, address indexed verifier, uint256 verifierPaid);
    /// @notice The oracle set how many jobs a node may run at once.
    event WorkersSet(address indexed node, uint32 workers);

    /// @notice No job has this id.
    error JobMarketJobNotFound(uint256 jobId);
    /// @notice The job is not in the state the call needs.
    error JobMarketWrongState(uint256 jobId, JobState state);
    /// @notice Only the job's requester may do this.
    error JobMarketNotRequester(uint256 jobId, address caller);
    /// @notice Only the job's node may do this.
    error JobMarketNotNode(uint256 jobId, address caller);
    /// @notice The job's node may not dispute its own job.
    error JobMarketNodeCannotDispute(uint256 jobId);
    /// @notice The fee does not cover the verifier fee.
    error JobMarketFeeTooLow(uint256 fee, uint256 minimum);
    /// @notice A job needs a positive gas.
    error JobMarketZeroGas();
    /// @notice The deadline is not in the future.
    error JobMarketDeadlineInPast(uint64 deadline, uint256 nowTs);
    /// @notice The job's deadline has passed.
    error JobMarketDeadlinePassed(uint256 jobId, uint64 deadline);
    /// @notice The job's deadline has not passed yet.
    error JobMarketDeadlineNotPassed(uint256 jobId, uint64 deadline);
    /// @notice The node already runs as many jobs as it has workers.
    error JobMarketNodeAtCapacity(address node, uint32 running, uint32 workers);
    /// @notice The challenge window has closed.
    error JobMarketChallengeWindowClosed(uint256 jobId, uint64 challengeEndsAt);
    /// @notice The challenge window is still open.
    error JobMarketChallengeWindowOpen(uint256 jobId, uint64 challengeEndsAt);
    /// @notice The submitted job may still get a verdict until `verifyBy`.
    error JobMarketVerificationWindowOpen(uint256 jobId, uint64 verifyBy);
    /// @notice A zero address was given where an account is required.
    error JobMarketZeroAddress();
    /// @notice A basis-point rate above 10_000 (100%).
    error JobMarketInvalidBps(uint16 bps);
    /// @notice An amount must be positive.
    error JobMarketZeroAmount();
    /// @notice The verifier's free bond does not cover the bond a verdict locks.
    error JobMarketVerifierBondTooLow(address verifier, uint256 free, uint256 required);
    /// @notice Only free bond can be withdrawn; the rest is locked by open verdicts.
    error JobMarketVerifierBondLocked(address verifier, uint256 requested, uint256 free);

    /// @notice Posts a job and escrows `fee` GRID from the caller (needs an allowance).
    /// @return jobId the new job's id (ids start at 1)
    function post(bytes32 specHash, uint256 fee, uint256 gas, uint64 deadline) external returns (uint256 jobId);

    /// @notice Withdraws an open job (no node holds it); the fee is refunded. Requester only.
    function cancel(uint256 jobId) external;

    /// @notice Accepts an open job by its deadline, locking gas × depositFactorBps / 10_000 GRID.
    function accept(uint256 jobId) external;

    /// @notice Gives an accepted job back: declinePenaltyBps of the deposit to the requester; the job reopens. The node only.
    function decline(uint256 jobId) external;

    /// @notice Ends an accepted, unsubmitted job after its deadline; anyone may call.
    function timeout(uint256 jobId) external;

    /// @notice Submits the result's commitment root by the deadline. The node only.
    function submit(uint256 jobId, bytes32 resultRoot) external;

    /// @notice Adds `amount` GRID to the caller's verifier bond (needs an allowance).
    function bondVerifier(uint256 amount) external;

    /// @notice Withdraws `amount` of the caller's free (unlocked) verifier bond.
    function unbondVerifier(uint256 amount) external;

    /// @notice Records a verifier's verdict on a submitted job, locking verifierBond of its bond. VERIFIER_ROLE only.
    function verdict(uint256 jobId, bool passed) external;

    /// @notice Disputes a passed job during its challenge window, locking the whistleblower bond.
    function dispute(uint256 jobId, bytes32 evidence) external;

    /// @notice Contests a rejection during its window. The job's node only.
    function contest(uint256 jobId) external;

    /// @notice Resolves a dispute or a contest after the one-step check. REFEREE_ROLE only.
    function resolve(uint256 jobId, bool nodeWrong) external;

    /// @notice Resolves a dispute whose node is proven wrong at a step the passing verifier did not
    /// have to check (outside the challenge its beacon draws: a whistleblower's audit): the node is
    /// slashed as by `resolve(jobId, true)`, but the verifier, which sampled other steps, gets its
    /// locked bond back and its fee (out of the requester's refund). Otherwise a requester, node
    /// and whistleblower acting together would get all their money back plus the bond of any
    /// honest verifier that passed a job wrong at one unsampled step. REFEREE_ROLE only.
    function resolveAudit(uint256 jobId) external;

    /// @notice After the window, pays out a passed job or fails a rejected one; anyone may call.
    function finalize(uint256 jobId) external;

    /// @notice Ends a submitted job that got no verdict by its `verifyBy` (no verifier took it, or
    /// the one whose rejection was overturned may not judge it again): the fee is refunded to the
    /// requester and the deposit to the node; neither is at fault. Anyone may call.
    function expireUnverified(uint256 jobId) external;

    /// @notice Sets how many jobs `node` may run at once. ORACLE_ROLE only.
    function setWorkers(address node, uint32 workers) external;

    /// @notice A job by id (all zero for an unknown id).
    function getJob(uint256 jobId) external view returns (Job memory);

    /// @notice A job's state (`None` for an unknown id).
    function stateOf(uint256 jobId) external view returns (JobState);

    /// @notice How many jobs a node may run at once.
    function workersOf(address node) external view returns (uint32);

    /// @notice How many accepted, unsubmitted jobs a node holds now.
    function runningOf(address node) external view returns (uint32);

    /// @notice Reward shares (the sum of passed jobs' gas) of `node` on UTC day `day`.
    function sharesOf(uint64 day, address node) external view returns (uint256);

    /// @notice The sum of all nodes' shares on UTC day `day` (what Rewards divides the day's pool by).
    function totalSharesOf(uint64 day) external view returns (uint256);

    /// @notice A verifier's bond and the part of it open verdicts lock.
    function verifierBondOf(address verifier) external view returns (uint256 bond, uint256 locked);

    /// @notice GRID the market owes: escrowed fees, locked deposits and bonds.
    function liabilities() external view returns (uint256);
}
